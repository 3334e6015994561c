package io.shardline.proxy.execute;

import io.shardline.proxy.protocol.ColumnDefinition;
import io.shardline.proxy.session.Collations;
import io.shardline.router.merge.Aggregate;
import io.shardline.router.merge.ColumnInfo;
import io.shardline.router.merge.MergePlan;
import io.shardline.router.merge.RowMerger;
import io.shardline.router.merge.Slot;
import io.shardline.router.merge.ValueKind;

/** What the merge needs to know of a column, read from the column definition a shard sent. */
final class MergedColumns {
    private MergedColumns() {}

    static ColumnInfo info(ColumnDefinition column, Collations collations) {
        return new ColumnInfo(kind(column), collations.name(column.collationId()), column.decimals());
    }

    /** {@link #info} of each column, in order. */
    static java.util.List<ColumnInfo> infos(java.util.List<ColumnDefinition> columns, Collations collations) {
        java.util.List<ColumnInfo> result = new java.util.ArrayList<>(columns.size());
        for (ColumnDefinition each : columns) {
            result.add(info(each, collations));
        }
        return result;
    }

    /**
     * The definition the client sees for visible column {@code index} as a shard sent it: a DECIMAL AVG (sent to
     * the shards as SUM) shows four more decimals, as the server's AVG does.
     */
    static ColumnDefinition visible(ColumnDefinition column, MergePlan plan, int index) {
        if (plan.aggregateOf(Slot.visible(index)) != Aggregate.AVG || !column.isDecimal()) {
            return column;
        }
        int decimals = Math.min(column.decimals() + RowMerger.AVERAGE_EXTRA_DECIMALS, 30);
        return column.withPrecision(decimals, column.length() + (decimals - column.decimals()));
    }

    private static ValueKind kind(ColumnDefinition column) {
        return switch (column.type()) {
            case 1, 2, 3, 8, 9, 13 -> ValueKind.INTEGER;
            case ColumnDefinition.TYPE_DECIMAL, ColumnDefinition.TYPE_NEWDECIMAL -> ValueKind.DECIMAL;
            case ColumnDefinition.TYPE_FLOAT, ColumnDefinition.TYPE_DOUBLE -> ValueKind.FLOAT;
            case 7, 10, 12, 14, 17, 18 -> ValueKind.DATE_TIME;
            case 11, 19 -> ValueKind.TIME;
            case 15, 245, 247, 248, 249, 250, 251, 252, 253, 254 ->
                    column.collationId() == ColumnDefinition.BINARY_COLLATION ? ValueKind.BINARY : ValueKind.STRING;
            default -> ValueKind.BINARY; // BIT, GEOMETRY, NULL
        };
    }
}
