package io.shardline.proxy.config;

import java.time.Duration;
import java.util.List;

/**
 * The {@code result-cache:} section (docs/result-cache.md). Nothing is cached unless a rule or a hint asks for it.
 *
 * @param enabled       false turns the cache off entirely: no lookups, no recording, no invalidation work
 * @param maxBytes      the most the stored responses may weigh together; the least recently used go first
 * @param maxEntryBytes a response larger than this is not stored
 * @param defaultTtl    the time to live of an entry whose rule or hint names none
 * @param rules         in file order; see {@link CacheRule}
 */
public record ResultCacheSettings(boolean enabled, long maxBytes, long maxEntryBytes, Duration defaultTtl,
                                  List<CacheRule> rules) {
    public static final ResultCacheSettings DISABLED = new ResultCacheSettings(false, 64L << 20, 1L << 20,
            Duration.ofSeconds(10), List.of());

    public ResultCacheSettings {
        rules = List.copyOf(rules);
    }
}
