package io.shardline.proxy.execute;

import io.shardline.proxy.session.Collations;
import io.shardline.router.merge.MergePlan;
import io.shardline.router.merge.RowRewrite;

/**
 * How a scatter combines its shards' rows.
 *
 * @param plan null when the rows are concatenated as they come
 * @param collations collation names by id (string columns sort in their collation)
 * @param budgetBytes the most a merge may hold in memory before the statement fails
 * @param rewrite a last change to the merged rows (logical table names in metadata); null for none
 * @param binaryRows the client executed a prepared statement: rows go in the binary protocol
 */
public record MergeSettings(MergePlan plan, Collations collations, long budgetBytes, RowRewrite rewrite,
                            boolean binaryRows) {}
