package io.shardline.proxy.config;

import java.time.Duration;

/**
 * How a data source with replicas splits reads from writes.
 *
 * @param loadBalance how reads are spread over healthy replicas
 * @param maxReplicaLag a replica further behind than this serves no reads
 * @param consistency what a session's reads may see after its own writes
 * @param writeWindow for {@link Consistency#PRIMARY_AFTER_WRITE}: reads stay on the primary this long after a write
 * @param fallback where reads go when no replica is healthy
 * @param followReadOnly send writes to a replica that turned writable while the configured primary turned
 *     read_only (a failover done by an outside tool)
 */
public record ReadWriteSettings(LoadBalance loadBalance, Duration maxReplicaLag, Consistency consistency,
                                Duration writeWindow, Fallback fallback, boolean followReadOnly) {
    public static final ReadWriteSettings DEFAULTS = new ReadWriteSettings(LoadBalance.WEIGHTED_ROUND_ROBIN,
            Duration.ofSeconds(10), Consistency.GLOBAL_CAUSAL, Duration.ofSeconds(1), Fallback.PRIMARY, false);

    public enum LoadBalance { WEIGHTED_ROUND_ROBIN, LEAST_CONNECTIONS }

    public enum Consistency {
        /**
         * Reads go to a replica only once it has applied every write acknowledged through this proxy on the data
         * source, whichever session made it: what one server shows, even across a client's connection pool.
         */
        GLOBAL_CAUSAL,
        /** Reads go to a replica only once it has applied the session's last write (its GTID). */
        CAUSAL,
        /** After a write, the session reads from the primary for the write window. */
        PRIMARY_AFTER_WRITE
    }

    public enum Fallback { PRIMARY, FAIL }
}
