package io.shardline.proxy.health;

import java.time.Duration;
import java.util.Objects;

/**
 * How the {@link HealthMonitor} checks.
 *
 * @param interval           time between the starts of two rounds of checks (default 500 ms); a round that
 *                           takes longer delays the next one rather than overlapping it
 * @param timeout            how long one server's check may take, connecting included (default 1 s); the JDBC
 *                           driver's own timeouts cannot go below 250 ms, so a shorter value only shortens how
 *                           long a round waits
 * @param failuresBeforeDown failed checks in a row that make a server {@link Status#DOWN} (default 2: one late
 *                           answer is usually a starved check thread on a loaded host, not a dead server, and a
 *                           DOWN primary fails every write at once)
 */
public record HealthSettings(Duration interval, Duration timeout, int failuresBeforeDown) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(500);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);
    public static final int DEFAULT_FAILURES_BEFORE_DOWN = 2;

    public HealthSettings {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(timeout, "timeout");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the health check interval must be positive, got " + interval);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the health check timeout must be positive, got " + timeout);
        }
        if (failuresBeforeDown < 1) {
            throw new IllegalArgumentException("failuresBeforeDown must be at least 1, got " + failuresBeforeDown);
        }
    }

    /** 500 ms interval, 1 s timeout, down after two failures in a row. */
    public static HealthSettings defaults() {
        return new HealthSettings(DEFAULT_INTERVAL, DEFAULT_TIMEOUT, DEFAULT_FAILURES_BEFORE_DOWN);
    }
}
