package io.shardline.router.algorithm;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code mod}: an integer key goes to shard {@code key mod count} (never negative: -1 mod 4 is 3), the target whose
 * name ends with that number. A range of fewer than {@code count} consecutive integers touches only their shards.
 */
public record ModSharding(String column, int count) implements SingleColumnSharding {
    public ModSharding {
        if (count < 1) {
            throw new IllegalArgumentException("mod needs a shard count of at least 1, got " + count);
        }
    }

    @Override
    public String targetOf(List<String> targets, Object value) {
        return Targets.byIndex(targets, shard(value), this::name, value);
    }

    long shard(Object value) {
        if (value instanceof Long || value instanceof Integer) {
            return Math.floorMod(((Number) value).longValue(), (long) count); // as BigInteger.mod: never negative
        }
        BigInteger key = ShardValues.integer(value);
        if (key == null) {
            throw new ShardingException(name() + " needs an integer, got " + ShardValues.describe(value)
                    + "; compare " + column + " with an integer value");
        }
        return key.mod(BigInteger.valueOf(count)).longValue();
    }

    @Override
    public List<String> targets(List<String> targets, String column, ValueRange range) {
        BigInteger lower = ShardValues.integer(range.lower());
        BigInteger upper = ShardValues.integer(range.upper());
        if (lower == null || upper == null) {
            return targets;
        }
        if (!range.lowerInclusive()) {
            lower = lower.add(BigInteger.ONE);
        }
        if (!range.upperInclusive()) {
            upper = upper.subtract(BigInteger.ONE);
        }
        if (upper.compareTo(lower) < 0) {
            return List.of();
        }
        if (upper.subtract(lower).compareTo(BigInteger.valueOf(count - 1L)) >= 0) {
            return targets;
        }
        List<String> result = new ArrayList<>();
        for (BigInteger key = lower; key.compareTo(upper) <= 0; key = key.add(BigInteger.ONE)) {
            String target = Targets.byIndex(targets, key.mod(BigInteger.valueOf(count)).longValue(), this::name, key);
            if (!result.contains(target)) {
                result.add(target);
            }
        }
        return inOrder(targets, result);
    }

    static List<String> inOrder(List<String> targets, List<String> chosen) {
        List<String> result = new ArrayList<>(chosen.size());
        for (String each : targets) {
            if (chosen.contains(each)) {
                result.add(each);
            }
        }
        return result;
    }

    private String name() {
        return "mod(" + column + ", " + count + ")";
    }
}
