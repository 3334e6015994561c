package io.shardline.router.plan;

import io.shardline.router.algorithm.ShardingException;

/**
 * An INSERT into a sharded table without a column list: its rows can only be placed once the table's columns are
 * known, in order. The caller looks them up (the first actual table's definition) and plans again with them.
 */
public final class ColumnsNeeded extends ShardingException {
    private final String table;

    ColumnsNeeded(String table) {
        super("INSERT into sharded table " + table + " without a column list: Shardline needs the table's columns to"
                + " find the sharding columns' values; name the columns, e.g. INSERT INTO " + table + " (a, b) VALUES"
                + " (...)");
        this.table = table;
    }

    /** The logical table, lower case. */
    public String table() {
        return table;
    }
}
