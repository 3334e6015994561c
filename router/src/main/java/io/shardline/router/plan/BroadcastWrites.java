package io.shardline.router.plan;

import io.shardline.router.algorithm.ShardingException;
import io.shardline.router.parse.TableNames;
import io.shardline.router.rewrite.TableRenamer;
import io.shardline.router.rule.SchemaRules;
import io.shardline.router.sql.Identifiers;
import io.shardline.router.sql.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.sf.jsqlparser.statement.Statement;

/**
 * Writes to broadcast tables, whose full copy lives on every data source: the same statement runs on each copy.
 * That keeps the copies equal only when every copy sees the same rows. A multi-table UPDATE or DELETE that changes
 * a broadcast table is therefore refused when it joins a sharded table (each copy would be changed by the rows of
 * the shards on its own data source) or a table living on the default data source only (the other copies cannot
 * see it). One that only reads the broadcast table changes nothing copied and runs where the changed table lives.
 */
final class BroadcastWrites {
    private BroadcastWrites() {}

    /**
     * The statement on every data source of the schema, the first counting for the client, the others copies;
     * the logical schema qualifying a table becomes each data source's database.
     */
    static List<NodeStatement> copies(Tokens tokens, SchemaRules rules) {
        String schema = rules.name().toLowerCase(Locale.ROOT);
        List<NodeStatement> result = new ArrayList<>();
        for (String each : rules.dataSources()) {
            String sql = TableRenamer.rename(tokens, Map.of(), schema, rules.actualDatabase(each));
            result.add(new NodeStatement(each, sql, !result.isEmpty()));
        }
        return result;
    }

    /**
     * For an UPDATE or DELETE naming no sharded table: whether it changes a broadcast table, so that it must run
     * on every copy (else it runs on the default data source).
     *
     * @param allTables every table the statement names, subqueries included (as written, maybe schema-qualified)
     * @throws ShardingException when it changes a broadcast table while reading a table that is not broadcast
     */
    static boolean changesCopies(Statement statement, TableNames names, Set<String> allTables, SchemaRules rules) {
        Change changed = changedBroadcast(statement, names, rules);
        if (changed == null) {
            return false;
        }
        for (String name : allTables) {
            String each = Identifiers.lastPart(name);
            if (!rules.isBroadcast(each)) {
                throw new ShardingException(changed + " reading " + each + ", which lives on the default"
                        + " data source " + rules.defaultDataSource() + " only: the copies on the other data sources"
                        + " cannot see it, so they would differ. Make " + each + " a broadcast table, or change "
                        + changed.table() + " in a statement of its own");
            }
        }
        return true;
    }

    /**
     * Refuses an UPDATE or DELETE that changes a broadcast table while joining sharded tables: no one run can
     * change each copy by the same rows.
     */
    static void checkJoinedWithShards(Statement statement, TableNames names, List<String> sharded,
                                      SchemaRules rules) {
        Change changed = changedBroadcast(statement, names, rules);
        if (changed != null) {
            throw new ShardingException(changed + " joined with sharded table " + sharded.get(0) + ": the copy"
                    + " on each data source would be changed by the rows of the shards there only, so the copies"
                    + " would differ. Change " + changed.table() + " in a statement of its own");
        }
    }

    /** A broadcast table a write changes; {@code note} says why it may, when that is not certain. */
    private record Change(String table, String note) {
        @Override
        public String toString() {
            return "a write to broadcast table " + table + note + " is";
        }
    }

    /** The broadcast table the write changes, or may change (a SET column of a join left unqualified), or null. */
    private static Change changedBroadcast(Statement statement, TableNames names, SchemaRules rules) {
        WriteTargets targets = WriteTargets.of(statement, names);
        for (String each : targets.tables()) {
            if (rules.isBroadcast(each)) {
                return new Change(each, "");
            }
        }
        if (!targets.unresolvedColumns().isEmpty()) {
            for (String each : names.tables()) {
                if (rules.isBroadcast(each)) {
                    return new Change(each, " (SET column " + targets.unresolvedColumns().get(0) + " is not"
                            + " qualified, so it may be " + each + "'s; qualify it with its table)");
                }
            }
        }
        return null;
    }
}
