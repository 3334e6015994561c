package io.shardline.router.plan;

/**
 * One statement to run on one data source: the client's text with the node's actual tables in it.
 *
 * @param copy the statement repeats a write another statement of the plan makes, on another copy of the same rows
 *     (a broadcast table on each data source): the client is told the counts of one copy, not their sum
 */
public record NodeStatement(String dataSource, String sql, boolean copy) {
    public NodeStatement(String dataSource, String sql) {
        this(dataSource, sql, false);
    }
}
