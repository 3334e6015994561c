package io.shardline.proxy.config;

/** A replica of a data source and its share of reads. */
public record ReplicaSpec(Endpoint address, int weight) {
}
