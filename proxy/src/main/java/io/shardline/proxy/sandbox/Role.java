package io.shardline.proxy.sandbox;

import java.util.Locale;

/** What a sandbox server is for; decides its options (replicas are read-only) and its setup (replication). */
public enum Role {
    PRIMARY,
    REPLICA,
    SHARD;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
