package io.shardline.proxy.backend;

/** No connection to a server became free in time. */
public final class PoolExhaustedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PoolExhaustedException(BackendServer server, int maxSize, long timeoutMillis) {
        super("no connection to " + server.name() + " became free within " + timeoutMillis + " ms ("
                + maxSize + " in use on this thread); raise datasources.*.pool.max-size or"
                + " server.backend-acquire-timeout, or reduce long transactions", null, false, false);
    }
}
