package io.shardline.proxy.execute;

import io.shardline.proxy.protocol.ColumnDefinition;
import io.shardline.proxy.protocol.LogicalColumnNames;
import io.shardline.proxy.session.Collations;
import io.shardline.router.merge.MergePlan;
import io.shardline.router.merge.RowRewrite;
import io.shardline.router.merge.MergeStream;

/**
 * How a scatter combines its shards' rows.
 *
 * @param plan null when the rows are concatenated as they come
 * @param collations collation names by id (string columns sort in their collation)
 * @param budgetBytes the most a merge that collects its rows may hold in memory before the statement fails
 * @param rewrite a last change to the merged rows (logical table names in metadata); null for none
 * @param binaryRows the client executed a prepared statement: rows go in the binary protocol
 * @param reads the statement is a SELECT: every shard answers with rows, none with an OK to add up
 * @param columnNames the logical names for the shards' column definitions; null to send them as they come
 */
public record MergeSettings(MergePlan plan, Collations collations, long budgetBytes, RowRewrite rewrite,
                            boolean binaryRows, boolean reads, LogicalColumnNames columnNames) {
    /** The definition the client sees of a column a shard sent: with logical names where it names a shard. */
    ColumnDefinition named(ColumnDefinition column) {
        return column.withLogicalNames(columnNames);
    }

    /**
     * Whether the rows can be merged as they arrive ({@link OrderedScatter}) rather than collected: a SELECT whose
     * merge is an ORDER BY with OFFSET and LIMIT, or a GROUP BY or DISTINCT the shards sort their rows for
     * ({@link MergeStream#supports}), and no rewrite of the merged rows.
     */
    boolean streams() {
        return reads && plan != null && rewrite == null && MergeStream.supports(plan);
    }
}
