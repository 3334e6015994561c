package io.shardline.router.plan;

import io.shardline.router.algorithm.ShardingException;
import io.shardline.router.rule.SchemaRules;
import io.shardline.router.sql.Identifiers;
import java.util.List;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.PlainSelect;

/**
 * An outer join that keeps every row of a side holding no sharded table (a broadcast table, a derived table of
 * one) while the other side is sharded: on several shards each shard keeps those rows, the ones without a match
 * there with NULLs, so the put-together answer would repeat them. {@code t_status s LEFT JOIN t_order o} across
 * shards is refused; {@code t_order o LEFT JOIN t_status s} is exact (each order lives on one shard).
 */
final class OuterJoins {
    private OuterJoins() {}

    /** Refuses such a join in a SELECT that reaches several shards. */
    static void check(PlainSelect select, SchemaRules rules) {
        List<Join> joins = select.getJoins();
        if (joins == null) {
            return;
        }
        boolean leftSharded = sharded(select.getFromItem(), rules);
        for (Join each : joins) {
            boolean rightSharded = sharded(each.getFromItem(), rules);
            boolean repeated = each.isFull() ? leftSharded != rightSharded
                    : each.isLeft() ? !leftSharded && rightSharded
                    : each.isRight() && leftSharded && !rightSharded;
            if (repeated) {
                throw new ShardingException("an outer join (" + (each.isFull() ? "FULL" : each.isLeft() ? "LEFT"
                        : "RIGHT") + " JOIN) keeps every row of a side without sharded tables while the other side"
                        + " is sharded, and this SELECT reaches several shards: each shard would return those rows,"
                        + " so they would be repeated; put the sharded table on the kept side, or give its sharding"
                        + " columns in WHERE so that it runs on one shard");
            }
            leftSharded |= rightSharded;
        }
    }

    private static boolean sharded(FromItem item, SchemaRules rules) {
        if (item instanceof Table table) {
            return rules.table(Identifiers.plain(table.getName())) != null;
        }
        if (item instanceof ParenthesedFromItem parenthesed) {
            if (sharded(parenthesed.getFromItem(), rules)) {
                return true;
            }
            if (parenthesed.getJoins() != null) {
                for (Join each : parenthesed.getJoins()) {
                    if (sharded(each.getFromItem(), rules)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
