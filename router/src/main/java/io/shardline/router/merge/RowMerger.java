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
    private static final java.util.regex.Pattern LEADING_NUMBER =
            java.util.regex.Pattern.compile("^\\s*[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");

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
        this.orders = RowOrder.orders(columns);
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
        if (plan.having() != null) {
            result.removeIf(row -> !Boolean.TRUE.equals(test(plan.having(), row)));
        }
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
                case COUNT_DISTINCT -> countDistinct(members, plan.distinctValues().get(each.getKey())
                        .position(visible));
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

    /** How many different non-NULL values (equal in the column's collation count once) a column has in the group. */
    private byte[] countDistinct(List<byte[][]> members, int valuePosition) {
        java.util.Set<Object> seen = new java.util.HashSet<>();
        for (byte[][] row : members) {
            if (row[valuePosition] != null) {
                seen.add(orders[valuePosition].key(row[valuePosition]));
            }
        }
        return text(String.valueOf(seen.size()));
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

    /** A HAVING condition on one merged row: TRUE, FALSE, or null for SQL's unknown. */
    private Boolean test(Condition condition, byte[][] row) {
        if (condition instanceof Condition.And and) {
            Boolean left = test(and.left(), row);
            Boolean right = test(and.right(), row);
            return Boolean.FALSE.equals(left) || Boolean.FALSE.equals(right) ? Boolean.FALSE
                    : left == null || right == null ? null : Boolean.TRUE;
        }
        if (condition instanceof Condition.Or or) {
            Boolean left = test(or.left(), row);
            Boolean right = test(or.right(), row);
            return Boolean.TRUE.equals(left) || Boolean.TRUE.equals(right) ? Boolean.TRUE
                    : left == null || right == null ? null : Boolean.FALSE;
        }
        if (condition instanceof Condition.Not not) {
            Boolean operand = test(not.operand(), row);
            return operand == null ? null : !operand;
        }
        if (condition instanceof Condition.IsNull isNull) {
            return (value(isNull.operand(), row) == null) != isNull.negated();
        }
        Condition.Compare compare = (Condition.Compare) condition;
        Object left = value(compare.left(), row);
        Object right = value(compare.right(), row);
        if (left == null || right == null) {
            return compare.comparison() == Condition.Comparison.NULL_SAFE_EQUAL ? left == right : null;
        }
        int order = compareValues(left, right, columnOf(compare.left()), columnOf(compare.right()));
        return switch (compare.comparison()) {
            case EQUAL, NULL_SAFE_EQUAL -> order == 0;
            case NOT_EQUAL -> order != 0;
            case LESS -> order < 0;
            case LESS_OR_EQUAL -> order <= 0;
            case GREATER -> order > 0;
            case GREATER_OR_EQUAL -> order >= 0;
        };
    }

    /** An operand's value: a column's bytes, or the literal (BigDecimal, String); null for NULL. */
    private Object value(Condition.Operand operand, byte[][] row) {
        return operand instanceof Condition.Column column ? row[column.slot().position(visible)]
                : ((Condition.Literal) operand).value();
    }

    private int columnOf(Condition.Operand operand) {
        return operand instanceof Condition.Column column ? column.slot().position(visible) : -1;
    }

    /**
     * Numbers compare as numbers when either side is one (as MySQL converts a string compared with a number);
     * otherwise as strings, in the collation of the column side.
     */
    private int compareValues(Object left, Object right, int leftColumn, int rightColumn) {
        boolean numeric = left instanceof BigDecimal || right instanceof BigDecimal
                || leftColumn >= 0 && isNumber(columns.get(leftColumn))
                || rightColumn >= 0 && isNumber(columns.get(rightColumn));
        if (numeric) {
            return toNumber(left).compareTo(toNumber(right));
        }
        byte[] a = left instanceof byte[] bytes ? bytes : ((String) left).getBytes(StandardCharsets.UTF_8);
        byte[] b = right instanceof byte[] bytes ? bytes : ((String) right).getBytes(StandardCharsets.UTF_8);
        int column = leftColumn >= 0 ? leftColumn : rightColumn;
        return column >= 0 ? orders[column].compare(a, b) : Arrays.compareUnsigned(a, b);
    }

    private static boolean isNumber(ColumnInfo column) {
        return column.kind() == ValueKind.INTEGER || column.kind() == ValueKind.DECIMAL
                || column.kind() == ValueKind.FLOAT;
    }

    /** A value as a number; text that does not start with one counts as 0, as in MySQL. */
    private static BigDecimal toNumber(Object value) {
        if (value instanceof BigDecimal number) {
            return number;
        }
        String text = value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : (String) value;
        java.util.regex.Matcher leading = LEADING_NUMBER.matcher(text);
        return leading.find() ? new BigDecimal(leading.group().strip()) : BigDecimal.ZERO;
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
