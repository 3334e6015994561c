package io.shardline.router.plan;

/** One statement to run on one data source: the client's text with the node's actual tables in it. */
public record NodeStatement(String dataSource, String sql) {}
