package io.shardline.proxy.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The result cache's meters (names in docs/result-cache.md, "Metrics"). Counters are labelled by the rule that
 * made a read cacheable ({@code hint}, or a rule's name), found with one map lookup after the first use.
 */
final class CacheMetrics {
    static final String HIT = "hit";
    static final String MISS = "miss";
    /** A miss that waited for the same read another session was already running, instead of running it too. */
    static final String COALESCED = "coalesced";

    private final MeterRegistry registry;
    private final Map<MeterKey, Counter> counters = new ConcurrentHashMap<>();

    /** A counter's identity; a record, so looking one up builds no string. */
    private record MeterKey(String name, String value, String rule) {
    }

    CacheMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void lookup(String result, String rule) {
        counter("shardline.result_cache.requests", "Cacheable reads by how the cache answered them",
                "result", result, rule).increment();
    }

    void put(String rule) {
        counter("shardline.result_cache.puts", "Responses stored", "rule", rule, null).increment();
    }

    /** A response not stored: the reason (error, too_large, warnings, stale, state) labels it. */
    void skipped(String reason, String rule) {
        counter("shardline.result_cache.skipped", "Cacheable reads whose response was not stored",
                "reason", reason, rule).increment();
    }

    void evicted(String cause, String rule) {
        counter("shardline.result_cache.evictions", "Entries removed by the size bound (size), by their TTL"
                + " (expired) or found stale after a write (invalidated)", "cause", cause, rule).increment();
    }

    /** One write invalidated its tables ({@code tables}) or, not knowing them, everything ({@code all}). */
    void invalidated(String scope) {
        counter("shardline.result_cache.invalidations", "Writes that invalidated cached reads", "scope", scope,
                null).increment();
    }

    /** The sum of a counter over every rule, e.g. every hit; 0 before the first. */
    double total(String name, String value) {
        double result = 0;
        for (Map.Entry<MeterKey, Counter> each : counters.entrySet()) {
            if (each.getKey().name().equals(name) && java.util.Objects.equals(each.getKey().value(), value)) {
                result += each.getValue().count();
            }
        }
        return result;
    }

    double lookups(String result) {
        return total("shardline.result_cache.requests", result);
    }

    double evictions(String cause) {
        return total("shardline.result_cache.evictions", cause);
    }

    private Counter counter(String name, String description, String tag, String value, String rule) {
        MeterKey key = new MeterKey(name, value, rule);
        Counter result = counters.get(key);
        if (result == null) {
            result = counters.computeIfAbsent(key, k -> {
                Counter.Builder builder = Counter.builder(name).description(description).tag(tag, value);
                if (rule != null) {
                    builder.tag("rule", rule);
                }
                return builder.register(registry);
            });
        }
        return result;
    }
}
