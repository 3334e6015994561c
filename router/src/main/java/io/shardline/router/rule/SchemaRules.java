package io.shardline.router.rule;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Everything sharded in one logical schema, the name clients use ({@code USE shop}): its sharded tables, which of
 * them are bound together (sharded alike, so joins on the shard key stay on one node), the broadcast tables (a
 * full copy on every data source), and where everything else lives (the default data source). Table names are
 * kept lower case.
 *
 * @param actualDatabases the database each data source holds this schema's tables in; a data source not listed
 *     uses the schema's own name
 */
public record SchemaRules(String name, String defaultDataSource, Map<String, TableRule> tables,
                          List<Set<String>> bindingGroups, Set<String> broadcastTables,
                          Map<String, String> actualDatabases) {

    public SchemaRules {
        Map<String, TableRule> byName = new LinkedHashMap<>();
        tables.forEach((table, rule) -> byName.put(lower(table), rule));
        tables = java.util.Collections.unmodifiableMap(byName);
        bindingGroups = bindingGroups.stream().map(group -> Set.copyOf(group.stream().map(SchemaRules::lower)
                .toList())).toList();
        broadcastTables = Set.copyOf(broadcastTables.stream().map(SchemaRules::lower).toList());
        actualDatabases = Map.copyOf(actualDatabases);
        if (defaultDataSource == null || defaultDataSource.isBlank()) {
            throw new IllegalArgumentException("schema " + name + " needs a default data source for its tables"
                    + " that are neither sharded nor broadcast");
        }
        String home = actualDatabases.get(defaultDataSource);
        if (home != null && !home.equalsIgnoreCase(name)) {
            // Sessions of the schema run USE, SHOW, SET... on the default data source as the schema they named.
            throw new IllegalArgumentException("schema " + name + ": its default data source " + defaultDataSource
                    + " must hold it under its own name, not " + home + "; remove that actual-databases entry or"
                    + " rename the database");
        }
        validate(name, tables, bindingGroups, broadcastTables);
    }

    private static void validate(String schema, Map<String, TableRule> tables, List<Set<String>> bindingGroups,
                                 Set<String> broadcastTables) {
        Set<String> bound = new HashSet<>();
        for (Set<String> group : bindingGroups) {
            if (group.size() < 2) {
                throw new IllegalArgumentException("schema " + schema + ": binding group " + group
                        + " needs at least two tables");
            }
            TableRule first = null;
            for (String each : group) {
                TableRule rule = tables.get(each);
                if (rule == null) {
                    throw new IllegalArgumentException("schema " + schema + ": binding group " + group + " names "
                            + each + ", which is not a sharded table");
                }
                if (!bound.add(each)) {
                    throw new IllegalArgumentException("schema " + schema + ": table " + each
                            + " is in two binding groups; merge them into one");
                }
                if (first != null && !sameLayout(first, rule)) {
                    throw new IllegalArgumentException("schema " + schema + ": binding group " + group + " binds "
                            + first.logicalTable() + " and " + rule.logicalTable() + ", which are not laid out alike"
                            + " (the same data sources with the same number of tables each)");
                }
                first = first == null ? rule : first;
            }
        }
        for (String each : broadcastTables) {
            if (tables.containsKey(each)) {
                throw new IllegalArgumentException("schema " + schema + ": " + each
                        + " is both sharded and broadcast; it can only be one");
            }
        }
    }

    private static boolean sameLayout(TableRule left, TableRule right) {
        if (!left.dataSources().equals(right.dataSources())) {
            return false;
        }
        for (String each : left.dataSources()) {
            if (left.tablesOn(each).size() != right.tablesOn(each).size()) {
                return false;
            }
        }
        return true;
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** The rule of a sharded table, or null when {@code table} is not sharded. */
    public TableRule table(String table) {
        return tables.get(lower(table));
    }

    public boolean isBroadcast(String table) {
        return broadcastTables.contains(lower(table));
    }

    /** The binding group {@code table} belongs to; empty when it is in none. */
    public Set<String> bindingGroupOf(String table) {
        String name = lower(table);
        for (Set<String> each : bindingGroups) {
            if (each.contains(name)) {
                return each;
            }
        }
        return Set.of();
    }

    /** Every data source this schema uses: the default one first, then those of the sharded tables. */
    public Set<String> dataSources() {
        Set<String> result = new LinkedHashSet<>();
        result.add(defaultDataSource);
        for (TableRule each : tables.values()) {
            result.addAll(each.dataSources());
        }
        return result;
    }

    /** The database that holds this schema's tables on {@code dataSource}. */
    public String actualDatabase(String dataSource) {
        return actualDatabases.getOrDefault(dataSource, name);
    }
}
