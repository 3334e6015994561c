package io.shardline.proxy.cache;

import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.MeterRegistry;
import io.shardline.proxy.config.ResultCacheSettings;
import io.shardline.router.cache.TableAccessAnalyzer;

/**
 * What sessions share of the result cache: the entries, the policy and the analysis of which tables a statement
 * reads and writes (its parsed shapes are cached, so one statement shape is parsed once).
 */
public record ResultCaching(ResultCache cache, CachePolicy policy, TableAccessAnalyzer analyzer) {
    private static final long SHAPES = 10_000;

    /** Null when the configuration leaves the cache off. */
    public static ResultCaching of(ResultCacheSettings settings, MeterRegistry registry) {
        if (!settings.enabled()) {
            return null;
        }
        TableAccessAnalyzer analyzer = new TableAccessAnalyzer(SHAPES);
        return new ResultCaching(new ResultCache(settings, registry, Ticker.systemTicker()),
                new CachePolicy(settings, analyzer), analyzer);
    }
}
