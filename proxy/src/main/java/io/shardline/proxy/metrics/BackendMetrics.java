package io.shardline.proxy.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.shardline.proxy.backend.BackendServer;
import io.shardline.proxy.backend.PoolWaits;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * How long statements wait for a backend connection, per server: a histogram of every borrow from the server's
 * pools (zero when an idle connection was at hand). Its count is the borrows; the share above the first bucket is
 * the statements that waited at all. Fixed buckets, as for the statement latency.
 */
public final class BackendMetrics {
    private static final Duration[] BUCKETS = {Duration.ofNanos(100_000), Duration.ofMillis(1), Duration.ofMillis(5),
        Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private BackendMetrics() {}

    /** What the pools of {@code server} tell each borrow's wait to. */
    public static PoolWaits poolWaits(MeterRegistry registry, BackendServer server) {
        Timer timer = Timer.builder("shardline.backend.pool.wait")
                .description("Time statements waited for a connection of the server's pools (0 when one was idle)")
                .tag("datasource", server.dataSource()).tag("server", server.name())
                .serviceLevelObjectives(BUCKETS).register(registry);
        return nanos -> timer.record(nanos, TimeUnit.NANOSECONDS);
    }
}
