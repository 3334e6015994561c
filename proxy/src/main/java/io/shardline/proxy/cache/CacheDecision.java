package io.shardline.proxy.cache;

import java.util.List;

/**
 * A read the cache may answer: the tables it reads ("schema.table"), how long its response may be served and the
 * rule that allowed it (a metric label: {@code hint} or a rule's name).
 */
public record CacheDecision(List<String> tables, long ttlNanos, String rule) {
    public CacheDecision {
        tables = List.copyOf(tables);
    }
}
