package io.shardline.router.rule;

import io.shardline.router.rule.RuleChange.Kind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What changes between two versions of the sharding rules, and whether each change would move rows already
 * stored. A table keeps its rows where they are when both strategies are unchanged and no data node is removed:
 * every algorithm picks a row's target by the row's values alone (a number, a date suffix, a computed name), so
 * data nodes added beside the old ones (next month's table) only receive new rows. Anything else that changes
 * where a table's rows live (a strategy, a removed node, the default data source or actual database of a schema,
 * a sharded or broadcast table leaving the rules) would leave stored rows where the new rules do not look.
 */
public final class RulesDiff {
    private final List<RuleChange> changes = new ArrayList<>();

    private RulesDiff() {}

    /** Every change from {@code from} to {@code to}; empty when they place everything alike. */
    public static List<RuleChange> between(ShardingRules from, ShardingRules to) {
        RulesDiff diff = new RulesDiff();
        diff.settings(from, to);
        for (String each : union(from.schemas().keySet(), to.schemas().keySet())) {
            diff.schema(each, from.schema(each), to.schema(each));
        }
        return List.copyOf(diff.changes);
    }

    private void settings(ShardingRules from, ShardingRules to) {
        setting("key-generator.worker-id", from.workerId(), to.workerId());
        setting("key-generator.max-clock-rollback", from.maxClockRollback(), to.maxClockRollback());
        setting("allow-full-table-writes", from.allowFullTableWrites(), to.allowFullTableWrites());
        setting("merge-memory-limit", from.mergeMemoryLimit(), to.mergeMemoryLimit());
    }

    private void setting(String name, Object from, Object to) {
        if (!Objects.equals(from, to)) {
            add(Kind.CHANGE, "setting " + name, from + " -> " + to, false);
        }
    }

    private void schema(String name, SchemaRules from, SchemaRules to) {
        String object = "schema " + name;
        if (from == null) {
            add(Kind.ADD, object, "new sharded schema with " + to.tables().size() + " sharded tables", false);
            return;
        }
        if (to == null) {
            add(Kind.REMOVE, object, "its sharded tables' rows would no longer be found (clients would see only"
                    + " the default data source)", !from.tables().isEmpty());
            return;
        }
        if (!from.defaultDataSource().equals(to.defaultDataSource())) {
            add(Kind.CHANGE, object, "default data source " + from.defaultDataSource() + " -> "
                    + to.defaultDataSource() + ": its unsharded tables would be looked for elsewhere", true);
        }
        if (!from.actualDatabases().equals(to.actualDatabases())) {
            add(Kind.CHANGE, object, "actual databases " + from.actualDatabases() + " -> " + to.actualDatabases(),
                    true);
        }
        for (String each : union(from.tables().keySet(), to.tables().keySet())) {
            table(name + "." + each, from.table(each), to.table(each));
        }
        for (String each : union(from.broadcastTables(), to.broadcastTables())) {
            broadcast(name + "." + each, from.isBroadcast(each), to.isBroadcast(each));
        }
        if (!Set.copyOf(from.bindingGroups()).equals(Set.copyOf(to.bindingGroups()))) {
            add(Kind.CHANGE, object, "binding groups " + from.bindingGroups() + " -> " + to.bindingGroups(), false);
        }
    }

    private void table(String name, TableRule from, TableRule to) {
        String object = "table " + name;
        if (from == null) {
            add(Kind.ADD, object, "sharded over " + to.dataNodes().size() + " data nodes, database strategy "
                    + Strategies.describe(to.databaseStrategy()) + ", table strategy "
                    + Strategies.describe(to.tableStrategy()) + "; its actual tables must exist", false);
            return;
        }
        if (to == null) {
            add(Kind.REMOVE, object, "no longer sharded: its rows on " + from.dataNodes().size()
                    + " data nodes would no longer be found", true);
            return;
        }
        strategy(object, "database strategy", from.databaseStrategy(), to.databaseStrategy());
        strategy(object, "table strategy", from.tableStrategy(), to.tableStrategy());
        List<DataNode> removed = new ArrayList<>(from.dataNodes());
        removed.removeAll(to.dataNodes());
        List<DataNode> added = new ArrayList<>(to.dataNodes());
        added.removeAll(from.dataNodes());
        if (!removed.isEmpty()) {
            add(Kind.CHANGE, object, "data nodes removed: " + removed + " (their rows would no longer be found)",
                    true);
        }
        if (!added.isEmpty()) {
            add(Kind.CHANGE, object, "data nodes added: " + added + " (create these tables before applying)", false);
        }
        if (!Objects.equals(from.keyColumn(), to.keyColumn())) {
            add(Kind.CHANGE, object, "generated key column " + from.keyColumn() + " -> " + to.keyColumn(), false);
        }
    }

    private void strategy(String object, String which, io.shardline.router.algorithm.ShardingAlgorithm from,
                          io.shardline.router.algorithm.ShardingAlgorithm to) {
        String before = Strategies.describe(from);
        String after = Strategies.describe(to);
        if (!before.equals(after)) {
            add(Kind.CHANGE, object, which + " " + before + " -> " + after + ": stored rows would belong elsewhere",
                    true);
        }
    }

    private void broadcast(String name, boolean before, boolean after) {
        if (before && !after) {
            add(Kind.REMOVE, "broadcast table " + name, "no longer copied to every data source: only the default"
                    + " data source's copy would be read and written", true);
        } else if (after && !before) {
            add(Kind.ADD, "broadcast table " + name, "copied to every data source: every data source must hold"
                    + " the same rows before applying", false);
        }
    }

    private void add(Kind kind, String object, String detail, boolean movesRows) {
        changes.add(new RuleChange(kind, object, detail, movesRows));
    }

    private static Set<String> union(Set<String> left, Set<String> right) {
        Set<String> result = new LinkedHashSet<>(left);
        result.addAll(right);
        return result;
    }

    /** True when any of {@code changes} would move stored rows. */
    public static boolean movesRows(List<RuleChange> changes) {
        for (RuleChange each : changes) {
            if (each.movesRows()) {
                return true;
            }
        }
        return false;
    }
}
