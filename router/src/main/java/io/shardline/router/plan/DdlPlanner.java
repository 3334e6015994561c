package io.shardline.router.plan;

import io.shardline.router.algorithm.ShardingException;
import io.shardline.router.rewrite.TableRenamer;
import io.shardline.router.rule.DataNode;
import io.shardline.router.rule.SchemaRules;
import io.shardline.router.rule.TableRule;
import io.shardline.router.sql.DdlNames;
import io.shardline.router.sql.TableName;
import io.shardline.router.sql.Tokens;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * DDL on a sharded schema: CREATE / ALTER / DROP / TRUNCATE TABLE and CREATE / DROP INDEX on a sharded table run on
 * every actual table of it; on a broadcast table, on every data source; anything else on the default data source.
 * A statement naming a sharded table together with other tables (DROP TABLE a, b; RENAME TABLE) is refused: its
 * parts would have to run on different nodes as one. A FOREIGN KEY must find the rows it refers to next to each
 * copy or shard: a sharded table may reference itself, a table bound to it or a broadcast table.
 */
final class DdlPlanner {
    private static final Set<String> DDL = Set.of("CREATE", "ALTER", "DROP", "TRUNCATE", "RENAME");

    private DdlPlanner() {}

    /** Whether the text starts with a DDL keyword. */
    static boolean isDdl(Tokens tokens) {
        String first = tokens.upperWord(0);
        return first != null && DDL.contains(first);
    }

    static List<NodeStatement> plan(String sql, Tokens tokens, SchemaRules rules) {
        Named named = Named.of(tokens);
        Set<String> sharded = new LinkedHashSet<>();
        boolean broadcast = false;
        for (String each : named.tables()) {
            if (rules.table(each) != null) {
                sharded.add(each);
            }
            broadcast |= rules.isBroadcast(each);
        }
        if (sharded.isEmpty()) {
            checkReferences(named, broadcast, rules);
            if (!broadcast) {
                return List.of(new NodeStatement(rules.defaultDataSource(), sql));
            }
            return BroadcastWrites.copies(tokens, rules);
        }
        if (named.tables().size() > 1 || tokens.isWord(0, "RENAME")) {
            throw new ShardingException("this DDL names sharded table " + sharded.iterator().next() + " together"
                    + " with " + (named.tables().size() > 1 ? "other tables " + named.tables() : "a new name")
                    + "; run one statement per table (renaming a sharded table means changing its rules)");
        }
        TableRule rule = rules.table(sharded.iterator().next());
        List<String> alike = referencesAlike(rule, named.referenced(), rules);
        List<NodeStatement> result = new ArrayList<>();
        for (DataNode node : rule.dataNodes()) {
            int position = rule.tablesOn(node.dataSource()).indexOf(node.table());
            Map<String, String> actual = new HashMap<>();
            for (String each : alike) {
                actual.put(each, rules.table(each).tablesOn(node.dataSource()).get(position));
            }
            actual.put(rule.logicalTable().toLowerCase(Locale.ROOT), node.table());
            result.add(new NodeStatement(node.dataSource(), TableRenamer.rename(tokens, actual,
                    rules.name().toLowerCase(Locale.ROOT), rules.actualDatabase(node.dataSource()))));
        }
        return result;
    }

    /**
     * The tables a sharded table's FOREIGN KEYs reference that are bound to it, which each actual table then
     * references at its own position (matching rows of bound tables share a node). A broadcast table is on every
     * data source under its own name. Any other reference is refused, the table itself included (a row's parent
     * may live on another shard): the rows it refers to are not all next to each shard.
     */
    private static List<String> referencesAlike(TableRule rule, Set<String> referenced, SchemaRules rules) {
        String table = rule.logicalTable().toLowerCase(Locale.ROOT);
        List<String> result = new ArrayList<>();
        for (String each : referenced) {
            if (each.equals(table)) {
                throw new ShardingException("a FOREIGN KEY of sharded table " + table + " references " + table
                        + " itself: a row and the row it refers to may live on different shards; leave the foreign"
                        + " key out");
            }
            if (rules.table(each) != null && rules.bindingGroupOf(table).contains(each)) {
                result.add(each);
            } else if (!rules.isBroadcast(each)) {
                throw new ShardingException("a FOREIGN KEY of sharded table " + table + " references " + each
                        + ", which is neither broadcast nor bound to " + table + ": the rows it refers to are not"
                        + " on every shard. Make " + each + " a broadcast table or bind it to " + table
                        + ", or leave the foreign key out");
            }
        }
        return result;
    }

    /** A FOREIGN KEY of a table that is not sharded must find every row it refers to where the table lives. */
    private static void checkReferences(Named named, boolean broadcast, SchemaRules rules) {
        for (String each : named.referenced()) {
            if (rules.table(each) != null) {
                throw new ShardingException("a FOREIGN KEY references sharded table " + each + ", whose rows are"
                        + " spread over its shards: no one server holds the rows it refers to; leave the foreign"
                        + " key out");
            }
            if (broadcast && !rules.isBroadcast(each)) {
                throw new ShardingException("a FOREIGN KEY of a broadcast table references " + each + ", which lives"
                        + " on the default data source " + rules.defaultDataSource() + " only: the copies on the"
                        + " other data sources cannot refer to it. Make " + each + " a broadcast table, or leave"
                        + " the foreign key out");
            }
        }
    }

    /**
     * The table names a DDL statement gives ({@link DdlNames}), without their schema: the planner works on the
     * logical tables of the schema the statement runs in.
     */
    private record Named(Set<String> tables, Set<String> referenced) {
        static Named of(Tokens tokens) {
            DdlNames names = DdlNames.of(tokens);
            return new Named(tableParts(names.tables()), tableParts(names.referenced()));
        }

        private static Set<String> tableParts(Set<TableName> names) {
            Set<String> result = new LinkedHashSet<>();
            for (TableName each : names) {
                result.add(each.table());
            }
            return result;
        }
    }
}
