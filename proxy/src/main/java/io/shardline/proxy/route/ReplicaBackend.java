package io.shardline.proxy.route;

import io.shardline.proxy.backend.BackendPools;

/** A replica of a data source: its pools and its share of reads. */
public record ReplicaBackend(BackendPools pools, int weight) {
    public String name() {
        return pools.server().name();
    }
}
