package io.shardline.proxy.health;

/** What a monitored server is for; decides which checks run on it. */
public enum Role {
    /** Takes writes; checked for liveness, {@code read_only} and its GTID position. */
    PRIMARY,
    /** Serves reads; additionally checked for replication threads and lag. */
    REPLICA
}
