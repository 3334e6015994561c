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
 * equality on a value of the statement ({@code WHERE id = ?}, ANDed with anything else): read from the shape's
 * conditions once, so that each statement only hands its values to the table's algorithms, without reading its
 * conditions into new objects. A statement it cannot place so (a NULL key, a value the algorithm refuses, a target
 * outside the table) is routed the general way, which gives the same node for every other one. Immutable.
 */
final class PointRoute {
    /** Stands for the statement's value number {@code index} while the shape's conditions are read. */
    private record Slot(int index) {}

    /** {@link #slotOf}: the strategy is absent (one candidate), or its column is not pinned to one value. */
    private static final int NO_ALGORITHM = -1;
    private static final int NOT_A_POINT = -2;

    private final SingleColumnSharding databaseAlgorithm;
    private final int databaseSlot;
    private final SingleColumnSharding tableAlgorithm;
    private final int tableSlot;
    private final List<String> dataSources;
    private final Map<String, List<String>> tablesBySource;
    private final Map<String, Map<String, DataNode>> nodes = new HashMap<>();

    private PointRoute(TableRule rule, SingleColumnSharding databaseAlgorithm, int databaseSlot,
                       SingleColumnSharding tableAlgorithm, int tableSlot) {
        this.databaseAlgorithm = databaseAlgorithm;
        this.databaseSlot = databaseSlot;
        this.tableAlgorithm = tableAlgorithm;
        this.tableSlot = tableSlot;
        this.dataSources = rule.dataSources();
        this.tablesBySource = new HashMap<>();
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
     * equality on a value, an algorithm over several columns, or no algorithm where there is more than one
     * candidate.
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
        int databaseSlot = slotOf(rule.databaseStrategy(), table, only);
        int tableSlot = slotOf(rule.tableStrategy(), table, only);
        boolean oneSource = rule.dataSources().size() == 1;
        boolean oneTableEach = rule.dataSources().stream().allMatch(each -> rule.tablesOn(each).size() == 1);
        if (databaseSlot == NOT_A_POINT || tableSlot == NOT_A_POINT
                || rule.databaseStrategy() == null && !oneSource || rule.tableStrategy() == null && !oneTableEach) {
            return null;
        }
        return new PointRoute(rule, (SingleColumnSharding) rule.databaseStrategy(), databaseSlot,
                (SingleColumnSharding) rule.tableStrategy(), tableSlot);
    }

    /** The value an algorithm's one column is equal to, NO_ALGORITHM without one, else NOT_A_POINT. */
    private static int slotOf(ShardingAlgorithm algorithm, String table,
                              Map<ColumnRef, List<ColumnConstraint>> group) {
        if (algorithm == null) {
            return NO_ALGORITHM;
        }
        if (!(algorithm instanceof SingleColumnSharding single)) {
            return NOT_A_POINT;
        }
        List<ColumnConstraint> constraints = group.get(new ColumnRef(table, single.column()));
        if (constraints == null || constraints.size() != 1
                || !(constraints.get(0) instanceof ColumnConstraint.OneOf oneOf) || oneOf.values().size() != 1
                || !(oneOf.values().get(0) instanceof Slot slot)) {
            return NOT_A_POINT;
        }
        return slot.index();
    }

    /** The node holding the rows the statement's {@code values} pin, or null to route it the general way. */
    DataNode nodeFor(List<Object> values) {
        try {
            String source = databaseAlgorithm == null ? dataSources.get(0)
                    : target(databaseAlgorithm, dataSources, values.get(databaseSlot));
            List<String> tables = source == null ? null : tablesBySource.get(source);
            if (tables == null) {
                return null;
            }
            String table = tableAlgorithm == null ? tables.get(0) : target(tableAlgorithm, tables,
                    values.get(tableSlot));
            return table == null ? null : nodes.get(source).get(table);
        } catch (ShardingException e) {
            return null; // a value the algorithm cannot place: the general way reaches every candidate
        }
    }

    /** The algorithm's target among {@code candidates}, or null for a NULL value or a target outside them. */
    private static String target(SingleColumnSharding algorithm, List<String> candidates, Object value) {
        if (value == null) {
            return null;
        }
        String target = algorithm.targetOf(candidates, value);
        return candidates.contains(target) ? target : null;
    }
}
