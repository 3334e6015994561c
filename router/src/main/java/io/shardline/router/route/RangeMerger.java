package io.shardline.router.route;

import io.shardline.router.algorithm.ShardValues;
import io.shardline.router.algorithm.ValueRange;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Joins the one-sided ranges an AND-group sets on one column ({@code id > 4 AND id < 7}) into one range
 * ({@code (4, 7)}), which algorithms can narrow where each half alone could not. Bounds are compared as numbers or
 * as datetimes; bounds of other or mixed types are left as separate constraints (each still narrows on its own).
 */
final class RangeMerger {
    private RangeMerger() {}

    static List<ColumnConstraint> merged(List<ColumnConstraint> constraints) {
        List<ColumnConstraint> result = new ArrayList<>();
        ValueRange range = null;
        for (ColumnConstraint each : constraints) {
            if (each instanceof ColumnConstraint.Within within) {
                ValueRange joined = range == null ? within.range() : intersect(range, within.range());
                if (joined == null) {
                    result.add(each);
                } else {
                    range = joined;
                }
            } else {
                result.add(each);
            }
        }
        if (range != null) {
            result.add(new ColumnConstraint.Within(range));
        }
        return result;
    }

    /** The intersection, or null when the bounds cannot be compared. */
    private static ValueRange intersect(ValueRange left, ValueRange right) {
        Object lower = left.lower();
        boolean lowerInclusive = left.lowerInclusive();
        if (right.lower() != null) {
            Integer order = lower == null ? Integer.valueOf(-1) : compare(lower, right.lower());
            if (order == null) {
                return null;
            }
            if (order < 0 || order == 0 && !right.lowerInclusive()) {
                lower = right.lower();
                lowerInclusive = right.lowerInclusive();
            }
        }
        Object upper = left.upper();
        boolean upperInclusive = left.upperInclusive();
        if (right.upper() != null) {
            Integer order = upper == null ? Integer.valueOf(1) : compare(upper, right.upper());
            if (order == null) {
                return null;
            }
            if (order > 0 || order == 0 && !right.upperInclusive()) {
                upper = right.upper();
                upperInclusive = right.upperInclusive();
            }
        }
        return new ValueRange(lower, lowerInclusive, upper, upperInclusive);
    }

    private static Integer compare(Object left, Object right) {
        BigDecimal leftNumber = ShardValues.decimal(left);
        BigDecimal rightNumber = ShardValues.decimal(right);
        if (leftNumber != null && rightNumber != null) {
            return leftNumber.compareTo(rightNumber);
        }
        LocalDateTime leftTime = ShardValues.dateTime(left);
        LocalDateTime rightTime = ShardValues.dateTime(right);
        if (leftTime != null && rightTime != null) {
            return leftTime.compareTo(rightTime);
        }
        return null;
    }
}
