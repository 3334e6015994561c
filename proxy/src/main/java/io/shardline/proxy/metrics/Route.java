package io.shardline.proxy.metrics;

import java.util.Locale;

/**
 * Where a client statement was answered from, as the statement metrics and the slow query log label it. A small
 * fixed set, so the label stays low-cardinality: server names are on other meters.
 */
public enum Route {
    /** Relayed from the primary of a data source (writes, reads that must see them, transactions). */
    PRIMARY,
    /** Relayed from a replica (read/write splitting). */
    REPLICA,
    /** Placed by the sharding rules on one data node. */
    SHARDS_1,
    /** Placed by the sharding rules on several data nodes: run on each, the answers merged or added up. */
    SHARDS_N,
    /** A write to a broadcast table: the same statement on every data source holding a copy. */
    BROADCAST,
    /** Answered by the proxy itself, with no backend: session commands, refusals, errors before routing. */
    LOCAL,
    /** Answered from the result cache. */
    CACHE;

    private final String label = name().toLowerCase(Locale.ROOT);

    /** The label value: the name in lower case ({@code shards_n}). */
    public String label() {
        return label;
    }
}
