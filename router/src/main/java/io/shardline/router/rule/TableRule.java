package io.shardline.router.rule;

import io.shardline.router.algorithm.HashModSharding;
import io.shardline.router.algorithm.ModSharding;
import io.shardline.router.algorithm.RangeSharding;
import io.shardline.router.algorithm.ShardingAlgorithm;
import io.shardline.router.algorithm.ShardingException;
import io.shardline.router.algorithm.Targets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One sharded logical table: its data nodes (every actual table, on every data source) and how a row's sharding
 * values pick one: the database strategy picks the data source, the table strategy the actual table on it. A
 * strategy may be absent when there is only one choice at its level.
 *
 * @param keyColumn the column a key generator fills when an INSERT leaves it out, or null
 */
public record TableRule(String logicalTable, List<DataNode> dataNodes, ShardingAlgorithm databaseStrategy,
                        ShardingAlgorithm tableStrategy, String keyColumn) {

    public TableRule {
        dataNodes = List.copyOf(dataNodes);
        if (dataNodes.isEmpty()) {
            throw new IllegalArgumentException("table " + logicalTable + " has no data nodes");
        }
        Map<String, List<String>> tables = tablesBySource(dataNodes);
        if (databaseStrategy == null && tables.size() > 1) {
            throw new IllegalArgumentException("table " + logicalTable + " spans data sources " + tables.keySet()
                    + " but has no database strategy to choose between them");
        }
        coversEveryShard(logicalTable, "database", databaseStrategy, List.copyOf(tables.keySet()));
        List<String> allTables = new ArrayList<>();
        tables.values().forEach(allTables::addAll);
        coversEveryShard(logicalTable, "table", tableStrategy, allTables);
        if (tableStrategy == null) {
            for (Map.Entry<String, List<String>> each : tables.entrySet()) {
                if (each.getValue().size() > 1) {
                    throw new IllegalArgumentException("table " + logicalTable + " has tables " + each.getValue()
                            + " on " + each.getKey() + " but no table strategy to choose between them");
                }
            }
        }
    }

    /**
     * A strategy that numbers its shards (mod, hash-mod, range) must find a target for every number it can give:
     * otherwise rows with those keys could never be placed, which is a rule mistake to report now, not per row.
     */
    private static void coversEveryShard(String table, String level, ShardingAlgorithm strategy,
                                         List<String> targets) {
        int shards = strategy instanceof ModSharding mod ? mod.count()
                : strategy instanceof HashModSharding hash ? hash.count()
                : strategy instanceof RangeSharding range ? range.boundaries().size() + 1
                : 0;
        Set<Long> numbers = new HashSet<>();
        for (String each : targets) {
            numbers.add(Targets.trailingNumber(each));
        }
        for (long shard = 0; shard < shards; shard++) {
            if (!numbers.contains(shard)) {
                throw new IllegalArgumentException("table " + table + ": the " + level + " strategy can give shard "
                        + shard + " but no " + (level.equals("table") ? "table" : "data source") + " among "
                        + new java.util.LinkedHashSet<>(targets) + " ends with " + shard + "; make the data nodes and the strategy's count agree");
            }
        }
    }

    private static Map<String, List<String>> tablesBySource(List<DataNode> nodes) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        for (DataNode each : nodes) {
            result.computeIfAbsent(each.dataSource(), key -> new ArrayList<>()).add(each.table());
        }
        return result;
    }

    /** The data sources of this table, in the order of its data nodes. */
    public List<String> dataSources() {
        return List.copyOf(tablesBySource(dataNodes).keySet());
    }

    /** The actual tables of this table on {@code dataSource}, in data-node order. */
    public List<String> tablesOn(String dataSource) {
        return tablesBySource(dataNodes).getOrDefault(dataSource, List.of());
    }

    /** Every column either strategy reads, lower case. */
    public Set<String> shardingColumns() {
        Set<String> result = new LinkedHashSet<>();
        if (databaseStrategy != null) {
            result.addAll(databaseStrategy.columns());
        }
        if (tableStrategy != null) {
            result.addAll(tableStrategy.columns());
        }
        return result;
    }

    /**
     * The data node holding a row whose sharding columns have {@code values} (lower-case names).
     *
     * @throws ShardingException when a value is missing or cannot be placed
     */
    public DataNode locate(Map<String, Object> values) {
        Set<String> missing = new HashSet<>(shardingColumns());
        missing.removeAll(values.keySet());
        if (!missing.isEmpty()) {
            throw new ShardingException("table " + logicalTable + " is sharded by " + shardingColumns()
                    + "; a row needs a value for " + missing);
        }
        List<String> sources = dataSources();
        String source = databaseStrategy == null ? sources.get(0) : databaseStrategy.target(sources, values);
        List<String> tables = tablesOn(source);
        String table = tableStrategy == null ? tables.get(0) : tableStrategy.target(tables, values);
        return new DataNode(source, table);
    }
}
