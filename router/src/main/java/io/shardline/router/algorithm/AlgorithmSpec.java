package io.shardline.router.algorithm;

import java.util.List;
import java.util.Map;

/**
 * A sharding strategy as a rule file writes it: the sharding column(s), the algorithm's type and its settings
 * ({@code count}, {@code boundaries}, {@code unit}, {@code suffix}, {@code expression}), all as text.
 */
public record AlgorithmSpec(String type, List<String> columns, Map<String, String> settings) {
    public AlgorithmSpec {
        columns = columns.stream().map(each -> each.strip().toLowerCase(java.util.Locale.ROOT)).toList();
        settings = Map.copyOf(settings);
    }
}
