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
import java.util.Objects;
import java.util.Set;

/**
 * One sharded logical table: its data nodes (every actual table, on every data source) and how a row's sharding
 * values pick one: the database strategy picks the data source, the table strategy the actual table on it. A
 * strategy may be absent when there is only one choice at its level. Immutable.
 */
public final class TableRule {
    private final String logicalTable;
    private final List<DataNode> dataNodes;
    private final ShardingAlgorithm databaseStrategy;
    private final ShardingAlgorithm tableStrategy;
    private final String keyColumn;
    // Derived once: routing asks for them on every statement.
    private final Map<String, List<String>> tablesBySource;
    private final List<String> dataSources;
    private final Set<String> shardingColumns;

    public TableRule(String logicalTable, List<DataNode> dataNodes, ShardingAlgorithm databaseStrategy,
                     ShardingAlgorithm tableStrategy, String keyColumn) {
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
        this.logicalTable = logicalTable;
        this.dataNodes = dataNodes;
        this.databaseStrategy = databaseStrategy;
        this.tableStrategy = tableStrategy;
        this.keyColumn = keyColumn;
        Map<String, List<String>> frozen = new LinkedHashMap<>();
        tables.forEach((source, names) -> frozen.put(source, List.copyOf(names)));
        this.tablesBySource = java.util.Collections.unmodifiableMap(frozen);
        this.dataSources = List.copyOf(tables.keySet());
        Set<String> columns = new LinkedHashSet<>();
        if (databaseStrategy != null) {
            columns.addAll(databaseStrategy.columns());
        }
        if (tableStrategy != null) {
            columns.addAll(tableStrategy.columns());
        }
        this.shardingColumns = java.util.Collections.unmodifiableSet(columns);
    }

    public String logicalTable() {
        return logicalTable;
    }

    public List<DataNode> dataNodes() {
        return dataNodes;
    }

    /** Picks the data source; null when the table lives on one. */
    public ShardingAlgorithm databaseStrategy() {
        return databaseStrategy;
    }

    /** Picks the actual table on its data source; null when there is one per data source. */
    public ShardingAlgorithm tableStrategy() {
        return tableStrategy;
    }

    /** The column a key generator fills when an INSERT leaves it out, or null. */
    public String keyColumn() {
        return keyColumn;
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
        return dataSources;
    }

    /** The actual tables of this table on {@code dataSource}, in data-node order. */
    public List<String> tablesOn(String dataSource) {
        return tablesBySource.getOrDefault(dataSource, List.of());
    }

    /** Every column either strategy reads, lower case. */
    public Set<String> shardingColumns() {
        return shardingColumns;
    }

    /**
     * The data node holding a row whose sharding columns have {@code values} (lower-case names).
     *
     * @throws ShardingException when a value is missing or cannot be placed
     */
    public DataNode locate(Map<String, Object> values) {
        if (!values.keySet().containsAll(shardingColumns)) {
            Set<String> missing = new LinkedHashSet<>(shardingColumns);
            missing.removeAll(values.keySet());
            throw new ShardingException("table " + logicalTable + " is sharded by " + shardingColumns()
                    + "; a row needs a value for " + missing);
        }
        List<String> sources = dataSources;
        String source = databaseStrategy == null ? sources.get(0) : databaseStrategy.target(sources, values);
        List<String> tables = tablesOn(source);
        String table = tableStrategy == null ? tables.get(0) : tableStrategy.target(tables, values);
        return new DataNode(source, table);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TableRule rule && logicalTable.equals(rule.logicalTable)
                && dataNodes.equals(rule.dataNodes) && Objects.equals(databaseStrategy, rule.databaseStrategy)
                && Objects.equals(tableStrategy, rule.tableStrategy) && Objects.equals(keyColumn, rule.keyColumn);
    }

    @Override
    public int hashCode() {
        return Objects.hash(logicalTable, dataNodes, databaseStrategy, tableStrategy, keyColumn);
    }

    @Override
    public String toString() {
        return "TableRule[" + logicalTable + ", " + dataNodes + ", database " + databaseStrategy + ", table "
                + tableStrategy + (keyColumn == null ? "" : ", key " + keyColumn) + "]";
    }
}
