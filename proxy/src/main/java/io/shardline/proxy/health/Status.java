package io.shardline.proxy.health;

/** A server's health as the router sees it. The rules that assign it are in {@link StatusRules}. */
public enum Status {
    /** Reachable and, for a replica, replicating within its allowed lag: may serve. */
    UP,
    /** Failed its checks {@link HealthSettings#failuresBeforeDown()} times in a row: must not serve. */
    DOWN,
    /** A reachable replica that is too far behind (or cannot tell how far): must not serve reads. */
    LAGGING,
    /** Not checked yet. */
    UNKNOWN
}
