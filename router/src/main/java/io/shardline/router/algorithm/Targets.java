package io.shardline.router.algorithm;

import java.util.List;
import java.util.function.Supplier;

/**
 * Finds a target (an actual table or data source name) by its numeric or textual suffix: {@code t_order_3} for
 * index 3, {@code t_log_202402} for suffix 202402. Numbers compare as numbers, so {@code t_order_03} is index 3 and
 * index 1 never matches {@code t_order_11}. The algorithm's name is asked for only when a lookup fails: these run
 * for every statement routed.
 */
public final class Targets {
    private Targets() {}

    /** The trailing digits of a name as a number, or -1 when it has none. */
    public static long trailingNumber(String name) {
        int start = name.length();
        while (start > 0 && isAsciiDigit(name.charAt(start - 1))) {
            start--;
        }
        if (start == name.length() || name.length() - start > 18) {
            return -1;
        }
        long result = 0;
        for (int i = start; i < name.length(); i++) {
            result = result * 10 + (name.charAt(i) - '0');
        }
        return result;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The one target whose trailing number is {@code index}. */
    static String byIndex(List<String> targets, long index, Supplier<String> algorithm, Object value) {
        for (String each : targets) {
            if (trailingNumber(each) == index) {
                return each;
            }
        }
        throw new ShardingException(algorithm.get() + " puts " + ShardValues.describe(value) + " in shard " + index
                + ", but no data node among " + targets + " ends with " + index
                + "; make the data nodes and the algorithm's shard count agree");
    }

    /** The one target whose name ends with {@code suffix}. */
    static String bySuffix(List<String> targets, String suffix, Supplier<String> algorithm, Object value) {
        for (String each : targets) {
            if (each.endsWith(suffix)) {
                return each;
            }
        }
        throw new ShardingException(algorithm.get() + " puts " + ShardValues.describe(value) + " in the table ending with "
                + suffix + ", but no data node among " + targets + " does; add it to the data nodes");
    }
}
