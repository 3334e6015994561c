package io.shardline.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardline.proxy.ShardlineServer;
import io.shardline.proxy.health.Status;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The routing table of docs/read-write-splitting.md, proven against the sandbox's real replication: every
 * statement kind is sent through the proxy and the server that ran it is read back ({@code @@port} in its result,
 * or in the row it wrote on the primary). Writes that reached a replica would fail there anyway: the backend
 * account lacks READ_ONLY ADMIN.
 */
class ReadWriteRoutingIT {
    private static Replication replication;
    private static ShardlineServer proxy;
    private static int primary;
    private static Set<Integer> replicas;

    @BeforeAll
    static void start() throws Exception {
        replication = new Replication(SandboxFixture.get());
        ProxyFixture.get(); // creates the schema
        primary = replication.primaryPort();
        replicas = Set.copyOf(replication.replicaPorts());
        replication.sql(primary,
                "CREATE TABLE IF NOT EXISTS " + ProxyFixture.SCHEMA + ".rw_rows (id INT AUTO_INCREMENT PRIMARY KEY,"
                        + " port INT, note VARCHAR(40))",
                "CREATE SEQUENCE IF NOT EXISTS " + ProxyFixture.SCHEMA + ".rw_seq",
                "CREATE OR REPLACE PROCEDURE " + ProxyFixture.SCHEMA + ".rw_where() SELECT @@port",
                "CREATE OR REPLACE TABLE " + ProxyFixture.SCHEMA + ".rw_one (id INT PRIMARY KEY)",
                "INSERT INTO " + ProxyFixture.SCHEMA + ".rw_one VALUES (1)",
                "CREATE DATABASE IF NOT EXISTS rw_other");
        replication.awaitCaughtUp();
        proxy = ProxyFixture.startReplicated("", "");
        for (int each : replicas) {
            Replication.awaitStatus(proxy, each, Status.UP);
        }
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.close();
        }
    }

    @BeforeEach
    void caughtUp() throws SQLException {
        replication.awaitCaughtUp();
    }

    private static Connection connect(String options) throws SQLException {
        return DriverManager.getConnection(ProxyFixture.mysqlUrl(proxy.address().getPort(), options));
    }

    /** The first column of the first row, as a port number. */
    private static int port(Statement statement, String sql) throws SQLException {
        try (ResultSet rs = statement.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getInt(1);
        }
    }

    /** The port in the last column: for statements whose first column is the function under test. */
    private static int lastColumnPort(Statement statement, String sql) throws SQLException {
        try (ResultSet rs = statement.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getInt(rs.getMetaData().getColumnCount());
        }
    }

    /** Where the row written with {@code note} was written, read on the primary itself. */
    private static int writtenOn(String note) throws SQLException {
        return Integer.parseInt(replication.scalar(primary,
                "SELECT port FROM " + ProxyFixture.SCHEMA + ".rw_rows WHERE note = '" + note + "'"));
    }

    interface SqlAction {
        void run() throws SQLException;
    }

    /** The one server whose {@code counter} (a Com_* status variable) went up while {@code action} ran. */
    private static int ranOn(String counter, SqlAction action) throws SQLException {
        List<Integer> servers = new ArrayList<>(replicas);
        servers.add(primary);
        List<Long> before = new ArrayList<>();
        for (int each : servers) {
            before.add(comCounter(each, counter));
        }
        action.run();
        Integer result = null;
        for (int i = 0; i < servers.size(); i++) {
            if (comCounter(servers.get(i), counter) > before.get(i)) {
                assertThat(result).as("%s went up on one server only", counter).isNull();
                result = servers.get(i);
            }
        }
        assertThat(result).as("%s went up somewhere", counter).isNotNull();
        return result;
    }

    private static long comCounter(int port, String name) throws SQLException {
        try (Connection root = SandboxFixture.get().rootConnection(port); Statement statement = root.createStatement();
             ResultSet rs = statement.executeQuery("SHOW GLOBAL STATUS LIKE '" + name + "'")) {
            assertThat(rs.next()).as(name).isTrue();
            return rs.getLong(2);
        }
    }

    @Test
    void plainReadsGoToTheReplicasInTurnAndNeverToThePrimary() throws Exception {
        List<Integer> seen = new ArrayList<>();
        try (Connection connection = connect(""); Statement statement = connection.createStatement()) {
            for (int i = 0; i < 20; i++) {
                seen.add(port(statement, "SELECT @@port"));
                seen.add(port(statement, "(SELECT @@port FROM rw_one LIMIT 1) UNION (SELECT @@port)"));
                seen.add(port(statement, "WITH w AS (SELECT @@port AS p) SELECT p FROM w"));
                seen.add(port(statement, "SELECT @@port, NOW(), RAND(), DATABASE(), @@sql_mode"));
                seen.add(port(statement, "SELECT @@port FROM information_schema.TABLES LIMIT 1"));
                seen.add(port(statement, "VALUES (@@port)"));
            }
        }
        assertThat(seen).doesNotContain(primary);
        assertThat(new HashSet<>(seen)).as("weights 1:1 spread reads over both replicas")
                .containsExactlyInAnyOrderElementsOf(replicas);
    }

    @Test
    void writesGoToThePrimary() throws Exception {
        String table = ProxyFixture.SCHEMA + ".rw_rows";
        try (Connection connection = connect("allowLoadLocalInfile=true");
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO rw_rows (port, note) VALUES (@@port, 'insert')");
            assertThat(writtenOn("insert")).isEqualTo(primary);

            replication.sql(primary, "INSERT INTO " + table + " (port, note) VALUES (0, 'update')");
            statement.executeUpdate("UPDATE rw_rows SET port = @@port WHERE note = 'update'");
            assertThat(writtenOn("update")).isEqualTo(primary);

            statement.executeUpdate("REPLACE INTO rw_rows (id, port, note) VALUES (1000000, @@port, 'replace')");
            assertThat(writtenOn("replace")).isEqualTo(primary);

            replication.sql(primary, "INSERT INTO " + table + " (port, note) VALUES (" + primary + ", 'delete')");
            assertThat(statement.executeUpdate("DELETE FROM rw_rows WHERE note = 'delete' AND port = @@port"))
                    .as("the DELETE saw the primary's @@port").isEqualTo(1);

            statement.execute("CREATE OR REPLACE TABLE rw_ddl AS SELECT @@port AS port");
            assertThat(replication.scalar(primary, "SELECT port FROM " + ProxyFixture.SCHEMA + ".rw_ddl"))
                    .isEqualTo(Integer.toString(primary));

            com.mysql.cj.jdbc.JdbcStatement load = statement.unwrap(com.mysql.cj.jdbc.JdbcStatement.class);
            load.setLocalInfileInputStream(new ByteArrayInputStream("load\n".getBytes(StandardCharsets.UTF_8)));
            statement.executeUpdate("LOAD DATA LOCAL INFILE 'rows.csv' INTO TABLE rw_rows (note) SET port = @@port");
            assertThat(writtenOn("load")).isEqualTo(primary);
        } finally {
            replication.sql(primary, "DELETE FROM " + table, "DROP TABLE IF EXISTS " + ProxyFixture.SCHEMA + ".rw_ddl");
        }
    }

    @Test
    void procedureCallsGoToThePrimaryEvenWhenTheyOnlyRead() throws Exception {
        try (Connection connection = connect(""); Statement statement = connection.createStatement()) {
            assertThat(port(statement, "CALL rw_where()")).isEqualTo(primary);
            try (CallableStatement call = connection.prepareCall("{CALL rw_where()}");
                 ResultSet rs = call.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(primary);
            }
        }
    }

    @Test
    void transactionsAndAutocommitOffStayOnThePrimary() throws Exception {
        try (Connection connection = connect(""); Statement statement = connection.createStatement()) {
            statement.execute("BEGIN");
            assertThat(port(statement, "SELECT @@port")).as("after BEGIN").isEqualTo(primary);
            statement.execute("COMMIT");
            statement.execute("START TRANSACTION READ ONLY");
            assertThat(port(statement, "SELECT @@port")).as("read-only transaction").isEqualTo(primary);
            statement.execute("ROLLBACK");
            assertThat(port(statement, "SELECT @@port")).as("after the transaction").isIn(replicas);

            statement.execute("SET autocommit = 0");
            assertThat(port(statement, "SELECT @@port")).as("autocommit off by SET").isEqualTo(primary);
            statement.execute("COMMIT");
            assertThat(port(statement, "SELECT @@port")).as("still off after COMMIT").isEqualTo(primary);
            statement.execute("SET autocommit = 1");
            assertThat(port(statement, "SELECT @@port")).isIn(replicas);

            connection.setAutoCommit(false);
            assertThat(port(statement, "SELECT @@port")).as("the driver's setAutoCommit(false)").isEqualTo(primary);
            connection.commit();
            connection.setAutoCommit(true);
            assertThat(port(statement, "SELECT @@port")).isIn(replicas);
        }
    }

    @Test
    void lockingReadsAndLockedTablesGoToThePrimary() throws Exception {
        try (Connection connection = connect(""); Statement statement = connection.createStatement()) {
            assertThat(port(statement, "SELECT @@port FROM rw_one WHERE id = 1 FOR UPDATE")).isEqualTo(primary);
            assertThat(port(statement, "SELECT @@port FROM rw_one WHERE id = 1 LOCK IN SHARE MODE"))
                    .isEqualTo(primary);
            statement.execute("LOCK TABLES rw_one READ");
            assertThat(port(statement, "SELECT @@port FROM rw_one")).as("under LOCK TABLES").isEqualTo(primary);
            statement.execute("UNLOCK TABLES");
            assertThat(port(statement, "SELECT @@port")).isIn(replicas);
        }
    }

    @Test
    void selectIntoAndUserVariablesStayWithThePrimary() throws Exception {
        try (Connection connection = connect(""); Statement statement = connection.createStatement()) {
            statement.execute("SELECT @@port INTO @rw_landed");
            assertThat(port(statement, "SELECT @rw_landed")).isEqualTo(primary);
            assertThat(port(statement, "SELECT @@port")).as("the variable lives on the primary connection")
                    .isEqualTo(primary);
        }
    }

    @Test
    void functionsWithSideEffectsOrSessionMeaningGoToThePrimary() throws Exception {
        try (Connection connection = connect(""); Statement statement = connection.createStatement()) {
            for (String sql : List.of("SELECT GET_LOCK('rw_it', 0), @@port", "SELECT IS_FREE_LOCK('rw_it'), @@port",
                    "SELECT RELEASE_LOCK('rw_it'), @@port", "SELECT LAST_INSERT_ID(), @@port",
                    "SELECT FOUND_ROWS(), @@port", "SELECT ROW_COUNT(), @@port", "SELECT SLEEP(0), @@port",
                    "SELECT NEXTVAL(rw_seq), @@port", "SELECT SQL_CALC_FOUND_ROWS @@port FROM seq_1_to_3 LIMIT 1")) {
                assertThat(lastColumnPort(statement, sql)).as(sql).isEqualTo(primary);
            }
        }
    }

    @Test
    void temporaryTablesKeepTheSessionOnThePrimary() throws Exception {
        try (Connection connection = connect(""); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TEMPORARY TABLE rw_temp (port INT)");
            statement.execute("INSERT INTO rw_temp VALUES (@@port)");
            assertThat(port(statement, "SELECT port FROM rw_temp")).isEqualTo(primary);
            assertThat(port(statement, "SELECT @@port")).isEqualTo(primary);
            statement.execute("DROP TEMPORARY TABLE rw_temp");
            assertThat(port(statement, "SELECT @@port"))
                    .as("the proxy cannot see a session's temporary tables go: it stays until the session ends")
                    .isEqualTo(primary);
        }
    }

    @Test
    void statementsTheRouterCannotClassifyGoToThePrimary() throws Exception {
        try (Connection connection = connect("allowMultiQueries=true");
             Statement statement = connection.createStatement()) {
            assertThat(ranOn("Com_help", () -> statement.execute("HELP 'select'"))).as("HELP: unknown")
                    .isEqualTo(primary);
            assertThat(ranOn("Com_checksum", () -> statement.execute("CHECKSUM TABLE rw_one"))).as("admin")
                    .isEqualTo(primary);
            try (ResultSet rs = statement.executeQuery("SHOW VARIABLES LIKE 'port'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(2)).as("SHOW").isEqualTo(primary);
            }
            assertThat(statement.execute("SELECT @@port; SELECT @@port")).isTrue();
            try (ResultSet rs = statement.getResultSet()) {
                rs.next();
                assertThat(rs.getInt(1)).as("multi-statement").isEqualTo(primary);
            }
            assertThat(statement.getMoreResults()).isTrue();
            try (ResultSet rs = statement.getResultSet()) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(primary);
            }
        }
    }

    /**
     * Statements of other kinds (EXPLAIN, DESCRIBE, DO, SHOW) name a table that exists on the primary alone (created
     * with the binary log off), so each one succeeds only where the routing table says it runs.
     */
    @Test
    void explainDescribeDoAndShowRunOnThePrimary() throws Exception {
        replication.sql(primary, "SET SESSION sql_log_bin = 0",
                "CREATE OR REPLACE TABLE " + ProxyFixture.SCHEMA + ".rw_primary_only (id INT PRIMARY KEY)",
                "SET SESSION sql_log_bin = 1");
        try (Connection connection = connect(""); Statement statement = connection.createStatement()) {
            for (int i = 0; i < 4; i++) {
                statement.executeQuery("EXPLAIN SELECT * FROM rw_primary_only").close();
                statement.executeQuery("DESCRIBE rw_primary_only").close();
                statement.execute("DO (SELECT COUNT(*) FROM rw_primary_only)");
                statement.executeQuery("SHOW CREATE TABLE rw_primary_only").close();
                statement.executeQuery("SHOW COLUMNS FROM rw_primary_only").close();
            }
            try {
                statement.executeQuery("/*+ shardline:replica */ SELECT * FROM rw_primary_only").close();
                throw new AssertionError("the table is on the primary only, yet a replica read found it");
            } catch (SQLException expected) {
                assertThat(expected.getErrorCode()).as("the check itself: replicas lack the table").isEqualTo(1146);
            }
        } finally {
            replication.sql(primary, "SET SESSION sql_log_bin = 0",
                    "DROP TABLE IF EXISTS " + ProxyFixture.SCHEMA + ".rw_primary_only", "SET SESSION sql_log_bin = 1");
        }
    }

    @Test
    void sessionSettingsFollowTheSessionToTheReplicas() throws Exception {
        try (Connection connection = connect(""); Statement statement = connection.createStatement()) {
            statement.execute("SET SESSION sql_mode = 'ANSI_QUOTES'");
            statement.execute("SET time_zone = '+05:00'");
            statement.execute("SET NAMES latin1");
            statement.execute("USE rw_other");
            for (int i = 0; i < 4; i++) {
                try (ResultSet rs = statement.executeQuery(
                        "SELECT @@port, @@sql_mode, @@time_zone, @@character_set_client, DATABASE()")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt(1)).isIn(replicas);
                    assertThat(rs.getString(2)).isEqualTo("ANSI_QUOTES");
                    assertThat(rs.getString(3)).isEqualTo("+05:00");
                    assertThat(rs.getString(4)).isEqualTo("latin1");
                    assertThat(rs.getString(5)).isEqualTo("rw_other");
                }
            }
        }
    }

    /** Two longs: the first row's first two columns. */
    private static long[] twoCounts(Statement statement, String sql) throws SQLException {
        try (ResultSet rs = statement.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }

    private static int rowCount(Statement statement, String sql) throws SQLException {
        int rows = 0;
        try (ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                rows++;
            }
        }
        return rows;
    }

    @Test
    void warningsAreReadWhereTheStatementThatRaisedThemRan() throws Exception {
        try (Connection connection = connect(""); Statement statement = connection.createStatement()) {
            for (int round = 0; round < 4; round++) {
                // A read of no table may run on any server; its warnings must be read back from that connection,
                // and statements that touch no table leave them in place, as on one server.
                statement.executeQuery("SELECT CAST('12abc' AS SIGNED) AS w, 1/0 AS div0").close();
                assertThat(rowCount(statement, "SHOW WARNINGS")).as("round %d", round).isEqualTo(2);
                assertThat(twoCounts(statement, "SELECT @@warning_count, @@error_count")).containsExactly(2, 0);
                statement.executeQuery("SELECT 1").close();
                assertThat(twoCounts(statement, "SELECT @@warning_count, 0")).containsExactly(2, 0);
                assertThat(rowCount(statement, "SHOW WARNINGS")).isEqualTo(2);
                // A replica read of a table raises a warning there; a write raises one on the primary.
                statement.executeQuery("SELECT CAST(CONCAT(id, 'x') AS SIGNED) FROM " + ProxyFixture.SCHEMA
                        + ".rw_one").close();
                assertThat(twoCounts(statement, "SELECT @@warning_count, @@error_count")).containsExactly(1, 0);
                statement.executeUpdate("INSERT IGNORE INTO " + ProxyFixture.SCHEMA + ".rw_one VALUES (1)");
                assertThat(rowCount(statement, "SHOW WARNINGS")).isEqualTo(1);
                // A read of a table clears them.
                statement.executeQuery("SELECT COUNT(*) FROM " + ProxyFixture.SCHEMA + ".rw_one").close();
                assertThat(twoCounts(statement, "SELECT @@warning_count, @@error_count")).containsExactly(0, 0);
            }
        }
    }

    private static double count(String meter, String... tags) {
        var counter = proxy.meters().find(meter).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    private static double countOnReplicas() {
        return proxy.meters().find("shardline.backend.statements").tags("role", "replica").counters().stream()
                .mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
    }

    @Test
    void metricsCountDecisionsAndWhereStatementsRan() throws Exception {
        double reads = count("shardline.read_write.decisions", "target", "replica", "reason", "read");
        double inserts = count("shardline.read_write.decisions", "target", "primary", "reason", "insert");
        double onReplicas;
        try (Connection connection = connect(""); Statement statement = connection.createStatement()) {
            onReplicas = countOnReplicas(); // after the driver's own queries at connect
            for (int i = 0; i < 10; i++) {
                statement.executeQuery("SELECT COUNT(*) FROM " + ProxyFixture.SCHEMA + ".rw_one").close();
            }
            statement.executeUpdate("INSERT INTO " + ProxyFixture.SCHEMA + ".rw_rows (port, note) VALUES (0, 'm1')");
            statement.executeUpdate("INSERT INTO " + ProxyFixture.SCHEMA + ".rw_rows (port, note) VALUES (0, 'm2')");
        }
        assertThat(count("shardline.read_write.decisions", "target", "replica", "reason", "read") - reads)
                .isEqualTo(10);
        assertThat(count("shardline.read_write.decisions", "target", "primary", "reason", "insert") - inserts)
                .isEqualTo(2);
        assertThat(countOnReplicas() - onReplicas).as("reads that ran on a replica").isEqualTo(10);
        String scrape = proxy.meters().scrape();
        for (int each : replicas) {
            String server = "server=\"[^\"]*:" + each + "\"";
            assertThat(scrape).containsPattern("shardline_backend_up\\{datasource=\"main\",role=\"replica\","
                    + server + "\\} 1.0");
            assertThat(scrape).as("a replicating replica's lag is known")
                    .containsPattern("shardline_replica_lag_seconds\\{datasource=\"main\"," + server + "\\} [0-9.]+\n");
        }
    }

    @Test
    void hintsForceTheChoice() throws Exception {
        try (Connection connection = connect(""); Statement statement = connection.createStatement()) {
            assertThat(port(statement, "/*master*/ SELECT @@port")).isEqualTo(primary);
            assertThat(port(statement, "/* master */ SELECT @@port")).isEqualTo(primary);
            assertThat(port(statement, "/*+ shardline:primary */ SELECT @@port")).isEqualTo(primary);
            assertThat(lastColumnPort(statement, "/*+ shardline:replica */ SELECT LAST_INSERT_ID(), @@port"))
                    .as("a replica hint overrides a function's rule").isIn(replicas);
            assertThat(port(statement, "/*+ shardline:replica */ SELECT @@port FROM rw_one FOR UPDATE"))
                    .as("a locking read a read_only replica refuses (1290) is retried on the primary")
                    .isEqualTo(primary);
            assertThat(port(statement, "/* shardline:replica */ CALL rw_where()")).isIn(replicas);
            statement.execute("BEGIN");
            assertThat(port(statement, "/*+ shardline:replica */ SELECT @@port"))
                    .as("never out of a transaction").isEqualTo(primary);
            statement.execute("COMMIT");
        }
    }

    /** Connector/J's and MariaDB Connector/J's server-side prepared statements route by their text too. */
    @ParameterizedTest
    @ValueSource(strings = {"mysql", "mariadb"})
    void preparedStatementsRouteByTheirText(String driver) throws Exception {
        String url = ProxyFixture.serverPreparedUrl(driver, proxy.address().getPort());
        try (Connection connection = DriverManager.getConnection(url)) {
            Set<Integer> readers = new HashSet<>();
            try (PreparedStatement read = connection.prepareStatement("SELECT @@port, ?")) {
                for (int i = 0; i < 10; i++) {
                    read.setInt(1, i);
                    try (ResultSet rs = read.executeQuery()) {
                        rs.next();
                        readers.add(rs.getInt(1));
                        assertThat(rs.getInt(2)).isEqualTo(i);
                    }
                }
            }
            assertThat(readers).as("one prepared SELECT runs on both replicas").isEqualTo(replicas);

            String note = "prepared-" + driver;
            try (PreparedStatement write = connection.prepareStatement(
                    "INSERT INTO rw_rows (port, note) VALUES (@@port, ?)")) {
                write.setString(1, note);
                assertThat(write.executeUpdate()).isEqualTo(1);
            }
            assertThat(writtenOn(note)).isEqualTo(primary);
            // Causal consistency sends this session's reads to the primary until a replica has applied its write
            // (MASTER_GTID_WAIT with no wait): under load that can take longer than the next statement.
            replication.awaitCaughtUp();

            try (PreparedStatement hinted = connection.prepareStatement("/*master*/ SELECT @@port");
                 ResultSet rs = hinted.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).as("hint in a prepared statement").isEqualTo(primary);
            }
            try (PreparedStatement hinted = connection.prepareStatement(
                    "/*+ shardline:replica */ SELECT LAST_INSERT_ID(), @@port");
                 ResultSet rs = hinted.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(2)).isIn(replicas);
            }

            connection.setAutoCommit(false);
            try (PreparedStatement read = connection.prepareStatement("SELECT @@port, ?")) {
                read.setInt(1, 1);
                try (ResultSet rs = read.executeQuery()) {
                    rs.next();
                    assertThat(rs.getInt(1)).as("a prepared read inside a transaction").isEqualTo(primary);
                }
            }
            connection.commit();
        } finally {
            replication.sql(primary, "DELETE FROM " + ProxyFixture.SCHEMA + ".rw_rows");
        }
    }
}
