package io.shardline.router.algorithm;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** An algorithm that reads one sharding column: it places a row by that column's value alone. */
public sealed interface SingleColumnSharding extends ShardingAlgorithm
        permits ModSharding, HashModSharding, RangeSharding, IntervalSharding {

    /** The sharding column, lower case. */
    String column();

    /** The one target holding rows whose column has {@code value}. */
    String targetOf(List<String> targets, Object value);

    @Override
    default Set<String> columns() {
        return Set.of(column());
    }

    @Override
    default String target(List<String> targets, Map<String, Object> values) {
        if (!values.containsKey(column())) {
            throw new ShardingException("placing a row needs a value for " + column());
        }
        return targetOf(targets, values.get(column()));
    }
}
