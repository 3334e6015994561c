package io.shardline.router.plan;

import io.shardline.router.algorithm.ShardingAlgorithm;
import io.shardline.router.algorithm.ShardingException;
import io.shardline.router.algorithm.SingleColumnSharding;
import io.shardline.router.parse.ConditionExtractor;
import io.shardline.router.parse.TableNames;
import io.shardline.router.route.ColumnConstraint;
import io.shardline.router.route.ColumnRef;
import io.shardline.router.route.ShardConditions;
import io.shardline.router.rule.DataNode;
import io.shardline.router.rule.TableRule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.sf.jsqlparser.expression.Expression;

/**
 * The one node of a flat statement shape whose WHERE pins each sharding column of its only sharded table with one
 * equality on a value of the statement ({@code WHERE user_id = ? AND order_id = ?}, ANDed with anything else, under
 * any algorithm, an inline expression over several columns too): read from the shape's conditions once, so that
 * each statement only hands its values to the table's algorithms, without reading its conditions into new objects. A statement it cannot place so (a NULL key, a value the algorithm refuses, a target
 * outside the table) is routed the general way, which gives the same node for every other one. Immutable.
 */
final class PointRoute {
    /** Stands for the statement's value number {@code index} while the shape's conditions are read. */
    private record Slot(int index) {}

    /**
     * A strategy whose every column the shape pins to one value: {@code slots[i]} is the statement value of
     * {@code columns.get(i)}.
     */
    private record Pinned(ShardingAlgorithm algorithm, List<String> columns, int[] slots) {
        /** The algorithm's target among {@code candidates}, or null (a NULL value, a target outside them). */
        String target(List<String> candidates, List<Object> values) {
            String target;
            if (algorithm instanceof SingleColumnSharding single) {
                Object value = values.get(slots[0]);
                if (value == null) {
                    return null; // col = NULL matches no row: the general way says which node answers
                }
                target = single.targetOf(candidates, value);
            } else {
                Map<String, Object> row = new HashMap<>();
                for (int i = 0; i < slots.length; i++) {
                    Object value = values.get(slots[i]);
                    if (value == null) {
                        return null;
                    }
                    row.put(columns.get(i), value);
                }
                target = algorithm.target(candidates, row);
            }
            return candidates.contains(target) ? target : null;
        }
    }

    /** {@link #pinned}: the strategy reads a column the shape does not pin to exactly one value. */
    private static final Pinned NOT_PINNED = new Pinned(null, List.of(), new int[0]);

    /** Null when the table has no database strategy (then it has one data source). */
    private final Pinned database;
    /** Null when the table has no table strategy (then it has one table on each data source). */
    private final Pinned table;
    private final List<String> dataSources;
    private final Map<String, List<String>> tablesBySource = new HashMap<>();
    private final Map<String, Map<String, DataNode>> nodes = new HashMap<>();

    private PointRoute(TableRule rule, Pinned database, Pinned table) {
        this.database = database;
        this.table = table;
        this.dataSources = rule.dataSources();
        for (String each : dataSources) {
            tablesBySource.put(each, rule.tablesOn(each));
        }
        for (DataNode each : rule.dataNodes()) {
            nodes.computeIfAbsent(each.dataSource(), source -> new HashMap<>()).put(each.table(), each);
        }
    }

    /**
     * The point route of a shape whose sharded tables are {@code group}, or null when its conditions are not of
     * that form: several sharded tables, several AND-groups (an OR), a sharding column without exactly one
     * equality on a value, or no strategy where there is more than one candidate.
     *
     * @param valueCount how many values ({@code ?}) the shape has
     */
    static PointRoute of(ShardGroup group, TableNames names, Expression where, int valueCount) {
        if (group.tables().size() != 1 || where == null) {
            return null;
        }
        List<Object> slots = new ArrayList<>(valueCount);
        for (int i = 0; i < valueCount; i++) {
            slots.add(new Slot(i));
        }
        ShardConditions conditions = new ConditionExtractor(names, slots).extract(where);
        if (conditions.groups().size() != 1) {
            return null;
        }
        Map<ColumnRef, List<ColumnConstraint>> only = conditions.groups().get(0);
        TableRule rule = group.primary();
        String table = rule.logicalTable().toLowerCase(Locale.ROOT);
        Pinned database = pinned(rule.databaseStrategy(), table, only);
        Pinned tables = pinned(rule.tableStrategy(), table, only);
        boolean oneSource = rule.dataSources().size() == 1;
        boolean oneTableEach = rule.dataSources().stream().allMatch(each -> rule.tablesOn(each).size() == 1);
        if (database == NOT_PINNED || tables == NOT_PINNED || database == null && !oneSource
                || tables == null && !oneTableEach) {
            return null;
        }
        return new PointRoute(rule, database, tables);
    }

    /** The strategy with the values its columns are equal to; null without a strategy, else NOT_PINNED. */
    private static Pinned pinned(ShardingAlgorithm algorithm, String table,
                                 Map<ColumnRef, List<ColumnConstraint>> group) {
        if (algorithm == null) {
            return null;
        }
        List<String> columns = List.copyOf(algorithm.columns());
        int[] slots = new int[columns.size()];
        for (int i = 0; i < slots.length; i++) {
            List<ColumnConstraint> constraints = group.get(new ColumnRef(table, columns.get(i)));
            if (constraints == null || constraints.size() != 1
                    || !(constraints.get(0) instanceof ColumnConstraint.OneOf oneOf) || oneOf.values().size() != 1
                    || !(oneOf.values().get(0) instanceof Slot slot)) {
                return NOT_PINNED;
            }
            slots[i] = slot.index();
        }
        return new Pinned(algorithm, columns, slots);
    }

    /** The node holding the rows the statement's {@code values} pin, or null to route it the general way. */
    DataNode nodeFor(List<Object> values) {
        try {
            String source = database == null ? dataSources.get(0) : database.target(dataSources, values);
            List<String> tables = source == null ? null : tablesBySource.get(source);
            if (tables == null) {
                return null;
            }
            String actual = table == null ? tables.get(0) : table.target(tables, values);
            return actual == null ? null : nodes.get(source).get(actual);
        } catch (ShardingException e) {
            return null; // a value an algorithm cannot place: the general way reaches every candidate
        }
    }
}
