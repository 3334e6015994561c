package io.shardline.router.plan;

import io.shardline.router.merge.MergePlan;
import java.util.List;

/**
 * What running one statement on a sharded schema takes: the statements for the data nodes, and, for a SELECT
 * whose shards' rows need combining, how to merge them.
 *
 * @param merge null when the shards' answers are simply put together (rows one after another, OKs added up)
 */
public record ShardPlan(List<NodeStatement> statements, MergePlan merge) {
    public ShardPlan {
        statements = List.copyOf(statements);
    }
}
