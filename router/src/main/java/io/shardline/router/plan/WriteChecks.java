package io.shardline.router.plan;

import io.shardline.router.algorithm.ShardingException;
import io.shardline.router.rule.SchemaRules;
import io.shardline.router.parse.TableNames;
import java.util.List;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.update.Update;

/**
 * What an UPDATE or DELETE of sharded tables must not do: change a sharding column (the row would belong on
 * another shard), change a broadcast table joined with the shards (each copy would see different rows) and, unless
 * the safety switch allows it, go without WHERE, which would change every row on every shard.
 */
final class WriteChecks {
    private WriteChecks() {}

    /**
     * @param names the tables the statement's own UPDATE or DELETE names, by qualifier
     * @param sharded the sharded tables among them
     * @param allowFullTableWrites the safety switch {@code sharding.allow-full-table-writes}
     */
    static void check(Statement statement, TableNames names, List<String> sharded, SchemaRules rules,
                      boolean allowFullTableWrites) {
        if (statement instanceof Update update) {
            SetColumns.checkShardingColumns(update, names, sharded, rules);
        }
        BroadcastWrites.checkJoinedWithShards(statement, names, sharded, rules);
        boolean write = statement instanceof Update || statement instanceof Delete;
        if (write && !allowFullTableWrites && where(statement) == null) {
            throw new ShardingException((statement instanceof Update ? "UPDATE" : "DELETE") + " without WHERE on"
                    + " sharded table " + sharded.get(0) + " would change every row on every shard, which the"
                    + " safety switch refuses; add a WHERE (WHERE 1 = 1 to mean all rows), or set"
                    + " sharding.allow-full-table-writes: true");
        }
    }

    private static Expression where(Statement statement) {
        return statement instanceof Update update ? update.getWhere() : ((Delete) statement).getWhere();
    }
}
