package io.shardline.proxy.config;

import java.util.List;

/**
 * A primary server with optional replicas, and the account the proxy logs into them with.
 *
 * @param password the backend password, held in memory only; never printed
 */
public record DataSourceSpec(String name, Endpoint primary, List<ReplicaSpec> replicas, String user,
                             String password, boolean tls, PoolSettings pool, ReadWriteSettings readWrite) {
    @Override
    public String toString() {
        return "DataSourceSpec[name=" + name + ", primary=" + primary + ", replicas=" + replicas + ", user=" + user + "]";
    }
}
