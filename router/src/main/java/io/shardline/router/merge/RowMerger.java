package io.shardline.router.merge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the rows of every shard into the rows one server would have returned, following a {@link MergePlan}:
 * groups (aggregating), de-duplicates, orders, skips and limits, then drops the hidden columns. Values stay in
 * the text protocol's form (bytes, null for NULL); computed ones (sums, averages, counts) are written as the
 * server writes them. One instance per statement.
 */
public final class RowMerger {
    /** MySQL's div_precision_increment default: AVG shows four more digits than what it averages. */
    public static final int AVERAGE_EXTRA_DECIMALS = GroupAggregator.AVERAGE_EXTRA_DECIMALS;

    private final MergePlan plan;
    private final int visible;
    private final ColumnOrder[] orders;
    private final GroupAggregator aggregator;
    private final HavingFilter having;

    /** @param columns every column of the shards' rows, the hidden ones last */
    public RowMerger(MergePlan plan, List<ColumnInfo> columns) {
        this.plan = plan;
        this.visible = columns.size() - plan.hiddenColumns();
        if (visible <= 0) {
            throw new IllegalArgumentException("the shards returned " + columns.size() + " columns, fewer than the "
                    + plan.hiddenColumns() + " Shardline added");
        }
        this.orders = RowOrder.orders(columns);
        this.aggregator = new GroupAggregator(plan, columns, orders, visible);
        this.having = new HavingFilter(plan.having(), columns, orders, visible);
    }

    public int visibleColumns() {
        return visible;
    }

    /** The client's rows, visible columns only. {@code rows} is every shard's rows, in any order. */
    public List<byte[][]> merge(List<byte[][]> rows) {
        List<byte[][]> result = plan.grouped() ? group(rows) : new ArrayList<>(rows);
        result.removeIf(row -> !having.keeps(row));
        if (plan.distinct()) {
            result = distinct(result);
        }
        if (!plan.order().isEmpty()) {
            result.sort(new RowOrder(plan.order(), orders, visible));
        }
        int from = (int) Math.min(plan.offset(), result.size());
        int to = plan.limit() < 0 ? result.size() : (int) Math.min(result.size(), from + plan.limit());
        List<byte[][]> page = new ArrayList<>(Math.max(0, to - from));
        for (byte[][] each : result.subList(from, to)) {
            page.add(each.length == visible ? each : Arrays.copyOf(each, visible));
        }
        return page;
    }

    private List<byte[][]> group(List<byte[][]> rows) {
        Map<List<Object>, List<byte[][]>> groups = new LinkedHashMap<>();
        for (byte[][] row : rows) {
            List<Object> key = new ArrayList<>(plan.groupKeys().size());
            for (Slot each : plan.groupKeys()) {
                int position = each.position(visible);
                key.add(orders[position].key(row[position]));
            }
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
        }
        List<byte[][]> result = new ArrayList<>(groups.size());
        for (List<byte[][]> members : groups.values()) {
            result.add(aggregator.aggregate(members));
        }
        if (groups.isEmpty() && plan.groupKeys().isEmpty()) {
            result.add(aggregator.aggregate(List.of()));
        }
        if (plan.order().isEmpty() && !plan.groupKeys().isEmpty()) {
            // MariaDB returns groups in GROUP BY order; MySQL promises no order, so this suits both.
            Comparator<byte[][]> byKeys = null;
            for (Slot each : plan.groupKeys()) {
                int position = each.position(visible);
                Comparator<byte[][]> next = (left, right) -> orders[position].compare(left[position],
                        right[position]);
                byKeys = byKeys == null ? next : byKeys.thenComparing(next);
            }
            result.sort(byKeys);
        }
        return result;
    }

    private List<byte[][]> distinct(List<byte[][]> rows) {
        Map<List<Object>, byte[][]> kept = new LinkedHashMap<>();
        for (byte[][] row : rows) {
            List<Object> key = new ArrayList<>(visible);
            for (int i = 0; i < visible; i++) {
                key.add(orders[i].key(row[i]));
            }
            kept.putIfAbsent(key, row);
        }
        return new ArrayList<>(kept.values());
    }
}
