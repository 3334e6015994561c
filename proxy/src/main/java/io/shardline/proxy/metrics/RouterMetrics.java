package io.shardline.proxy.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.shardline.router.plan.ShardPlanner;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The router's side: the sharding planner's cache of parsed statement shapes (a hit skips JSqlParser; the hit ratio
 * says whether the cache holds the application's shapes), and the version of the rules in force. All read at
 * scrape time from what the router keeps anyway.
 */
public final class RouterMetrics {
    private RouterMetrics() {}

    /**
     * @param planner      the planner in force (one per rules version; they share the cache counted here)
     * @param rulesVersion the version of the sharding and routing rules in force now
     */
    public static void register(MeterRegistry registry, Supplier<ShardPlanner> planner, LongSupplier rulesVersion) {
        FunctionCounter.builder("shardline.plan.cache.requests", planner, each -> each.get().cacheHits())
                .description("Lookups of a sharded statement's parsed shape, by result (a miss runs JSqlParser)")
                .tag("result", "hit").register(registry);
        FunctionCounter.builder("shardline.plan.cache.requests", planner, each -> each.get().cacheMisses())
                .description("Lookups of a sharded statement's parsed shape, by result (a miss runs JSqlParser)")
                .tag("result", "miss").register(registry);
        Gauge.builder("shardline.plan.cache.entries", planner, each -> each.get().cachedShapes())
                .description("Parsed statement shapes the sharding planner keeps").register(registry);
        Gauge.builder("shardline.rules.version", rulesVersion, LongSupplier::getAsLong)
                .description("Version of the rules in force; changes when new rules are applied").register(registry);
    }
}
