package io.shardline.proxy.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.shardline.proxy.slowlog.SlowQueryLog;
import io.shardline.router.classify.StatementKind;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Client statements as the client saw them: time from the command's arrival to the end of its response, by
 * statement kind, outcome and {@link Route}, and errors by MySQL error code. The latency histogram has fixed buckets
 * (service level objectives from 1 ms to 10 s) rather than Micrometer's percentile histogram, to keep the series
 * few. Timers are found by index (kind, route, outcome), so recording allocates nothing; each is created, and
 * registered, the first time its label set is seen.
 */
public final class StatementMetrics {
    private static final Duration[] BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofSeconds(5), Duration.ofSeconds(10)};
    private static final int KINDS = StatementKind.values().length;
    private static final int ROUTES = Route.values().length;

    private final MeterRegistry registry;
    private final AtomicReferenceArray<Timer> timers = new AtomicReferenceArray<>(KINDS * ROUTES * 2);
    private final Map<Integer, Counter> errors = new ConcurrentHashMap<>();
    private final SlowQueryLog slowLog;

    public StatementMetrics(MeterRegistry registry) {
        this(registry, null);
    }

    /** @param slowLog where slow statements are written; null when the slow query log is off */
    public StatementMetrics(MeterRegistry registry, SlowQueryLog slowLog) {
        this.registry = registry;
        this.slowLog = slowLog;
    }

    /** The slow query log, or null when it is off. */
    public SlowQueryLog slowLog() {
        return slowLog;
    }

    /** A statement of {@code kind} answered by {@code route} ended after {@code nanos}; {@code error} its code or 0. */
    public void finished(StatementKind kind, Route route, long nanos, int error) {
        int index = (kind.ordinal() * ROUTES + route.ordinal()) * 2 + (error == 0 ? 0 : 1);
        Timer timer = timers.get(index);
        if (timer == null) {
            timer = Timer.builder("shardline.statements")
                    .description("Client statements from arrival to the end of their response, by kind, outcome"
                            + " and route").tag("kind", kind.name().toLowerCase(java.util.Locale.ROOT))
                    .tag("outcome", error == 0 ? "ok" : "error").tag("route", route.label())
                    .serviceLevelObjectives(BUCKETS).register(registry);
            timers.set(index, timer); // a race registers the same meter twice: Micrometer returns the one it has
        }
        timer.record(nanos, TimeUnit.NANOSECONDS);
        if (error != 0) {
            errors.computeIfAbsent(error, code -> Counter.builder("shardline.statements.errors")
                    .description("Error packets sent to clients, by MySQL error code")
                    .tag("code", Integer.toString(code)).register(registry)).increment();
        }
    }
}
