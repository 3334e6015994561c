package io.shardline.proxy.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.shardline.proxy.rules.LiveRules;

/**
 * The router's side: the sharding planner's cache of parsed statement shapes (a hit skips JSqlParser; the hit ratio
 * says whether the cache holds the application's shapes), and the version of the rules in force. All read at
 * scrape time from what the router keeps anyway.
 */
public final class RouterMetrics {
    private RouterMetrics() {}

    /**
     * @param rules the rules in force: their version, and the planner of that version (planners of all versions share
     *              the cache counted here). The meters read it at each scrape; it lives as long as the proxy.
     */
    public static void register(MeterRegistry registry, LiveRules rules) {
        FunctionCounter.builder("shardline.plan.cache.requests", rules, each -> each.current().planner().cacheHits())
                .description("Lookups of a sharded statement's parsed shape, by result (a miss runs JSqlParser)")
                .tag("result", "hit").register(registry);
        FunctionCounter.builder("shardline.plan.cache.requests", rules, each -> each.current().planner().cacheMisses())
                .description("Lookups of a sharded statement's parsed shape, by result (a miss runs JSqlParser)")
                .tag("result", "miss").register(registry);
        Gauge.builder("shardline.plan.cache.entries", rules, each -> each.current().planner().cachedShapes())
                .description("Parsed statement shapes the sharding planner keeps").register(registry);
        Gauge.builder("shardline.rules.version", rules, each -> each.current().version())
                .description("Version of the rules in force; changes when new rules are applied").register(registry);
    }
}
