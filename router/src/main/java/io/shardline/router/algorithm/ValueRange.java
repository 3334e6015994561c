package io.shardline.router.algorithm;

/**
 * The values a statement's condition allows for one sharding column: {@code BETWEEN a AND b}, {@code > a},
 * {@code <= b}, ... A null bound is unbounded. An exact value is the range [v, v].
 */
public record ValueRange(Object lower, boolean lowerInclusive, Object upper, boolean upperInclusive) {
    public static ValueRange between(Object lower, Object upper) {
        return new ValueRange(lower, true, upper, true);
    }

    public static ValueRange exactly(Object value) {
        return new ValueRange(value, true, value, true);
    }

    public static ValueRange atLeast(Object lower, boolean inclusive) {
        return new ValueRange(lower, inclusive, null, false);
    }

    public static ValueRange atMost(Object upper, boolean inclusive) {
        return new ValueRange(null, false, upper, inclusive);
    }

    @Override
    public String toString() {
        return (lowerInclusive ? "[" : "(") + (lower == null ? "-inf" : ShardValues.describe(lower)) + ", "
                + (upper == null ? "+inf" : ShardValues.describe(upper)) + (upperInclusive ? "]" : ")");
    }
}
