package io.shardline.router.merge;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Combines the rows the shards sent for one group into the group's row, as one server would have computed it:
 * COUNT and SUM add up, MIN and MAX keep the extreme in the column's order, AVG divides the summed SUM by the
 * summed hidden COUNT, COUNT(DISTINCT x) counts the different x, any other column keeps the first row's value.
 * Computed values are written as the server writes them (decimals as the column has them, AVG with four more,
 * doubles in the server's shortest form). Shared by the collecting merge ({@link RowMerger}) and the streaming one
 * ({@link StreamingGroups}), so that both give the same bytes. One instance per statement.
 */
final class GroupAggregator {
    /** MySQL's div_precision_increment default: AVG shows four more digits than what it averages. */
    static final int AVERAGE_EXTRA_DECIMALS = 4;
    private static final int MAX_DECIMALS = 30;

    private final MergePlan plan;
    private final List<ColumnInfo> columns;
    private final ColumnOrder[] orders;
    private final int visible;

    /**
     * @param columns every column of the shards' rows, the hidden ones last
     * @param orders their comparisons, by position
     */
    GroupAggregator(MergePlan plan, List<ColumnInfo> columns, ColumnOrder[] orders, int visible) {
        this.plan = plan;
        this.columns = List.copyOf(columns);
        this.orders = orders;
        this.visible = visible;
    }

    /** The group's row (every column, hidden ones included); a row of NULLs and counts when it has no members. */
    byte[][] aggregate(List<byte[][]> members) {
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
        if (allNull(members, position)) {
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
        if (count.signum() == 0 || allNull(members, sumPosition)) {
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
        Set<Object> seen = new HashSet<>();
        for (byte[][] row : members) {
            if (row[valuePosition] != null) {
                seen.add(orders[valuePosition].key(row[valuePosition]));
            }
        }
        return text(String.valueOf(seen.size()));
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

    private static boolean allNull(List<byte[][]> members, int position) {
        for (byte[][] row : members) {
            if (row[position] != null) {
                return false;
            }
        }
        return true;
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

    private static byte[] text(String value) {
        return value.getBytes(StandardCharsets.US_ASCII);
    }
}
