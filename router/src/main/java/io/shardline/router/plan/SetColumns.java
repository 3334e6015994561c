package io.shardline.router.plan;

import io.shardline.router.algorithm.ShardingException;
import io.shardline.router.parse.TableNames;
import io.shardline.router.rule.SchemaRules;
import io.shardline.router.rule.TableRule;
import io.shardline.router.sql.Identifiers;
import java.util.List;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;

/**
 * Refuses an UPDATE that sets a sharding column: the row would then belong on another shard. Each SET column
 * counts for the table its qualifier names ({@code SET d.user_id = 5} changes broadcast {@code t_dict}, not
 * {@code t_order}); an unqualified column in a join may belong to any of its tables, so it is refused when any
 * sharded table of the statement has a sharding column of that name.
 */
final class SetColumns {
    private SetColumns() {}

    static void checkShardingColumns(Update update, TableNames names, List<String> sharded, SchemaRules rules) {
        for (UpdateSet set : update.getUpdateSets()) {
            for (Column column : set.getColumns()) {
                String name = Identifiers.plain(column.getColumnName());
                String table = WriteTargets.tableOf(column, names);
                for (String each : table == null ? sharded : List.of(table)) {
                    TableRule rule = rules.table(each);
                    if (rule != null && rule.shardingColumns().contains(name)) {
                        throw new ShardingException("UPDATE changes sharding column " + name + " of " + each
                                + (table == null ? " (or of another table: the column is not qualified)" : "")
                                + ": the row would belong on another shard. Delete the row and insert it again"
                                + " with the new value instead");
                    }
                }
            }
        }
    }
}
