package io.shardline.cli.command;

import com.mysql.cj.jdbc.MysqlDataSource;
import io.shardline.proxy.config.DataSourceSpec;
import io.shardline.proxy.config.Endpoint;
import io.shardline.proxy.config.ProxyConfig;
import io.shardline.router.rule.DataNode;
import io.shardline.router.rule.SchemaRules;
import io.shardline.router.rule.TableRule;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code rules validate --check-backends}: every actual table of every sharded table, on its data source's primary,
 * must exist and have the columns (names and types, in order) of the others of its logical table, since the proxy
 * sends one statement text to all of them and merges their rows as one table's.
 *
 * <p>A data node {@code ds_1.t_order_2} of schema {@code shop} lives in the schema's <em>actual database</em> on
 * {@code ds_1} ({@code actual-databases}, default the schema's own name), as the proxy's SessionSync uses it. Each
 * database is read once, from information_schema. The reference layout of a logical table is the one most of its
 * actual tables have, so a single odd table is the one reported, whichever node comes first.
 */
final class ShardTables {
    /**
     * @param tableProblems whether a table is missing or different (not only a server unreachable)
     */
    record Report(String summary, List<String> problems, boolean tableProblems) {}

    /** One database's tables: name → columns as {@code name type}, in order. */
    private final Map<String, Map<String, List<String>>> databases = new HashMap<>();
    /** Data sources whose primary could not be read, with why: each is reported once. */
    private final Map<String, String> unreachable = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private final ProxyConfig config;
    private final Duration timeout;
    private boolean tableProblems;
    private int checkedTables;

    ShardTables(ProxyConfig config, Duration timeout) {
        this.config = config;
        this.timeout = timeout;
    }

    Report check() {
        int logicalTables = 0;
        for (SchemaRules schema : config.sharding().schemas().values()) {
            for (TableRule rule : schema.tables().values()) {
                checkTable(schema, rule);
                logicalTables++;
            }
        }
        if (logicalTables == 0) {
            return new Report("backends: no sharded tables in the file, nothing to check", List.of(), false);
        }
        unreachable.values().forEach(problems::add);
        return new Report("backends: " + checkedTables + " actual tables of " + logicalTables
                + " sharded tables exist and have the same columns", List.copyOf(problems), tableProblems);
    }

    private void checkTable(SchemaRules schema, TableRule rule) {
        Map<DataNode, List<String>> layouts = new LinkedHashMap<>();
        for (DataNode node : rule.dataNodes()) {
            String database = schema.actualDatabase(node.dataSource());
            Map<String, List<String>> tables = tablesOf(node.dataSource(), database);
            if (tables == null) {
                continue;
            }
            List<String> columns = find(tables, node.table());
            if (columns == null) {
                tableProblems = true;
                problems.add(schema.name() + "." + rule.logicalTable() + ": " + node + " is missing ("
                        + (tables.isEmpty() ? "database " + database + " has no tables or does not exist"
                                : "no table " + node.table() + " in database " + database)
                        + " on " + primary(node.dataSource()) + "); create it like the other tables of "
                        + rule.logicalTable());
                continue;
            }
            layouts.put(node, columns);
            checkedTables++;
        }
        compare(schema.name() + "." + rule.logicalTable(), layouts);
    }

    /** Reports each actual table whose columns differ from the layout most of them have. */
    private void compare(String logical, Map<DataNode, List<String>> layouts) {
        Map<List<String>, Integer> counts = new HashMap<>();
        layouts.values().forEach(columns -> counts.merge(columns, 1, Integer::sum));
        DataNode reference = null;
        for (Map.Entry<DataNode, List<String>> each : layouts.entrySet()) {
            if (reference == null || counts.get(each.getValue()) > counts.get(layouts.get(reference))) {
                reference = each.getKey();
            }
        }
        for (Map.Entry<DataNode, List<String>> each : layouts.entrySet()) {
            String difference = difference(layouts.get(reference), each.getValue(), reference);
            if (difference != null) {
                tableProblems = true;
                problems.add(logical + ": " + each.getKey() + " differs from " + reference + ": " + difference);
            }
        }
    }

    /** The first difference in words, or null when the columns are the same. */
    static String difference(List<String> expected, List<String> actual, DataNode reference) {
        for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
            if (i >= actual.size()) {
                return "it lacks column " + (i + 1) + " (" + expected.get(i) + ")";
            }
            if (i >= expected.size()) {
                return "it has an extra column " + (i + 1) + " (" + actual.get(i) + ")";
            }
            if (!expected.get(i).equals(actual.get(i))) {
                return "column " + (i + 1) + " is " + actual.get(i) + ", in " + reference + " " + expected.get(i);
            }
        }
        return null;
    }

    /** Exact name first; else the one name that differs only in case (lower_case_table_names servers). */
    private static List<String> find(Map<String, List<String>> tables, String table) {
        List<String> exact = tables.get(table);
        if (exact != null) {
            return exact;
        }
        return tables.entrySet().stream().filter(each -> each.getKey().equalsIgnoreCase(table))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    /** The tables of {@code database} on the data source's primary; null when it cannot be read. */
    private Map<String, List<String>> tablesOf(String dataSource, String database) {
        String key = dataSource + "\u0000" + database;
        if (databases.containsKey(key)) {
            return databases.get(key);
        }
        if (unreachable.containsKey(dataSource)) {
            return null;
        }
        try (Connection connection = connect(config.dataSources().get(dataSource))) {
            databases.put(key, columns(connection, database));
        } catch (SQLException ex) {
            DataSourceSpec spec = config.dataSources().get(dataSource);
            unreachable.put(dataSource, dataSource + ": cannot read its primary " + spec.primary() + " as "
                    + spec.user() + " (" + rootMessage(ex) + "); is it running, and are datasources." + dataSource
                    + ".user and password right? its tables were not checked");
            return null;
        }
        return databases.get(key);
    }

    /**
     * Connector/J wraps the socket's "Connection refused" in a multi-line "Communications link failure"; the
     * innermost message says what went wrong, on one line.
     */
    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName()
                : message.strip().replaceAll("\\s+", " ");
    }

    private static Map<String, List<String>> columns(Connection connection, String database) throws SQLException {
        Map<String, List<String>> result = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE"
                + " FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, ORDINAL_POSITION")) {
            statement.setString(1, database);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    result.computeIfAbsent(rows.getString(1), table -> new ArrayList<>())
                            .add(rows.getString(2) + " " + rows.getString(3));
                }
            }
        }
        return result;
    }

    /**
     * A DataSource rather than DriverManager: no global login timeout, no driver registration by service loader
     * (the shaded jar need not carry it right for this to work).
     */
    private Connection connect(DataSourceSpec spec) throws SQLException {
        Endpoint primary = spec.primary();
        String host = primary.host().indexOf(':') >= 0 && !primary.host().startsWith("[")
                ? "[" + primary.host() + "]" : primary.host();
        MysqlDataSource source = new MysqlDataSource();
        // TLS as the proxy uses it for this data source: required when configured, never verified.
        source.setUrl("jdbc:mysql://" + host + ":" + primary.port() + "/?sslMode="
                + (spec.tls() ? "REQUIRED" : "PREFERRED") + "&allowPublicKeyRetrieval=true"
                + "&connectionAttributes=program_name:shardctl");
        source.setConnectTimeout((int) timeout.toMillis());
        source.setSocketTimeout((int) timeout.toMillis());
        return source.getConnection(spec.user(), spec.password());
    }

    private String primary(String dataSource) {
        return dataSource + "'s primary " + config.dataSources().get(dataSource).primary();
    }
}
