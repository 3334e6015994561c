package io.shardline.router.merge;

import java.util.ArrayList;
import java.util.List;

/**
 * When a grouping merge can run as the rows arrive instead of collecting them, and the order the shards must then
 * send their rows in. A GROUP BY qualifies when its merge order is the group keys' own (no ORDER BY, or one that
 * is exactly the group keys in turn, each in either direction): with every shard's rows sorted that way, a
 * group's rows are next to each other once k-way merged, so a group is complete when a row with another key comes.
 * SELECT DISTINCT without GROUP BY qualifies likewise with its visible columns as the keys. Left collecting: an
 * aggregate without GROUP BY (one row anyway), COUNT(DISTINCT ...) (the shards also group by its value, so a
 * group's rows would not be adjacent), an ORDER BY of anything else (an aggregate, a prefix of the keys), and
 * DISTINCT over {@code *} (its columns, hence the shards' ORDER BY, are unknown until the shards answer).
 */
final class StreamOrder {
    private StreamOrder() {}

    /**
     * The shards' row order for a streaming grouping of {@code plan}; empty when the grouping must collect.
     *
     * @param visibleColumns the select list's length; -1 when it has {@code *}
     */
    static List<SortKey> of(MergePlan plan, int visibleColumns) {
        if (plan.grouped()) {
            boolean keysOnly = !plan.groupKeys().isEmpty() && plan.distinctValues().isEmpty() && !plan.distinct();
            return keysOnly ? orderOn(plan.groupKeys(), plan.order()) : List.of();
        }
        if (plan.distinct() && visibleColumns > 0 && plan.hiddenColumns() == 0) {
            List<Slot> columns = new ArrayList<>(visibleColumns);
            for (int i = 0; i < visibleColumns; i++) {
                columns.add(Slot.visible(i));
            }
            return orderOn(columns, plan.order());
        }
        return List.of();
    }

    /** {@code keys} ascending when there is no ORDER BY, the ORDER BY when it is {@code keys} in turn, else none. */
    private static List<SortKey> orderOn(List<Slot> keys, List<SortKey> order) {
        if (order.isEmpty()) {
            List<SortKey> result = new ArrayList<>(keys.size());
            keys.forEach(each -> result.add(new SortKey(each, false)));
            return result;
        }
        if (order.size() != keys.size()) {
            return List.of();
        }
        for (int i = 0; i < keys.size(); i++) {
            if (!order.get(i).slot().equals(keys.get(i))) {
                return List.of();
            }
        }
        return order;
    }

    /**
     * Whether the shards may be sent {@code LIMIT offset + count}: with no HAVING, the first N groups of the merge
     * are among the first N of every shard that has them (a shard's rows before such a group are all groups of the
     * merge before it too), so nothing past a shard's N-th group can be needed.
     */
    static boolean limitsShards(MergePlan plan) {
        return !plan.streamOrder().isEmpty() && plan.having() == null;
    }
}
