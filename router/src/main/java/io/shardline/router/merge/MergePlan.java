package io.shardline.router.merge;

import java.util.List;
import java.util.Map;

/**
 * How the rows several shards return for one SELECT become the rows one server would return, in SQL's order of
 * steps: group (aggregating each column as {@code aggregates} says), de-duplicate, order, then skip and limit.
 *
 * @param hiddenColumns how many columns after the visible ones Shardline added for itself
 * @param grouped the rows are grouped: by {@code groupKeys}, or all into one group when the list is empty (an
 *     aggregate without GROUP BY, which gives one row even when no shard has any)
 * @param aggregates per column that is not a plain first value, how its values combine; visible or hidden
 * @param averageCounts for each AVG column, the hidden column holding the COUNT its SUM is divided by
 * @param distinct SELECT DISTINCT: equal visible rows are kept once
 * @param offset rows skipped after ordering
 * @param limit rows kept after the offset; -1 for all
 * @param having the groups kept (HAVING, evaluated on the merged groups); null to keep all
 * @param distinctValues for each COUNT(DISTINCT x) column, the hidden column holding x
 * @param streamOrder the order every shard sends its rows in (the shards' ORDER BY) so that a group's rows, or
 *     DISTINCT's equal rows, arrive next to each other and are merged as they come ({@link StreamingGroups});
 *     empty when the grouping collects every row first
 */
public record MergePlan(int hiddenColumns, boolean grouped, List<Slot> groupKeys, Map<Slot, Aggregate> aggregates,
                        Map<Slot, Slot> averageCounts, boolean distinct, List<SortKey> order, long offset,
                        long limit, Condition having, Map<Slot, Slot> distinctValues, List<SortKey> streamOrder) {
    public MergePlan(int hiddenColumns, boolean grouped, List<Slot> groupKeys, Map<Slot, Aggregate> aggregates,
                     Map<Slot, Slot> averageCounts, boolean distinct, List<SortKey> order, long offset, long limit,
                     Condition having, Map<Slot, Slot> distinctValues) {
        this(hiddenColumns, grouped, groupKeys, aggregates, averageCounts, distinct, order, offset, limit, having,
                distinctValues, List.of());
    }

    public MergePlan(int hiddenColumns, boolean grouped, List<Slot> groupKeys, Map<Slot, Aggregate> aggregates,
                     Map<Slot, Slot> averageCounts, boolean distinct, List<SortKey> order, long offset, long limit,
                     Condition having) {
        this(hiddenColumns, grouped, groupKeys, aggregates, averageCounts, distinct, order, offset, limit, having,
                Map.of());
    }

    public MergePlan(int hiddenColumns, boolean grouped, List<Slot> groupKeys, Map<Slot, Aggregate> aggregates,
                     Map<Slot, Slot> averageCounts, boolean distinct, List<SortKey> order, long offset, long limit) {
        this(hiddenColumns, grouped, groupKeys, aggregates, averageCounts, distinct, order, offset, limit, null);
    }

    public MergePlan {
        groupKeys = List.copyOf(groupKeys);
        aggregates = Map.copyOf(aggregates);
        averageCounts = Map.copyOf(averageCounts);
        distinctValues = Map.copyOf(distinctValues);
        order = List.copyOf(order);
        streamOrder = List.copyOf(streamOrder);
    }

    /** This plan with its grouping merged as the rows arrive, the shards sending them in {@code order}. */
    public MergePlan streamedIn(List<SortKey> order) {
        return new MergePlan(hiddenColumns, grouped, groupKeys, aggregates, averageCounts, distinct, this.order,
                offset, limit, having, distinctValues, order);
    }

    /** Rows taken as they come: collected only so that something else can change them. */
    public static MergePlan asTheyCome() {
        return new MergePlan(0, false, List.of(), Map.of(), Map.of(), false, List.of(), 0, -1);
    }

    public Aggregate aggregateOf(Slot slot) {
        return aggregates.getOrDefault(slot, Aggregate.FIRST);
    }
}
