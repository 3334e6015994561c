package io.shardline.proxy.config;

import java.time.Duration;

/**
 * Backend connection pool of one server.
 *
 * @param maxSize connections to the server at most, over all event loops
 * @param minIdle idle connections kept open per event loop even when unused
 * @param idleTimeout an idle connection beyond minIdle is closed after this
 * @param maxLifetime a connection is retired (when idle) after this, so server-side resources are renewed
 * @param connectTimeout TCP connect plus login
 * @param validateAfterIdle a connection idle longer than this is pinged before use
 */
public record PoolSettings(int maxSize, int minIdle, Duration idleTimeout, Duration maxLifetime,
                           Duration connectTimeout, Duration validateAfterIdle) {
    public static final PoolSettings DEFAULTS = new PoolSettings(
            512, 0, Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofSeconds(5), Duration.ofSeconds(30));
}
