package io.shardline.router.merge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A GROUP BY, or a SELECT DISTINCT, merged while the shards' rows arrive: every shard sends its rows sorted by the
 * keys ({@link StreamOrder}), a {@link StreamingMerge} interleaves them into one sorted stream, and rows next to
 * each other with equal keys form one group; a group is complete when a row with another key comes, or when every
 * shard has finished. Each complete group is aggregated as the collecting merge aggregates ({@link
 * GroupAggregator}: DISTINCT keeps its first row), filtered by HAVING, then counted against OFFSET and LIMIT, and
 * its hidden columns dropped. Keys are equal as {@link RowMerger} groups them ({@link ColumnOrder#key}: 'a' and 'A'
 * in a _ci collation, all NULLs alike), so both merges give the same groups; with no ORDER BY they come out in
 * ascending key order, as the collecting merge sorts them. Memory: the shards' queues, bounded by the marks, and
 * one group being built (a shard sends each of its groups once, so at most one row per shard).
 */
public final class StreamingGroups implements MergeStream {
    private final StreamingMerge rows;
    private final int visible;
    private final int[] keyPositions;
    private final ColumnOrder[] orders;
    /** Null for DISTINCT, whose group is its first row. */
    private final GroupAggregator aggregator;
    private final HavingFilter having;
    private final long offset;
    private final long limit;
    private final List<byte[][]> members = new ArrayList<>();
    private List<Object> groupKey;
    private long skipped;
    private long sent;

    /** Whether {@code plan}'s grouping can stream: {@link MergePlan#streamOrder} says how the shards sort. */
    public static boolean supports(MergePlan plan) {
        return !plan.streamOrder().isEmpty();
    }

    /**
     * @param plan a plan whose grouping streams ({@link #supports})
     * @param columns every column of the shards' rows, the hidden ones last
     * @param shards how many shards send rows, numbered from 0
     */
    public StreamingGroups(MergePlan plan, List<ColumnInfo> columns, int shards, StreamingMerge.QueueMarks marks) {
        if (!supports(plan)) {
            throw new IllegalArgumentException("the shards' rows are not sorted for this grouping");
        }
        this.visible = columns.size() - plan.hiddenColumns();
        if (visible <= 0) {
            throw new IllegalArgumentException("the shards returned " + columns.size() + " columns, fewer than the "
                    + plan.hiddenColumns() + " Shardline added");
        }
        this.orders = RowOrder.orders(columns);
        this.keyPositions = new int[plan.streamOrder().size()];
        List<SortKey> byPosition = new ArrayList<>(keyPositions.length);
        for (int i = 0; i < keyPositions.length; i++) {
            SortKey key = plan.streamOrder().get(i);
            keyPositions[i] = key.slot().position(visible);
            // The inner merge keeps every column (it has no hidden ones): keys by their absolute position.
            byPosition.add(new SortKey(Slot.visible(keyPositions[i]), key.descending()));
        }
        this.rows = new StreamingMerge(new MergePlan(0, false, List.of(), Map.of(), Map.of(), false, byPosition, 0,
                -1), columns, shards, marks);
        this.aggregator = plan.grouped() ? new GroupAggregator(plan, columns, orders, visible) : null;
        this.having = new HavingFilter(plan.having(), columns, orders, visible);
        this.offset = plan.offset();
        this.limit = plan.limit();
    }

    @Override
    public void add(int shard, byte[][] row) {
        if (!limitReached()) {
            rows.add(shard, row);
        }
    }

    @Override
    public void finish(int shard) {
        rows.finish(shard);
    }

    @Override
    public byte[][] poll() {
        while (!limitReached()) {
            byte[][] group = nextGroup();
            if (group == null) {
                return null;
            }
            if (!having.keeps(group)) {
                continue;
            }
            if (skipped < offset) {
                skipped++;
                continue;
            }
            sent++;
            return group.length == visible ? group : Arrays.copyOf(group, visible);
        }
        return null;
    }

    /** The next complete group's row (every column); null until one is complete. */
    private byte[][] nextGroup() {
        byte[][] row;
        while ((row = rows.poll()) != null) {
            List<Object> key = key(row);
            if (members.isEmpty()) {
                groupKey = key;
                members.add(row);
            } else if (key.equals(groupKey)) {
                if (aggregator != null) {
                    members.add(row);
                }
            } else {
                byte[][] result = close();
                groupKey = key;
                members.add(row);
                return result;
            }
        }
        return rows.exhausted() && !members.isEmpty() ? close() : null;
    }

    private byte[][] close() {
        byte[][] result = aggregator == null ? members.get(0) : aggregator.aggregate(members);
        members.clear();
        return result;
    }

    private List<Object> key(byte[][] row) {
        List<Object> result = new ArrayList<>(keyPositions.length);
        for (int each : keyPositions) {
            result.add(orders[each].key(row[each]));
        }
        return result;
    }

    @Override
    public boolean exhausted() {
        return limitReached() || rows.exhausted() && members.isEmpty();
    }

    @Override
    public boolean limitReached() {
        return limit >= 0 && sent >= limit;
    }

    @Override
    public boolean overHighWater(int shard) {
        return rows.overHighWater(shard);
    }

    @Override
    public boolean underLowWater(int shard) {
        return rows.underLowWater(shard);
    }
}
