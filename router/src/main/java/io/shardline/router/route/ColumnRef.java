package io.shardline.router.route;

import java.util.Locale;

/**
 * A column as a condition names it, with its qualifier resolved to the logical table (an alias {@code o} in
 * {@code FROM t_order o} becomes {@code t_order}). The table is null when the column was not qualified in a
 * statement over several tables: it cannot be told which table it belongs to, so routing does not use it.
 */
public record ColumnRef(String table, String column) {
    public ColumnRef {
        table = table == null ? null : table.toLowerCase(Locale.ROOT);
        column = column.toLowerCase(Locale.ROOT);
    }
}
