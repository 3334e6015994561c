package io.shardline.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardline.proxy.ShardlineServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Statements on a sharded schema run where the rules place them, over the sandbox's two shard servers: DDL on
 * every actual table, rows on the shard their key picks (ds_1 keeps the schema in a database of another name),
 * reads and writes on one shard or several, broadcast tables everywhere; what cannot be answered exactly is
 * refused with 1235. Every answer is compared with one plain server holding the same rows.
 */
class ShardedExecutionIT {
    private static final String SCHEMA = "sharded_it";
    private static final String REFERENCE = "sharded_ref";
    private static ShardlineServer proxy;
    private static SandboxFixture sandbox;

    @BeforeAll
    static void start() throws Exception {
        sandbox = SandboxFixture.get();
        proxy = ShardedLayout.start(sandbox, SCHEMA, REFERENCE, "t_item", "t_dict",
                "          key-generator: { column: order_id }");
        String[] ddl = {
            "CREATE TABLE t_order (order_id BIGINT PRIMARY KEY, user_id INT NOT NULL, status VARCHAR(20),"
                    + " amount DECIMAL(10,2))",
            "CREATE TABLE t_item (item_id INT PRIMARY KEY, order_id BIGINT NOT NULL, user_id INT NOT NULL,"
                    + " sku VARCHAR(20))",
            "CREATE TABLE t_dict (code VARCHAR(10) PRIMARY KEY, label VARCHAR(40))",
            "CREATE TABLE t_single (id INT PRIMARY KEY, note VARCHAR(20))"};
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (String each : ddl) {
                statement.execute(each);
            }
        }
        execute(sandbox.primaryPort(), java.util.Arrays.stream(ddl).map(each -> each.replace("CREATE TABLE ",
                "CREATE TABLE " + REFERENCE + ".")).toArray(String[]::new));
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.close();
        }
    }

    @BeforeEach
    void rows() throws Exception {
        String[] empty = {"DELETE FROM t_order WHERE 1 = 1", "DELETE FROM t_item WHERE 1 = 1", "DELETE FROM t_dict"};
        try (Connection sharded = connect(); Connection plain = reference();
             Statement viaProxy = sharded.createStatement(); Statement direct = plain.createStatement()) {
            for (String each : empty) {
                viaProxy.executeUpdate(each);
                direct.executeUpdate(each);
            }
        }
        String[] load = {
            "INSERT INTO t_order (order_id, user_id, status, amount) VALUES (1, 10, 'NEW', 5.00), (2, 10, 'PAID', 7.50),"
                    + " (3, 11, 'NEW', 1.25), (4, 11, 'PAID', 9.99), (5, 12, 'NEW', 0.00), (6, 13, NULL, NULL)",
            "INSERT INTO t_item (item_id, order_id, user_id, sku) VALUES (100, 1, 10, 'apple'), (101, 2, 10, 'pear'), (102, 3, 11, 'fig'),"
                    + " (103, 4, 11, 'kiwi')",
            "INSERT INTO t_dict VALUES ('NEW', 'new order'), ('PAID', 'paid')"};
        both(load);
    }

    /** Runs statements through the proxy and on the reference server, expecting the same update counts. */
    private static void both(String... statements) throws Exception {
        try (Connection sharded = connect(); Connection plain = reference();
             Statement viaProxy = sharded.createStatement(); Statement direct = plain.createStatement()) {
            for (String each : statements) {
                assertThat(viaProxy.executeUpdate(each)).as(each).isEqualTo(direct.executeUpdate(each));
            }
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + proxy.address().getPort() + "/" + SCHEMA
                + "?user=" + ProxyFixture.USER + "&password=" + ProxyFixture.PASSWORD
                + "&sslMode=DISABLED&allowPublicKeyRetrieval=true&useAffectedRows=false");
    }

    private static Connection connectMariadb() throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + proxy.address().getPort() + "/" + SCHEMA
                + "?user=" + ProxyFixture.USER + "&password=" + ProxyFixture.PASSWORD);
    }

    private static Connection reference() throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + sandbox.primaryPort() + "/" + REFERENCE
                + "?user=shardline&password=shardline&sslMode=DISABLED&allowPublicKeyRetrieval=true"
                + "&useAffectedRows=false");
    }

    private static Connection referenceMariadb() throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + sandbox.primaryPort() + "/" + REFERENCE
                + "?user=shardline&password=shardline");
    }

    private static void execute(int port, String... statements) throws SQLException {
        ShardedLayout.execute(sandbox, port, statements);
    }

    /** The rows of a query as text lines, sorted: row order is only promised with ORDER BY. */
    private static List<String> sortedRows(Connection connection, String sql) throws SQLException {
        List<String> result = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(rs.getMetaData().getColumnLabel(i)).append('=').append(rs.getString(i)).append(' ');
                }
                result.add(row.toString().strip());
            }
        }
        result.sort(null);
        return result;
    }

    private static List<String> shardRows(int shard, String database, String sql) throws SQLException {
        try (Connection connection = sandbox.rootConnection(sandbox.shardPorts().get(shard))) {
            connection.setCatalog(database);
            return sortedRows(connection, sql);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT * FROM t_order",
        "SELECT order_id, status FROM t_order WHERE user_id = 11",
        "SELECT * FROM t_order WHERE order_id = 4",
        "SELECT * FROM t_order WHERE user_id IN (10, 13) AND amount IS NOT NULL",
        "SELECT * FROM t_order WHERE order_id BETWEEN 2 AND 5",
        "SELECT o.order_id, i.sku FROM t_order o JOIN t_item i ON o.order_id = i.order_id AND o.user_id = i.user_id",
        "SELECT o.order_id, d.label FROM t_order o JOIN t_dict d ON d.code = o.status WHERE o.user_id = 10",
        "SELECT * FROM t_dict",
        "SELECT * FROM t_order WHERE status = 'NEW' FOR UPDATE",
    })
    void readsGiveWhatOneServerGives(String sql) throws Exception {
        try (Connection sharded = connect(); Connection plain = reference()) {
            List<String> expected = sortedRows(plain, sql);
            assertThat(expected).isNotEmpty();
            assertThat(sortedRows(sharded, sql)).isEqualTo(expected);
        }
        try (Connection sharded = connectMariadb(); Connection plain = referenceMariadb()) {
            assertThat(sortedRows(sharded, sql)).isEqualTo(sortedRows(plain, sql));
        }
    }

    /** Column labels and type names, then the rows in the order they came. */
    private static List<String> orderedRows(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            return Outcome.labelledRows(rs);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT * FROM t_order ORDER BY order_id",
        "SELECT * FROM t_order ORDER BY amount DESC, order_id LIMIT 3",
        "SELECT order_id FROM t_order ORDER BY status, order_id LIMIT 2, 3",
        "SELECT status FROM t_order ORDER BY order_id DESC LIMIT 2",
        "SELECT order_id AS id FROM t_order ORDER BY id LIMIT 4 OFFSET 1",
        "SELECT COUNT(*) FROM t_order",
        "SELECT COUNT(*), SUM(amount), AVG(amount), MIN(amount), MAX(status), COUNT(amount) FROM t_order",
        "SELECT status, COUNT(*) AS n, SUM(amount) FROM t_order GROUP BY status",
        "SELECT status, AVG(amount) FROM t_order GROUP BY status ORDER BY AVG(amount) DESC",
        "SELECT user_id, COUNT(*) FROM t_order GROUP BY user_id ORDER BY COUNT(*) DESC, user_id LIMIT 2",
        "SELECT DISTINCT status FROM t_order ORDER BY status",
        "SELECT status, COUNT(*) FROM t_order GROUP BY status HAVING COUNT(*) > 1 OR status IS NULL",
        "SELECT COUNT(*), MAX(amount), SUM(amount) FROM t_order WHERE amount > 1000",
        "SELECT COUNT(DISTINCT status), COUNT(DISTINCT user_id), COUNT(*) FROM t_order",
        "SELECT o.user_id, COUNT(i.item_id) FROM t_order o JOIN t_item i ON o.order_id = i.order_id"
                + " AND o.user_id = i.user_id GROUP BY o.user_id",
        "SELECT label, code FROM t_dict ORDER BY label DESC",
    })
    void mergedReadsGiveWhatOneServerGivesInItsOrder(String sql) throws Exception {
        try (Connection sharded = connect(); Connection plain = reference()) {
            List<String> expected = orderedRows(plain, sql);
            assertThat(expected).hasSizeGreaterThan(1);
            assertThat(orderedRows(sharded, sql)).isEqualTo(expected);
        }
        try (Connection sharded = connectMariadb(); Connection plain = referenceMariadb()) {
            assertThat(orderedRows(sharded, sql)).isEqualTo(orderedRows(plain, sql));
        }
    }

    @Test
    void distinctRowsWithoutOrderAreTheSameSet() throws Exception {
        try (Connection sharded = connect(); Connection plain = reference()) {
            String sql = "SELECT DISTINCT user_id FROM t_order";
            assertThat(sortedRows(sharded, sql)).isEqualTo(sortedRows(plain, sql)).hasSize(4);
        }
    }

    @Test
    void manySessionsScatteringAtOnceShareSmallPoolsWithoutErrors() throws Exception {
        int sessions = 12;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(sessions);
        try {
            List<java.util.concurrent.Future<List<String>>> answers = new ArrayList<>();
            for (int t = 0; t < sessions; t++) {
                answers.add(pool.submit(() -> {
                    List<String> seen = new ArrayList<>();
                    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
                        for (int i = 0; i < 25; i++) {
                            seen.addAll(sortedRows(connection, "SELECT COUNT(*), SUM(amount) FROM t_order"));
                            statement.executeUpdate("UPDATE t_order SET status = status WHERE 1 = 0");
                        }
                    }
                    return seen;
                }));
            }
            for (java.util.concurrent.Future<List<String>> each : answers) {
                assertThat(each.get(60, java.util.concurrent.TimeUnit.SECONDS)).hasSize(25)
                        .containsOnly("COUNT(*)=6 SUM(amount)=23.74");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A prepared execution whose parameters place it on one shard runs there as the shard's own prepared statement
     * (its actual tables, the client's parameters: the shard counts a COM_STMT_EXECUTE) and answers what one
     * server answers, Java types and counts included; one reaching several shards is still merged.
     */
    @ParameterizedTest
    @ValueSource(strings = {"mysql", "mariadb"})
    void preparedExecutionsOnOneShardRunAsTheShardsPreparedStatements(String driver) throws Exception {
        long before = shardStatementExecutions();
        try (Connection sharded = serverPrepared(driver, proxy.address().getPort(), SCHEMA, ProxyFixture.USER,
                ProxyFixture.PASSWORD);
             Connection plain = serverPrepared(driver, sandbox.primaryPort(), REFERENCE, "shardline", "shardline")) {
            String select = "SELECT order_id, user_id, status, amount FROM t_order"
                    + " WHERE user_id = ? AND order_id = ?";
            int[][] keys = {{10, 1}, {11, 4}, {12, 5}, {13, 6}, {10, 99}};
            for (int[] key : keys) {
                assertThat(preparedRows(sharded, select, key[0], key[1])).as("%s %s", driver, key)
                        .isEqualTo(preparedRows(plain, select, key[0], key[1]));
            }
            String update = "UPDATE t_order SET status = ? WHERE user_id = ? AND order_id = ?";
            String delete = "DELETE FROM t_item WHERE user_id = ? AND order_id = ?";
            assertThat(preparedCount(sharded, update, "DONE", 11, 3))
                    .isEqualTo(preparedCount(plain, update, "DONE", 11, 3)).isEqualTo(1);
            assertThat(preparedCount(sharded, delete, 10, 2))
                    .isEqualTo(preparedCount(plain, delete, 10, 2)).isEqualTo(1);
            String spread = "SELECT order_id, status FROM t_order WHERE user_id IN (?, ?) ORDER BY order_id";
            assertThat(preparedRows(sharded, spread, 10, 11)).isEqualTo(preparedRows(plain, spread, 10, 11))
                    .hasSize(4);
        }
        for (String each : List.of("SELECT * FROM t_order", "SELECT * FROM t_item")) {
            try (Connection sharded = connect(); Connection plain = reference()) {
                assertThat(sortedRows(sharded, each)).isEqualTo(sortedRows(plain, each));
            }
        }
        // 5 reads, 1 update, 1 delete on one shard each, prepared and executed there (plus prepares' own count)
        assertThat(shardStatementExecutions() - before).isGreaterThanOrEqualTo(7);
    }

    private static Connection serverPrepared(String driver, int port, String database, String user, String password)
            throws SQLException {
        String options = driver.equals("mysql") ? "&sslMode=DISABLED&allowPublicKeyRetrieval=true"
                + "&useServerPrepStmts=true&useAffectedRows=false" : "&useServerPrepStmts=true";
        return DriverManager.getConnection("jdbc:" + driver + "://127.0.0.1:" + port + "/" + database + "?user="
                + user + "&password=" + password + options);
    }

    /** Each row as label=value(Java type) pairs, in the order the server sent them. */
    private static List<String> preparedRows(Connection connection, String sql, Object... parameters)
            throws SQLException {
        List<String> result = new ArrayList<>();
        try (java.sql.PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= columns; i++) {
                        Object value = rs.getObject(i);
                        row.append(rs.getMetaData().getColumnLabel(i)).append('=').append(value).append('(')
                                .append(value == null ? "null" : value.getClass().getSimpleName()).append(") ");
                    }
                    result.add(row.toString().strip());
                }
            }
        }
        return result;
    }

    private static int preparedCount(Connection connection, String sql, Object... parameters) throws SQLException {
        try (java.sql.PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }

    /** COM_STMT_EXECUTEs both shard servers have run. */
    private static long shardStatementExecutions() throws SQLException {
        long total = 0;
        for (int shard = 0; shard < 2; shard++) {
            for (String row : shardRows(shard, SCHEMA + (shard == 0 ? "" : "_1"),
                    "SHOW GLOBAL STATUS LIKE 'Com_stmt_execute'")) {
                total += Long.parseLong(row.substring(row.lastIndexOf('=') + 1));
            }
        }
        return total;
    }

    /** sysbench's oltp_read_only with server-side prepared statements: transactions of prepared reads. */
    @Test
    void preparedReadsInTransactionsAcrossShardsKeepThePoolsHealthy() throws Exception {
        int sessions = 6;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(sessions);
        try {
            List<java.util.concurrent.Future<Integer>> runs = new ArrayList<>();
            for (int t = 0; t < sessions; t++) {
                runs.add(pool.submit(() -> {
                    int rows = 0;
                    for (int round = 0; round < 4; round++) {
                        try (Connection connection = DriverManager.getConnection("jdbc:mysql://127.0.0.1:"
                                + proxy.address().getPort() + "/" + SCHEMA + "?user=" + ProxyFixture.USER
                                + "&password=" + ProxyFixture.PASSWORD + "&sslMode=DISABLED&useServerPrepStmts=true");
                             java.sql.PreparedStatement point = connection.prepareStatement(
                                     "SELECT status FROM t_order WHERE order_id = ? AND user_id = ?");
                             java.sql.PreparedStatement range = connection.prepareStatement(
                                     "SELECT status FROM t_order WHERE order_id BETWEEN ? AND ? ORDER BY status");
                             java.sql.PreparedStatement sum = connection.prepareStatement(
                                     "SELECT SUM(amount) FROM t_order WHERE order_id BETWEEN ? AND ?")) {
                            for (int i = 0; i < 10; i++) {
                                connection.setAutoCommit(false);
                                point.setLong(1, 1 + i % 6);
                                point.setInt(2, 10 + i % 4);
                                try (ResultSet rs = point.executeQuery()) {
                                    while (rs.next()) {
                                        rows++;
                                    }
                                }
                                range.setLong(1, 1);
                                range.setLong(2, 6);
                                try (ResultSet rs = range.executeQuery()) {
                                    while (rs.next()) {
                                        rows++;
                                    }
                                }
                                sum.setLong(1, 1);
                                sum.setLong(2, 6);
                                try (ResultSet rs = sum.executeQuery()) {
                                    rs.next();
                                }
                                connection.commit();
                                connection.setAutoCommit(true);
                            }
                        }
                    }
                    return rows;
                }));
            }
            for (java.util.concurrent.Future<Integer> each : runs) {
                assertThat(each.get(120, java.util.concurrent.TimeUnit.SECONDS)).isGreaterThan(0);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void rowsLiveOnTheShardTheirKeyPicks() throws Exception {
        // user_id % 2 picks the data source, order_id % 2 the table; ds_1 holds the schema as sharded_it_1.
        assertThat(shardRows(0, SCHEMA, "SELECT order_id FROM t_order_0")).containsExactly("order_id=2");
        assertThat(shardRows(0, SCHEMA, "SELECT order_id FROM t_order_1")).containsExactly("order_id=1",
                "order_id=5");
        assertThat(shardRows(1, SCHEMA + "_1", "SELECT order_id FROM t_order_0")).containsExactly("order_id=4",
                "order_id=6");
        assertThat(shardRows(1, SCHEMA + "_1", "SELECT order_id FROM t_order_1")).containsExactly("order_id=3");
        assertThat(shardRows(0, SCHEMA, "SELECT code FROM t_dict")).hasSize(2);
        assertThat(shardRows(1, SCHEMA + "_1", "SELECT code FROM t_dict")).hasSize(2);
    }

    @Test
    void writesAcrossShardsCountLikeOneServer() throws Exception {
        both("UPDATE t_order SET status = 'DONE' WHERE status = 'NEW'",
                "UPDATE t_order SET amount = amount + 1 WHERE user_id = 11",
                "DELETE FROM t_order WHERE amount > 8",
                "UPDATE t_dict SET label = 'fresh' WHERE code = 'NEW'",
                "INSERT INTO t_order (order_id, user_id, status) VALUES (7, 14, 'NEW'), (8, 15, 'NEW')",
                "DELETE FROM t_item WHERE order_id IN (1, 3)");
        try (Connection sharded = connect(); Connection plain = reference()) {
            for (String each : List.of("SELECT * FROM t_order", "SELECT * FROM t_item", "SELECT * FROM t_dict")) {
                assertThat(sortedRows(sharded, each)).as(each).isEqualTo(sortedRows(plain, each));
            }
        }
        assertThat(shardRows(1, SCHEMA + "_1", "SELECT label FROM t_dict WHERE code = 'NEW'"))
                .containsExactly("label=fresh");
    }

    @Test
    void columnDefinitionsNameTheLogicalSchemaAndTableAsOneServerWould() throws Exception {
        // user 11 lives on ds_1, whose database is sharded_it_1, in t_order_1: one server would say sharded_it.t_order
        String[] queries = {"SELECT status, amount FROM t_order WHERE user_id = 11 AND order_id = 3",
            "SELECT o.status, i.sku FROM t_order o JOIN t_item i ON i.user_id = o.user_id AND i.order_id = o.order_id"
                    + " WHERE o.user_id = 11 AND o.order_id = 3",
            "SELECT status, amount FROM t_order WHERE user_id IN (10, 11)", // concatenated
            "SELECT order_id, amount FROM t_order ORDER BY order_id", // streamed merge
            "SELECT status, COUNT(*) FROM t_order GROUP BY status ORDER BY COUNT(*), status"}; // collected merge
        for (String sql : queries) {
            for (boolean mariadb : new boolean[] {false, true}) {
                try (Connection sharded = mariadb ? connectMariadb() : connect();
                     Connection plain = mariadb ? referenceMariadb() : reference();
                     Statement viaProxy = sharded.createStatement(); Statement direct = plain.createStatement();
                     ResultSet got = viaProxy.executeQuery(sql); ResultSet expected = direct.executeQuery(sql)) {
                    java.sql.ResultSetMetaData gotMeta = got.getMetaData();
                    java.sql.ResultSetMetaData expectedMeta = expected.getMetaData();
                    for (int column = 1; column <= expectedMeta.getColumnCount(); column++) {
                        String what = (mariadb ? "MariaDB " : "") + sql + " column " + column;
                        assertThat(gotMeta.getTableName(column)).as(what).isEqualTo(expectedMeta.getTableName(column));
                        assertThat(gotMeta.getCatalogName(column)).as(what)
                                .isEqualTo(expectedMeta.getCatalogName(column).replace(REFERENCE, SCHEMA));
                        assertThat(gotMeta.getSchemaName(column)).as(what)
                                .isEqualTo(expectedMeta.getSchemaName(column).replace(REFERENCE, SCHEMA));
                        assertThat(gotMeta.getColumnLabel(column)).isEqualTo(expectedMeta.getColumnLabel(column));
                    }
                }
            }
        }
        String serverPrepared = "jdbc:mysql://127.0.0.1:" + proxy.address().getPort() + "/" + SCHEMA + "?user="
                + ProxyFixture.USER + "&password=" + ProxyFixture.PASSWORD + "&sslMode=DISABLED&useServerPrepStmts=true";
        try (Connection prepared = DriverManager.getConnection(serverPrepared)) {
            for (String sql : List.of("SELECT status FROM t_order WHERE user_id = ? AND order_id = ?",
                    "SELECT status FROM t_order WHERE user_id = ? OR order_id = ? ORDER BY order_id")) {
                try (java.sql.PreparedStatement statement = prepared.prepareStatement(sql)) {
                    statement.setInt(1, 11);
                    statement.setInt(2, 3);
                    try (ResultSet rows = statement.executeQuery()) {
                        assertThat(rows.getMetaData().getTableName(1)).as(sql).isEqualTo("t_order");
                        assertThat(rows.getMetaData().getCatalogName(1)).as(sql).isEqualTo(SCHEMA);
                        assertThat(rows.next()).isTrue();
                    }
                }
            }
        }
    }

    @Test
    void writesWithSubqueriesCountLikeOneServer() throws Exception {
        both("UPDATE t_order SET status = 'LATE' WHERE status IN (SELECT code FROM t_dict WHERE label = 'paid')",
                "UPDATE t_order o SET amount = (SELECT COUNT(*) FROM t_item i WHERE i.user_id = o.user_id AND"
                        + " i.order_id = o.order_id) WHERE o.user_id = 10",
                "UPDATE t_order SET status = 'ONE' WHERE user_id = 11 AND order_id = 3 AND order_id IN (SELECT"
                        + " order_id FROM t_item WHERE user_id = 11 AND order_id = 3)",
                "DELETE FROM t_item WHERE EXISTS (SELECT 1 FROM t_order o WHERE o.user_id = t_item.user_id AND"
                        + " o.order_id = t_item.order_id AND o.status = 'NEW')");
        try (Connection sharded = connect(); Connection plain = reference()) {
            for (String each : List.of("SELECT * FROM t_order", "SELECT * FROM t_item")) {
                assertThat(sortedRows(sharded, each)).as(each).isEqualTo(sortedRows(plain, each));
            }
            assertThat(sortedRows(sharded, "SELECT item_id FROM t_item")).as("only apple's order was still NEW")
                    .containsExactly("item_id=101", "item_id=102", "item_id=103");
        }
    }

    @Test
    void replaceAndInsertOnDuplicateKeyChangeTheRowOnItsShard() throws Exception {
        // (4, 11) replaces the row on ds_1.t_order_0 (2 affected), (7, 12) is new on ds_0.t_order_1 (1 affected);
        // the ON DUPLICATE KEY UPDATE part names the table, which each shard knows by its actual name.
        both("REPLACE INTO t_order (order_id, user_id, status) VALUES (4, 11, 'REPLACED'), (7, 12, 'NEW')",
                "INSERT INTO t_order (order_id, user_id, amount) VALUES (1, 10, 0) ON DUPLICATE KEY UPDATE"
                        + " t_order.amount = t_order.amount + 1",
                "REPLACE INTO t_dict (code, label) VALUES ('NEW', 'renewed'), ('GONE', 'gone')");
        try (Connection sharded = connect(); Connection plain = reference()) {
            for (String each : List.of("SELECT * FROM t_order", "SELECT * FROM t_dict")) {
                assertThat(sortedRows(sharded, each)).as(each).isEqualTo(sortedRows(plain, each));
            }
            List<String> copy = sortedRows(plain, "SELECT * FROM t_dict");
            assertThat(shardRows(0, SCHEMA, "SELECT * FROM t_dict")).isEqualTo(copy);
            assertThat(shardRows(1, SCHEMA + "_1", "SELECT * FROM t_dict")).isEqualTo(copy);
        }
        assertThat(shardRows(1, SCHEMA + "_1", "SELECT status FROM t_order_0 WHERE order_id = 4"))
                .containsExactly("status=REPLACED");
        assertThat(shardRows(0, SCHEMA, "SELECT user_id FROM t_order_1 WHERE order_id = 7"))
                .containsExactly("user_id=12");
        assertThat(shardRows(0, SCHEMA, "SELECT amount FROM t_order_1 WHERE order_id = 1"))
                .containsExactly("amount=6.00");
    }

    @Test
    void aSchemaQualifiedBroadcastWriteReachesTheCopyInEachDataSourcesDatabase() throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            assertThat(statement.executeUpdate("UPDATE " + SCHEMA + ".t_dict SET label = 'qualified' WHERE code"
                    + " = 'PAID'")).isEqualTo(1);
            assertThat(statement.executeUpdate("INSERT INTO " + SCHEMA + ".t_dict VALUES ('Q', 'q')")).isEqualTo(1);
        }
        for (int shard = 0; shard < 2; shard++) {
            String database = shard == 0 ? SCHEMA : SCHEMA + "_1";
            assertThat(shardRows(shard, database, "SELECT code, label FROM t_dict WHERE code IN ('PAID', 'Q')"))
                    .as(database).containsExactly("code=PAID label=qualified", "code=Q label=q");
        }
    }

    @Test
    void anInsertWithoutAColumnListLearnsTheTablesColumns() throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            assertThat(statement.executeUpdate("INSERT INTO t_item VALUES (200, 7, 15, 'x'), (201, 8, 16, 'y')"))
                    .isEqualTo(2);
            assertThat(shardRows(1, SCHEMA + "_1", "SELECT item_id FROM t_item_1 WHERE item_id >= 200"))
                    .containsExactly("item_id=200");
            assertThat(shardRows(0, SCHEMA, "SELECT item_id FROM t_item_0 WHERE item_id >= 200"))
                    .containsExactly("item_id=201");
            statement.execute("ALTER TABLE t_item ADD COLUMN qty INT");
            try {
                assertThat(statement.executeUpdate("INSERT INTO t_item VALUES (202, 9, 17, 'z', 3)")).isEqualTo(1);
                assertThatThrownBy(() -> statement.executeUpdate("INSERT INTO t_item VALUES (203, 9, 17)"))
                        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(1136));
                assertThat(sortedRows(connection, "SELECT qty FROM t_item WHERE order_id = 9 AND user_id = 17"))
                        .containsExactly("qty=3");
            } finally {
                statement.execute("ALTER TABLE t_item DROP COLUMN qty");
                statement.executeUpdate("DELETE FROM t_item WHERE item_id >= 200");
            }
        }
    }

    @Test
    void aLeftOutKeyIsGeneratedAndTheRowCanBeFoundByIt() throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            assertThat(statement.executeUpdate("INSERT INTO t_order (user_id, status) VALUES (21, 'GEN')"))
                    .isEqualTo(1);
            List<String> rows = sortedRows(connection, "SELECT order_id FROM t_order WHERE status = 'GEN'");
            assertThat(rows).hasSize(1);
            String id = rows.get(0).substring("order_id=".length());
            assertThat(Long.parseLong(id)).isGreaterThan(1_000_000L);
            assertThat(sortedRows(connection, "SELECT status FROM t_order WHERE order_id = " + id + " AND user_id = 21"))
                    .containsExactly("status=GEN");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT COUNT(DISTINCT status, user_id) FROM t_order",
        "SELECT status FROM t_order GROUP BY status HAVING COUNT(*) + 1 > 2",
        "SELECT SUM(amount) / COUNT(*) FROM t_order",
        "UPDATE t_order SET user_id = 3 WHERE order_id = 1",
        "DELETE FROM t_order",
        "SELECT * FROM t_order o JOIN t_single s ON s.id = o.order_id",
        "SELECT * FROM t_order WHERE order_id IN (SELECT order_id FROM t_item)",
        "UPDATE t_dict SET label = 'x' WHERE code IN (SELECT status FROM t_order WHERE user_id = 10 AND order_id = 1)",
        "LOCK TABLES t_order READ",
        "UPDATE t_order o JOIN t_dict d ON d.code = o.status SET d.label = 'x' WHERE o.user_id = 10",
        "DELETE d FROM t_order o JOIN t_dict d ON d.code = o.status WHERE o.user_id = 10",
        "REPLACE INTO t_order (order_id, user_id) SELECT order_id, user_id FROM t_item",
    })
    void whatCannotBeAnsweredExactlyIsRefused(String sql) throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.execute(sql)).isInstanceOf(SQLException.class)
                    .satisfies(e -> {
                        assertThat(((SQLException) e).getErrorCode()).isEqualTo(1235);
                        assertThat(e.getMessage()).startsWith("Shardline: ");
                    });
            // The session goes on.
            assertThat(sortedRows(connection, "SELECT order_id FROM t_order WHERE user_id = 12"))
                    .containsExactly("order_id=5");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT * FROM t_order WHERE", "SELEC * FROM t_order", "SELECT nope FROM t_order",
        "UPDATE t_order SET status = WHERE user_id = 1", "INSERT INTO t_order (order_id, user_id) VALUES (1, 2"})
    void wrongStatementsGetTheServersOwnError(String sql) throws Exception {
        try (Connection sharded = connect(); Connection plain = reference();
             Statement viaProxy = sharded.createStatement(); Statement direct = plain.createStatement()) {
            SQLException expected = null;
            try {
                direct.execute(sql);
            } catch (SQLException e) {
                expected = e;
            }
            assertThat((Object) expected).as("the reference refuses " + sql).isNotNull();
            SQLException reference = expected;
            assertThatThrownBy(() -> viaProxy.execute(sql)).isInstanceOfSatisfying(SQLException.class, e -> {
                assertThat(e.getErrorCode()).isEqualTo(reference.getErrorCode());
                assertThat(e.getSQLState()).isEqualTo(reference.getSQLState());
                assertThat(e.getMessage()).isEqualTo(reference.getMessage().replace(REFERENCE, SCHEMA));
            });
        }
    }

    @Test
    void aShardedReadWithTheKeyMayStillOrderAndLimit() throws Exception {
        try (Connection sharded = connect(); Connection plain = reference()) {
            // users 10 and 12 live on ds_0, odd orders in t_order_1: one shard, which orders and limits itself
            String sql = "SELECT order_id, amount FROM t_order WHERE user_id IN (10, 12) AND order_id IN (1, 5)"
                    + " ORDER BY amount DESC LIMIT 1";
            assertThat(sortedRows(sharded, sql)).isEqualTo(sortedRows(plain, sql)).hasSize(1);
        }
    }

    private static List<String> statuses(Connection connection) throws SQLException {
        return sortedRows(connection, "SELECT user_id, status FROM t_order WHERE user_id IN (12, 13)");
    }

    @Test
    void aTransactionAcrossDataSourcesCommitsOrRollsBackEverywhere() throws Exception {
        List<String> before = List.of("user_id=12 status=NEW", "user_id=13 status=null");
        try (Connection connection = connect(); Connection other = connect();
             Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            // user 12 lives on ds_0, user 13 on ds_1: one transaction, two data sources
            statement.executeUpdate("UPDATE t_order SET status = 'HELD' WHERE user_id = 12");
            statement.executeUpdate("UPDATE t_order SET status = 'HELD' WHERE user_id = 13");
            assertThat(statuses(connection)).as("the transaction sees its own writes")
                    .containsExactly("user_id=12 status=HELD", "user_id=13 status=HELD");
            assertThat(statuses(other)).as("others do not, yet").isEqualTo(before);
            connection.rollback();
            assertThat(statuses(connection)).isEqualTo(before);

            statement.executeUpdate("UPDATE t_order SET status = 'DONE' WHERE user_id = 13");
            statement.executeUpdate("UPDATE t_order SET status = 'DONE' WHERE user_id IN (12, 13)");
            assertThat(statuses(other)).isEqualTo(before);
            connection.commit();
            assertThat(statuses(other)).containsExactly("user_id=12 status=DONE", "user_id=13 status=DONE");
            connection.setAutoCommit(true);
        }
    }

    @Test
    void aDeadlockOnTheFirstConnectionRollsTheBranchesBackToo() throws Exception {
        int shard1 = sandbox.shardPorts().get(1);
        java.util.concurrent.ExecutorService other = java.util.concurrent.Executors.newSingleThreadExecutor();
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             Connection heavy = sandbox.rootConnection(shard1); Statement rival = heavy.createStatement()) {
            connection.setAutoCommit(false);
            // the transaction begins on ds_1 (order 3 of user 11), then reaches ds_0 (order 1 of user 10)
            statement.executeUpdate("UPDATE t_order SET status = 'A' WHERE user_id = 11 AND order_id = 3");
            statement.executeUpdate("UPDATE t_order SET status = 'A' WHERE user_id = 10 AND order_id = 1");
            // a heavier rival transaction on ds_1 holds order 4 and waits for order 3
            heavy.setAutoCommit(false);
            String db = SCHEMA + "_1.";
            for (int i = 0; i < 40; i++) {
                rival.executeUpdate("INSERT INTO " + db + "t_dict VALUES ('R" + i + "', 'rival')");
            }
            rival.executeUpdate("UPDATE " + db + "t_order_0 SET status = 'B' WHERE order_id = 4");
            java.util.concurrent.Future<?> waiting = other.submit(() -> {
                try (Statement blocked = heavy.createStatement()) {
                    blocked.executeUpdate("UPDATE " + db + "t_order_1 SET status = 'B' WHERE order_id = 3");
                }
                return null;
            });
            Thread.sleep(300);
            assertThatThrownBy(() -> statement.executeUpdate(
                    "UPDATE t_order SET status = 'A' WHERE user_id = 11 AND order_id = 4"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(1213));
            waiting.get(10, java.util.concurrent.TimeUnit.SECONDS);
            heavy.rollback();
            connection.commit(); // commits nothing, as on one server after a deadlock
            connection.setAutoCommit(true);
            assertThat(sortedRows(connection, "SELECT order_id, status FROM t_order WHERE order_id IN (1, 3, 4)"))
                    .containsExactly("order_id=1 status=NEW", "order_id=3 status=NEW", "order_id=4 status=PAID");
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    void anExplicitTransactionReachesEveryShardItTouches() throws Exception {
        try (Connection connection = connect(); Connection other = connect();
             Statement statement = connection.createStatement()) {
            statement.execute("BEGIN");
            assertThat(statement.executeUpdate("UPDATE t_order SET amount = 1 WHERE status = 'NEW'")).isEqualTo(3);
            assertThatThrownBy(() -> statement.execute("SAVEPOINT s1")).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getErrorCode()).isEqualTo(1235));
            statement.execute("ROLLBACK");
            assertThat(sortedRows(other, "SELECT amount FROM t_order WHERE status = 'NEW'"))
                    .containsExactly("amount=0.00", "amount=1.25", "amount=5.00");
            statement.execute("START TRANSACTION");
            statement.executeUpdate("UPDATE t_order SET amount = 2 WHERE status = 'NEW'");
            statement.execute("COMMIT");
            assertThat(sortedRows(other, "SELECT amount FROM t_order WHERE status = 'NEW'"))
                    .containsExactly("amount=2.00", "amount=2.00", "amount=2.00");
        }
    }

    @Test
    void aSessionBoundToOneConnectionForOtherReasonsStaysOnItsDataSource() throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("SET @marker = 1"); // user variables live on one connection of ds_0
            assertThat(sortedRows(connection, "SELECT status FROM t_order WHERE user_id = 12"))
                    .containsExactly("status=NEW");
            assertThatThrownBy(() -> statement.executeUpdate("UPDATE t_order SET status = 'X' WHERE user_id = 13"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("bound to one connection on ds_0");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"&useServerPrepStmts=false", "&useServerPrepStmts=true"})
    void preparedStatementsRouteByTheirParameters(String mode) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:mysql://127.0.0.1:"
                + proxy.address().getPort() + "/" + SCHEMA + "?user=" + ProxyFixture.USER + "&password="
                + ProxyFixture.PASSWORD + "&sslMode=DISABLED" + mode);
             java.sql.PreparedStatement select = connection.prepareStatement(
                     "SELECT status, amount FROM t_order WHERE user_id = ? AND order_id = ?");
             java.sql.PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO t_order (order_id, user_id, status, amount) VALUES (?, ?, ?, ?)");
             java.sql.PreparedStatement total = connection.prepareStatement(
                     "SELECT user_id, COUNT(*), SUM(amount) FROM t_order WHERE amount >= ? GROUP BY user_id"
                             + " ORDER BY user_id")) {
            select.setInt(1, 11);
            select.setLong(2, 4);
            try (ResultSet rs = select.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("PAID");
                assertThat(rs.getBigDecimal(2)).isEqualByComparingTo("9.99");
                assertThat(rs.next()).isFalse();
            }
            insert.setLong(1, 40);
            insert.setInt(2, 31);
            insert.setString(3, "it's \\ \"new\"");
            insert.setNull(4, java.sql.Types.DECIMAL);
            assertThat(insert.executeUpdate()).isEqualTo(1);
            select.setInt(1, 31);
            select.setLong(2, 40);
            try (ResultSet rs = select.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("it's \\ \"new\"");
                assertThat(rs.getBigDecimal(2)).isNull();
            }
            total.setBigDecimal(1, new java.math.BigDecimal("5.00"));
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = total.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getInt(1) + ":" + rs.getLong(2) + ":" + rs.getBigDecimal(3));
                }
            }
            assertThat(rows).containsExactly("10:2:12.50", "11:1:9.99");
        }
        assertThat(shardRows(1, SCHEMA + "_1", "SELECT status FROM t_order_0 WHERE order_id = 40"))
                .containsExactly("status=it's \\ \"new\"");
    }

    @Test
    void describeAndShowColumnsAnswerForTheLogicalTable() throws Exception {
        try (Connection sharded = connect(); Connection plain = reference()) {
            for (String each : List.of("DESCRIBE t_order", "SHOW COLUMNS FROM t_item")) {
                assertThat(sortedRows(sharded, each)).as(each).isEqualTo(sortedRows(plain, each));
            }
        }
    }

    @Test
    void metadataShowsTheLogicalTables() throws Exception {
        try (Connection connection = connect()) {
            assertThat(sortedRows(connection, "SHOW TABLES")).containsExactly("Tables_in_sharded_it=t_dict",
                    "Tables_in_sharded_it=t_item", "Tables_in_sharded_it=t_order", "Tables_in_sharded_it=t_single");
            assertThat(sortedRows(connection, "SHOW FULL TABLES LIKE 't\\_ord%'")).containsExactly(
                    "Tables_in_sharded_it (t\\_ord%)=t_order Table_type=BASE TABLE");
            assertThat(sortedRows(connection, "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA ="
                    + " DATABASE()")).containsExactly("TABLE_NAME=t_dict", "TABLE_NAME=t_item", "TABLE_NAME=t_order",
                    "TABLE_NAME=t_single");
            assertThat(sortedRows(connection, "SELECT COLUMN_NAME, ORDINAL_POSITION FROM information_schema.COLUMNS"
                    + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 't_order'")).containsExactly(
                    "COLUMN_NAME=amount ORDINAL_POSITION=4", "COLUMN_NAME=order_id ORDINAL_POSITION=1",
                    "COLUMN_NAME=status ORDINAL_POSITION=3", "COLUMN_NAME=user_id ORDINAL_POSITION=2");
            List<String> create = sortedRows(connection, "SHOW CREATE TABLE t_order");
            assertThat(create).hasSize(1);
            assertThat(create.get(0)).startsWith("Table=t_order Create Table=CREATE TABLE `t_order` (");
            assertThat(sortedRows(connection, "SHOW INDEX FROM t_order")).allMatch(row -> row.startsWith("Table=t_order "));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "mariadb"})
    void jdbcMetadataSeesOneCleanSchema(String driver) throws Exception {
        try (Connection connection = driver.equals("mysql") ? connect() : connectMariadb()) {
            java.sql.DatabaseMetaData meta = connection.getMetaData();
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = meta.getTables(SCHEMA, null, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            assertThat(tables).containsExactlyInAnyOrder("t_dict", "t_item", "t_order", "t_single");
            List<String> columns = new ArrayList<>();
            try (ResultSet rs = meta.getColumns(SCHEMA, null, "t_order", "%")) {
                while (rs.next()) {
                    columns.add(rs.getString("TABLE_NAME") + "." + rs.getString("COLUMN_NAME"));
                }
            }
            assertThat(columns).containsExactly("t_order.order_id", "t_order.user_id", "t_order.status",
                    "t_order.amount");
        }
    }

    @Test
    void aSessionWithoutASchemaCanSwitchToTheShardedOne() throws Exception {
        // The proxy's default data source (the sandbox primary) has no database of that name: the switch runs on
        // the sharded schema's own default data source.
        try (Connection connection = DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + proxy.address().getPort()
                + "/?user=" + ProxyFixture.USER + "&password=" + ProxyFixture.PASSWORD + "&sslMode=DISABLED");
             Statement statement = connection.createStatement()) {
            statement.execute("USE " + SCHEMA);
            assertThat(sortedRows(connection, "SELECT COUNT(*) FROM t_order")).containsExactly("COUNT(*)=6");
        }
        try (RawClient raw = new RawClient(proxy.address().getPort())) {
            RawClient.Reply login = raw.login(ProxyFixture.USER, ProxyFixture.PASSWORD, "information_schema");
            assertThat(login.isErr()).as(login.text()).isFalse();
            byte[] name = SCHEMA.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            byte[] initDb = new byte[name.length + 1];
            initDb[0] = 0x02; // COM_INIT_DB
            System.arraycopy(name, 0, initDb, 1, name.length);
            assertThat(raw.command(initDb).isErr()).isFalse();
            RawClient.Reply count = raw.query("SELECT COUNT(*) FROM t_order");
            assertThat(count.isErr()).as(count.text()).isFalse();
            raw.drainUntilEnd(count);
        }
    }

    @Test
    void statementsOnOrdinaryTablesRunOnTheDefaultDataSource() throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("REPLACE INTO t_single VALUES (1, 'one')");
            assertThat(sortedRows(connection, "SELECT note FROM t_single")).containsExactly("note=one");
            assertThat(sortedRows(connection, "SELECT DATABASE()")).containsExactly("DATABASE()=" + SCHEMA);
        }
        assertThat(shardRows(0, SCHEMA, "SELECT note FROM t_single")).containsExactly("note=one");
    }
}
