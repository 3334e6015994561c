package io.shardline.proxy.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Client statements as the client saw them: time from the command's arrival to the end of its response, by
 * statement kind and outcome, and errors by MySQL error code. The latency histogram has fixed buckets (service
 * level objectives from 1 ms to 10 s) rather than Micrometer's percentile histogram, to keep the series few.
 */
public final class StatementMetrics {
    private static final Duration[] BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final MeterRegistry registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<Integer, Counter> errors = new ConcurrentHashMap<>();

    public StatementMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A statement of {@code kind} (a StatementKind name) ended after {@code nanos}; {@code error} its code or 0. */
    public void finished(String kind, long nanos, int error) {
        String key = error == 0 ? kind : kind + "/error";
        Timer timer = timers.get(key);
        if (timer == null) {
            timer = timers.computeIfAbsent(key, k -> Timer.builder("shardline.statements")
                    .description("Client statements from arrival to the end of their response, by kind and outcome")
                    .tag("kind", kind.toLowerCase(Locale.ROOT)).tag("outcome", error == 0 ? "ok" : "error")
                    .serviceLevelObjectives(BUCKETS).register(registry));
        }
        timer.record(nanos, TimeUnit.NANOSECONDS);
        if (error != 0) {
            errors.computeIfAbsent(error, code -> Counter.builder("shardline.statements.errors")
                    .description("Error packets sent to clients, by MySQL error code")
                    .tag("code", Integer.toString(code)).register(registry)).increment();
        }
    }
}
