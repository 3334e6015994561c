package io.shardline.proxy.metrics;

/**
 * What the layers a client statement passes through note about it for the statement metrics and the slow query
 * log: where it was answered from ({@link Route}) and how many rows it sent or changed. One per session, reset when
 * a statement starts; plain fields, confined to the session's event loop, so noting costs a field write.
 */
public final class StatementTrace {
    private Route route = Route.LOCAL;
    private long rows;
    private int error;

    /** A statement starts: answered locally with no rows, until a layer says otherwise. */
    public void begin() {
        route = Route.LOCAL;
        rows = 0;
        error = 0;
    }

    public Route route() {
        return route;
    }

    /**
     * Set by the layer that decided: the result cache, the sharding rules. Wins over {@link #ranOn}: a statement
     * placed on one shard still runs on that shard's primary.
     */
    public void route(Route value) {
        route = value;
    }

    /** The statement (or a retry of it) was sent to a primary or a replica, unless a layer above decided already. */
    public void ranOn(boolean replica) {
        if (route == Route.LOCAL || route == Route.PRIMARY || route == Route.REPLICA) {
            route = replica ? Route.REPLICA : Route.PRIMARY;
        }
    }

    /** Rows sent to the client for a result set, plus rows a write affected. */
    public long rows() {
        return rows;
    }

    /** One row of a result set went to the client. */
    public void rowSent() {
        rows++;
    }

    /**
     * An ERR went to the client after the response had begun (a server's error in the middle of a result set, which
     * the first bytes of the response do not show).
     */
    public void failed(int code) {
        error = code;
    }

    /** The code of an ERR noted by {@link #failed}, or 0. */
    public int error() {
        return error;
    }

    /** A write's OK reported {@code count} affected rows. */
    public void affected(long count) {
        rows += count;
    }
}
