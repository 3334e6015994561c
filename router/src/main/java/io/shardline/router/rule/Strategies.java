package io.shardline.router.rule;

import io.shardline.router.algorithm.HashModSharding;
import io.shardline.router.algorithm.InlineSharding;
import io.shardline.router.algorithm.IntervalSharding;
import io.shardline.router.algorithm.ModSharding;
import io.shardline.router.algorithm.RangeSharding;
import io.shardline.router.algorithm.ShardingAlgorithm;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * A sharding strategy in words, with every parameter that decides where a row goes: two strategies place rows
 * alike exactly when their descriptions are equal (the algorithms' own equality cannot say so for inline
 * templates, which are compiled objects).
 */
public final class Strategies {
    private Strategies() {}

    /** e.g. {@code mod(order_id, 4)}, {@code range(id: 100, 200)}, {@code inline(t_order_${order_id % 4})}. */
    public static String describe(ShardingAlgorithm strategy) {
        if (strategy == null) {
            return "none";
        }
        if (strategy instanceof ModSharding mod) {
            return "mod(" + mod.column() + ", " + mod.count() + ")";
        }
        if (strategy instanceof HashModSharding hash) {
            return "hash-mod(" + hash.column() + ", " + hash.count() + ")";
        }
        if (strategy instanceof RangeSharding range) {
            StringBuilder result = new StringBuilder("range(").append(range.column()).append(':');
            for (BigDecimal each : range.boundaries()) {
                result.append(' ').append(each.toPlainString()).append(',');
            }
            result.setLength(result.length() - (range.boundaries().isEmpty() ? 0 : 1));
            return result.append(')').toString();
        }
        if (strategy instanceof IntervalSharding interval) {
            return "interval(" + interval.column() + ", " + interval.unit().name().toLowerCase(Locale.ROOT) + ", "
                    + interval.suffix() + ")";
        }
        InlineSharding inline = (InlineSharding) strategy;
        return "inline(" + inline.text() + ")";
    }
}
