package io.shardline.router.route;

/** Which server of a data source a statement goes to. */
public enum Target {
    PRIMARY,
    REPLICA
}
