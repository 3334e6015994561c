package io.shardline.router.route;

import io.shardline.router.algorithm.InlineSharding;
import io.shardline.router.algorithm.ShardingAlgorithm;
import io.shardline.router.algorithm.ShardingException;
import io.shardline.router.algorithm.SingleColumnSharding;
import io.shardline.router.rule.DataNode;
import io.shardline.router.rule.TableRule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The data nodes of a sharded table that a statement's conditions can reach: for each AND-group, the data sources
 * its database strategy allows, then on each of them the tables its table strategy allows; the union over the
 * groups. Each constraint on a sharding column narrows the candidates (their sets intersect); a column without
 * constraints, a value an algorithm cannot place or a range it cannot narrow leaves every candidate in. So the
 * result may be wider than needed, never narrower: a node that can hold a matching row is always in it.
 */
public final class NodeRouter {
    /** Combinations of values tried for a multi-column strategy before giving up narrowing. */
    private static final int MAX_COMBINATIONS = 64;

    private NodeRouter() {}

    /** The reachable nodes in data-node order; every node of the table for {@link ShardConditions#NONE}. */
    public static List<DataNode> route(TableRule rule, ShardConditions conditions) {
        // Reached tables by data source: the result then holds the rule's own nodes, not new ones per statement.
        Map<String, Set<String>> reached = new HashMap<>();
        for (Map<ColumnRef, List<ColumnConstraint>> group : conditions.groups()) {
            Map<String, List<ColumnConstraint>> byColumn = columnsOf(rule.logicalTable(), group);
            for (String source : targets(rule.databaseStrategy(), rule.dataSources(), byColumn)) {
                List<String> tables = targets(rule.tableStrategy(), rule.tablesOn(source), byColumn);
                if (!tables.isEmpty()) {
                    reached.computeIfAbsent(source, each -> new HashSet<>()).addAll(tables);
                }
            }
        }
        List<DataNode> result = new ArrayList<>();
        for (DataNode each : rule.dataNodes()) {
            Set<String> tables = reached.get(each.dataSource());
            if (tables != null && tables.contains(each.table())) {
                result.add(each);
            }
        }
        return result;
    }

    /** The group's constraints on this table's columns (unqualified ones have a null table and do not count). */
    private static Map<String, List<ColumnConstraint>> columnsOf(String table,
                                                                 Map<ColumnRef, List<ColumnConstraint>> group) {
        Map<String, List<ColumnConstraint>> result = new HashMap<>();
        String name = table.toLowerCase(java.util.Locale.ROOT);
        group.forEach((column, constraints) -> {
            if (name.equals(column.table())) {
                result.computeIfAbsent(column.column(), k -> new ArrayList<>()).addAll(constraints);
            }
        });
        return result;
    }

    private static List<String> targets(ShardingAlgorithm algorithm, List<String> candidates,
                                        Map<String, List<ColumnConstraint>> byColumn) {
        if (algorithm == null) {
            return candidates;
        }
        if (algorithm instanceof SingleColumnSharding single) {
            List<String> result = candidates;
            for (ColumnConstraint each : RangeMerger.merged(byColumn.getOrDefault(single.column(), List.of()))) {
                result = intersect(result, targets(single, candidates, each));
            }
            return result;
        }
        return combinations((InlineSharding) algorithm, candidates, byColumn);
    }

    private static List<String> targets(SingleColumnSharding algorithm, List<String> candidates,
                                        ColumnConstraint constraint) {
        try {
            if (constraint instanceof ColumnConstraint.Within within) {
                return algorithm.targets(candidates, algorithm.column(), within.range());
            }
            List<String> result = new ArrayList<>();
            for (Object value : ((ColumnConstraint.OneOf) constraint).values()) {
                if (value == null) {
                    continue; // col = NULL matches no row
                }
                String target = algorithm.targetOf(candidates, value);
                if (!result.contains(target)) {
                    result.add(target);
                }
            }
            return result;
        } catch (ShardingException e) {
            // A value the algorithm cannot place (a string compared with an integer key): MySQL converts it, so
            // any node may hold a match.
            return candidates;
        }
    }

    /**
     * A multi-column expression narrows only when every column it reads has exact values. Every exact condition
     * on a column holds for a matching row, so the nodes each one gives (with the other columns' first) intersect:
     * {@code user_id = 1 AND user_id = 2} reaches none.
     */
    private static List<String> combinations(InlineSharding algorithm, List<String> candidates,
                                             Map<String, List<ColumnConstraint>> byColumn) {
        Map<String, List<List<Object>>> exact = new HashMap<>();
        Map<String, List<Object>> first = new HashMap<>();
        for (String column : algorithm.columns()) {
            List<List<Object>> values = exactValues(byColumn.getOrDefault(column, List.of()));
            if (values.isEmpty()) {
                return candidates;
            }
            exact.put(column, values);
            first.put(column, values.get(0));
        }
        List<String> result = place(algorithm, candidates, first);
        for (String column : algorithm.columns()) {
            List<List<Object>> values = exact.get(column);
            for (int i = 1; i < values.size(); i++) {
                Map<String, List<Object>> other = new HashMap<>(first);
                other.put(column, values.get(i));
                result = intersect(result, place(algorithm, candidates, other));
            }
        }
        return result;
    }

    /** The targets of every combination of the columns' values; all candidates when they cannot be placed. */
    private static List<String> place(InlineSharding algorithm, List<String> candidates,
                                      Map<String, List<Object>> valuesByColumn) {
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(new HashMap<>());
        for (String column : algorithm.columns()) {
            List<Object> values = valuesByColumn.get(column);
            if (rows.size() * values.size() > MAX_COMBINATIONS) {
                return candidates;
            }
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> row : rows) {
                for (Object value : values) {
                    Map<String, Object> extended = new HashMap<>(row);
                    extended.put(column, value);
                    next.add(extended);
                }
            }
            rows = next;
        }
        List<String> result = new ArrayList<>();
        try {
            for (Map<String, Object> row : rows) {
                String target = algorithm.target(candidates, row);
                if (!result.contains(target)) {
                    result.add(target);
                }
            }
        } catch (ShardingException e) {
            return candidates;
        }
        return intersect(candidates, result);
    }

    /** The values of each of the column's exact constraints, without NULLs (col = NULL matches no row). */
    private static List<List<Object>> exactValues(List<ColumnConstraint> constraints) {
        List<List<Object>> result = new ArrayList<>();
        for (ColumnConstraint each : constraints) {
            if (each instanceof ColumnConstraint.OneOf oneOf) {
                result.add(oneOf.values().stream().filter(java.util.Objects::nonNull).toList());
            }
        }
        return result;
    }

    private static List<String> intersect(List<String> left, List<String> right) {
        List<String> result = new ArrayList<>(left);
        result.retainAll(right);
        return result;
    }
}
