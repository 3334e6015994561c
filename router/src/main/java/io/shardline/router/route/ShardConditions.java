package io.shardline.router.route;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of a WHERE clause routing can use, as an OR of AND-groups: each group lists, per column, the
 * constraints that must all hold. A row can only be in the data nodes some group allows. Conditions routing cannot
 * read ({@code NOT}, functions of the column, comparisons between columns) constrain nothing, which is always safe:
 * an unconstrained column allows every node.
 *
 * @param groups never empty; a single empty group means "no constraint at all"
 */
public record ShardConditions(List<Map<ColumnRef, List<ColumnConstraint>>> groups) {
    /** More AND-groups than this (from ANDs of ORs) are not worth expanding: route as unconstrained. */
    static final int MAX_GROUPS = 64;

    public static final ShardConditions NONE = new ShardConditions(List.of(Map.of()));

    public ShardConditions {
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("at least one group");
        }
        // A loop rather than a stream: every routed statement builds at least one.
        List<Map<ColumnRef, List<ColumnConstraint>>> copied = new ArrayList<>(groups.size());
        for (Map<ColumnRef, List<ColumnConstraint>> each : groups) {
            copied.add(copy(each));
        }
        groups = java.util.Collections.unmodifiableList(copied);
    }

    private static Map<ColumnRef, List<ColumnConstraint>> copy(Map<ColumnRef, List<ColumnConstraint>> group) {
        if (group.size() == 1) {
            Map.Entry<ColumnRef, List<ColumnConstraint>> only = group.entrySet().iterator().next();
            return Map.of(only.getKey(), List.copyOf(only.getValue()));
        }
        Map<ColumnRef, List<ColumnConstraint>> result = new LinkedHashMap<>();
        group.forEach((column, constraints) -> result.put(column, List.copyOf(constraints)));
        return java.util.Collections.unmodifiableMap(result);
    }

    public static ShardConditions of(ColumnRef column, ColumnConstraint constraint) {
        return new ShardConditions(List.of(Map.of(column, List.of(constraint))));
    }

    /** Both must hold: every pair of groups joined. */
    public ShardConditions and(ShardConditions other) {
        if (groups.size() * other.groups.size() > MAX_GROUPS) {
            // Dropping conditions only widens the route: keep the side with fewer groups.
            return groups.size() <= other.groups.size() ? this : other;
        }
        List<Map<ColumnRef, List<ColumnConstraint>>> result = new ArrayList<>();
        for (Map<ColumnRef, List<ColumnConstraint>> left : groups) {
            for (Map<ColumnRef, List<ColumnConstraint>> right : other.groups) {
                Map<ColumnRef, List<ColumnConstraint>> joined = new LinkedHashMap<>();
                left.forEach((column, list) -> joined.computeIfAbsent(column, k -> new ArrayList<>()).addAll(list));
                right.forEach((column, list) -> joined.computeIfAbsent(column, k -> new ArrayList<>()).addAll(list));
                result.add(joined);
            }
        }
        return new ShardConditions(result);
    }

    /** Either may hold: the groups of both. An unconstrained side makes the whole unconstrained. */
    public ShardConditions or(ShardConditions other) {
        if (isNone() || other.isNone() || groups.size() + other.groups.size() > MAX_GROUPS) {
            return NONE;
        }
        List<Map<ColumnRef, List<ColumnConstraint>>> result = new ArrayList<>(groups);
        result.addAll(other.groups);
        return new ShardConditions(result);
    }

    /** True when some group constrains nothing. */
    public boolean isNone() {
        for (Map<ColumnRef, List<ColumnConstraint>> each : groups) {
            if (each.isEmpty()) {
                return true;
            }
        }
        return false;
    }
}
