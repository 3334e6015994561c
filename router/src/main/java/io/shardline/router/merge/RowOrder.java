package io.shardline.router.merge;

import java.util.Comparator;
import java.util.List;

/**
 * The order an ORDER BY puts rows in, as the server compares them: key after key, each column's values in their
 * kind and collation ({@link ColumnOrder}: numbers by value, strings in their collation, NULL first), a descending
 * key reversed. Rows equal on every key compare equal: what comes first among them is the caller's choice (a
 * stable sort keeps the order rows came in; {@link StreamingMerge} takes the lower shard first). One instance per
 * statement (collators are not thread-safe).
 */
public final class RowOrder implements Comparator<byte[][]> {
    private final int[] positions;
    private final boolean[] descending;
    private final ColumnOrder[] columns;

    /**
     * @param columns every column of the shards' rows, the hidden ones last
     * @param visibleColumns how many of them the client sees (hidden keys are counted after them)
     */
    public RowOrder(List<SortKey> keys, List<ColumnInfo> columns, int visibleColumns) {
        this(keys, orders(columns), visibleColumns);
    }

    /** @param orders the comparison of every column of the rows, by position */
    RowOrder(List<SortKey> keys, ColumnOrder[] orders, int visibleColumns) {
        positions = new int[keys.size()];
        descending = new boolean[keys.size()];
        columns = new ColumnOrder[keys.size()];
        for (int i = 0; i < positions.length; i++) {
            SortKey key = keys.get(i);
            positions[i] = key.slot().position(visibleColumns);
            if (positions[i] >= orders.length) {
                throw new IllegalArgumentException("ORDER BY key " + key + " is past the " + orders.length
                        + " columns the shards returned");
            }
            descending[i] = key.descending();
            columns[i] = orders[positions[i]];
        }
    }

    static ColumnOrder[] orders(List<ColumnInfo> columns) {
        ColumnOrder[] result = new ColumnOrder[columns.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = new ColumnOrder(columns.get(i));
        }
        return result;
    }

    @Override
    public int compare(byte[][] left, byte[][] right) {
        for (int i = 0; i < positions.length; i++) {
            int position = positions[i];
            int result = columns[i].compare(left[position], right[position]);
            if (result != 0) {
                return descending[i] ? -result : result;
            }
        }
        return 0;
    }
}
