package io.shardline.proxy.route;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The columns of sharded tables, in order, as their first actual table defines them: what an INSERT without a
 * column list needs to find its sharding values. Looked up on first need and kept until DDL through the proxy
 * changes the schema's tables. Shared by every session; thread-safe.
 */
public final class TableColumns {
    private final Map<String, List<String>> byTable = new ConcurrentHashMap<>();

    /** The columns of {@code schema.table}, or null when not known yet. */
    public List<String> get(String schema, String table) {
        return byTable.get(key(schema, table));
    }

    public void put(String schema, String table, List<String> columns) {
        byTable.put(key(schema, table), List.copyOf(columns));
    }

    /** Forgets every table of {@code schema}: a DDL statement may have changed their columns. */
    public void forget(String schema) {
        String prefix = schema.toLowerCase(Locale.ROOT) + ".";
        byTable.keySet().removeIf(each -> each.startsWith(prefix));
    }

    private static String key(String schema, String table) {
        return schema.toLowerCase(Locale.ROOT) + "." + table.toLowerCase(Locale.ROOT);
    }
}
