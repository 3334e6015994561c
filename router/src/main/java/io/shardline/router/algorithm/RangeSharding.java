package io.shardline.router.algorithm;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code range}: ascending boundaries split the number line; with boundaries [1000, 2000] a key below 1000 goes to
 * shard 0, from 1000 to below 2000 to shard 1, from 2000 up to shard 2 (the target whose name ends with that
 * number). A range condition touches only the shards it overlaps.
 */
public record RangeSharding(String column, List<BigDecimal> boundaries) implements SingleColumnSharding {
    public RangeSharding {
        boundaries = List.copyOf(boundaries);
        if (boundaries.isEmpty()) {
            throw new IllegalArgumentException("range needs at least one boundary");
        }
        for (int i = 1; i < boundaries.size(); i++) {
            if (boundaries.get(i).compareTo(boundaries.get(i - 1)) <= 0) {
                throw new IllegalArgumentException("range boundaries must rise strictly: " + boundaries.get(i - 1)
                        + " is followed by " + boundaries.get(i));
            }
        }
    }

    @Override
    public String targetOf(List<String> targets, Object value) {
        return Targets.byIndex(targets, shard(number(value)), this::name, value);
    }

    private BigDecimal number(Object value) {
        BigDecimal number = ShardValues.decimal(value);
        if (number == null) {
            throw new ShardingException(name() + " needs a number, got " + ShardValues.describe(value)
                    + "; compare " + column + " with a number");
        }
        return number;
    }

    /** The number of boundaries at or below the key. */
    private int shard(BigDecimal key) {
        int shard = 0;
        while (shard < boundaries.size() && key.compareTo(boundaries.get(shard)) >= 0) {
            shard++;
        }
        return shard;
    }

    @Override
    public List<String> targets(List<String> targets, String column, ValueRange range) {
        BigDecimal lower = ShardValues.decimal(range.lower());
        BigDecimal upper = ShardValues.decimal(range.upper());
        if (range.lower() != null && lower == null || range.upper() != null && upper == null) {
            return targets;
        }
        if (lower != null && upper != null && (lower.compareTo(upper) > 0
                || lower.compareTo(upper) == 0 && !(range.lowerInclusive() && range.upperInclusive()))) {
            return List.of();
        }
        int first = lower == null ? 0 : shard(lower);
        int last = upper == null ? boundaries.size() : shard(upper);
        if (upper != null && !range.upperInclusive() && last > 0 && upper.compareTo(boundaries.get(last - 1)) == 0) {
            last--; // < 2000 does not reach the shard that starts at 2000
        }
        List<String> result = new ArrayList<>();
        for (int shard = first; shard <= last; shard++) {
            result.add(Targets.byIndex(targets, shard, this::name, range));
        }
        return ModSharding.inOrder(targets, result);
    }

    private String name() {
        return "range(" + column + ")";
    }
}
