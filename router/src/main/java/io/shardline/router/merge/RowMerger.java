package io.shardline.router.merge;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
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
    public static final int AVERAGE_EXTRA_DECIMALS = 4;
    private static final int MAX_DECIMALS = 30;

    private final MergePlan plan;
    private final List<ColumnInfo> columns;
    private final int visible;
    private final ColumnOrder[] orders;

    /** @param columns every column of the shards' rows, the hidden ones last */
    public RowMerger(MergePlan plan, List<ColumnInfo> columns) {
        this.plan = plan;
        this.columns = List.copyOf(columns);
        this.visible = columns.size() - plan.hiddenColumns();
        if (visible <= 0) {
            throw new IllegalArgumentException("the shards returned " + columns.size() + " columns, fewer than the "
                    + plan.hiddenColumns() + " Shardline added");
        }
        this.orders = new ColumnOrder[columns.size()];
        for (int i = 0; i < orders.length; i++) {
            orders[i] = new ColumnOrder(columns.get(i));
        }
    }

    public int visibleColumns() {
        return visible;
    }

    /** Whether visible column {@code index} is an AVG (sent to the shards as SUM): its decimals grow by four. */
    public boolean isAverage(int index) {
        return plan.aggregateOf(Slot.visible(index)) == Aggregate.AVG;
    }

    /** The client's rows, visible columns only. {@code rows} is every shard's rows, in any order. */
    public List<byte[][]> merge(List<byte[][]> rows) {
        List<byte[][]> result = plan.grouped() ? group(rows) : new ArrayList<>(rows);
        if (plan.distinct()) {
            result = distinct(result);
        }
        if (!plan.order().isEmpty()) {
            result.sort(order());
        }
        int from = (int) Math.min(plan.offset(), result.size());
        int to = plan.limit() < 0 ? result.size() : (int) Math.min(result.size(), from + plan.limit());
        List<byte[][]> page = new ArrayList<>(Math.max(0, to - from));
        for (byte[][] each : result.subList(from, to)) {
            page.add(each.length == visible ? each : Arrays.copyOf(each, visible));
        }
        return page;
    }

    private Comparator<byte[][]> order() {
        Comparator<byte[][]> result = null;
        for (SortKey key : plan.order()) {
            int position = key.slot().position(visible);
            ColumnOrder column = orders[position];
            Comparator<byte[][]> next = (left, right) -> column.compare(left[position], right[position]);
            next = key.descending() ? next.reversed() : next;
            result = result == null ? next : result.thenComparing(next);
        }
        return result;
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
            result.add(aggregate(members));
        }
        if (groups.isEmpty() && plan.groupKeys().isEmpty()) {
            result.add(aggregate(List.of()));
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

    private byte[][] aggregate(List<byte[][]> members) {
        byte[][] result = members.isEmpty() ? new byte[columns.size()][] : members.get(0).clone();
        for (Map.Entry<Slot, Aggregate> each : plan.aggregates().entrySet()) {
            int position = each.getKey().position(visible);
            result[position] = switch (each.getValue()) {
                case COUNT -> text(sum(members, position).toPlainString());
                case SUM -> sumOf(members, position);
                case MIN, MAX -> extreme(members, position, each.getValue() == Aggregate.MAX);
                case AVG -> average(members, position, plan.averageCounts().get(each.getKey()).position(visible));
                case FIRST -> result[position];
            };
        }
        return result;
    }

    private byte[] sumOf(List<byte[][]> members, int position) {
        if (members.stream().allMatch(row -> row[position] == null)) {
            return null;
        }
        ColumnInfo column = columns.get(position);
        if (column.kind() == ValueKind.FLOAT) {
            return text(DoubleText.format(doubleSum(members, position)));
        }
        return text(sum(members, position).setScale(column.decimals(), RoundingMode.HALF_UP).toPlainString());
    }

    private byte[] average(List<byte[][]> members, int sumPosition, int countPosition) {
        BigDecimal count = sum(members, countPosition);
        if (count.signum() == 0 || members.stream().allMatch(row -> row[sumPosition] == null)) {
            return null;
        }
        ColumnInfo column = columns.get(sumPosition);
        if (column.kind() == ValueKind.FLOAT) {
            return text(DoubleText.format(doubleSum(members, sumPosition) / count.doubleValue()));
        }
        int scale = Math.min(column.decimals() + AVERAGE_EXTRA_DECIMALS, MAX_DECIMALS);
        return text(sum(members, sumPosition).divide(count, scale, RoundingMode.HALF_UP).toPlainString());
    }

    /** The total of a column's values, NULLs left out. */
    private static BigDecimal sum(List<byte[][]> members, int position) {
        BigDecimal total = BigDecimal.ZERO;
        for (byte[][] row : members) {
            if (row[position] != null) {
                total = total.add(ColumnOrder.number(row[position]));
            }
        }
        return total;
    }

    private static double doubleSum(List<byte[][]> members, int position) {
        double total = 0;
        for (byte[][] row : members) {
            if (row[position] != null) {
                total += Double.parseDouble(ColumnOrder.ascii(row[position]));
            }
        }
        return total;
    }

    private byte[] extreme(List<byte[][]> members, int position, boolean max) {
        byte[] best = null;
        for (byte[][] row : members) {
            byte[] value = row[position];
            if (value != null && (best == null || orders[position].compare(value, best) * (max ? 1 : -1) > 0)) {
                best = value;
            }
        }
        return best;
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

    private static byte[] text(String value) {
        return value.getBytes(StandardCharsets.US_ASCII);
    }
}
