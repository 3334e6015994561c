package io.shardline.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Protocol features applications rely on: LOAD DATA LOCAL INFILE, OUT parameters, query timeouts (KILL QUERY),
 * COM_RESET_CONNECTION, COM_CHANGE_USER, COM_STATISTICS, COM_FIELD_LIST, COM_PING. */
class ProtocolFeaturesIT {
    private final ProxyFixture proxy = ProxyFixture.get();

    @Test
    void loadDataLocalInfileIsRelayed() throws Exception {
        Path file = Files.createTempFile("shardline-infile", ".csv");
        StringBuilder csv = new StringBuilder();
        for (int i = 1; i <= 5000; i++) {
            csv.append(i).append(",row ").append(i).append(" é😀\n");
        }
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        for (String driver : new String[] {"mysql", "mariadb"}) {
            String url = driver.equals("mysql") ? proxy.mysqlUrl("allowLoadLocalInfile=true")
                    : proxy.mariadbUrl("allowLocalInfile=true");
            try (Connection connection = proxy.connect(url); Statement statement = connection.createStatement()) {
                statement.execute("DROP TABLE IF EXISTS infile_rows");
                statement.execute("CREATE TABLE infile_rows (id INT PRIMARY KEY, v VARCHAR(40)) DEFAULT CHARSET utf8mb4");
                int loaded = statement.executeUpdate("LOAD DATA LOCAL INFILE '" + file + "' INTO TABLE infile_rows"
                        + " CHARACTER SET utf8mb4 FIELDS TERMINATED BY ','");
                assertThat(loaded).as(driver).isEqualTo(5000);
                try (ResultSet rs = statement.executeQuery("SELECT v FROM infile_rows WHERE id = 4321")) {
                    rs.next();
                    assertThat(rs.getString(1)).isEqualTo("row 4321 é😀");
                }
                assertThat(scalar(statement, "SELECT 1")).as("connection usable after the file").isEqualTo("1");
            }
        }
        Files.delete(file);
    }

    @Test
    void outParametersOfStoredProcedures() throws Exception {
        for (String mode : DriverModes.all().toList()) {
            try (Connection connection = proxy.connect(DriverModes.url(proxy, mode, ""));
                 Statement statement = connection.createStatement()) {
                statement.execute("DROP PROCEDURE IF EXISTS out_proc");
                statement.execute("CREATE PROCEDURE out_proc(IN a INT, OUT doubled INT, INOUT text VARCHAR(20))"
                        + " BEGIN SET doubled = a * 2; SET text = CONCAT(text, '!'); SELECT a AS echoed; END");
                try (CallableStatement call = connection.prepareCall("{CALL out_proc(?, ?, ?)}")) {
                    call.setInt(1, 21);
                    call.registerOutParameter(2, Types.INTEGER);
                    call.setString(3, "hi");
                    call.registerOutParameter(3, Types.VARCHAR);
                    assertThat(call.execute()).isTrue();
                    try (ResultSet rs = call.getResultSet()) {
                        rs.next();
                        assertThat(rs.getInt(1)).isEqualTo(21);
                    }
                    assertThat(call.getInt(2)).as(mode).isEqualTo(42);
                    assertThat(call.getString(3)).as(mode).isEqualTo("hi!");
                }
                assertThat(scalar(statement, "SELECT 7")).isEqualTo("7");
            }
        }
    }

    @Test
    void queryTimeoutKillsTheBackendQueryAndTheConnectionGoesOn() throws Exception {
        for (String driver : new String[] {"mysql", "mariadb"}) {
            String url = driver.equals("mysql") ? proxy.mysqlUrl("") : proxy.mariadbUrl("");
            try (Connection connection = proxy.connect(url); Statement statement = connection.createStatement()) {
                statement.setQueryTimeout(1);
                long start = System.nanoTime();
                assertThatThrownBy(() -> statement.executeQuery("SELECT SLEEP(20)"))
                        .isInstanceOf(SQLException.class);
                assertThat((System.nanoTime() - start) / 1_000_000).as(driver + " stopped early").isLessThan(15_000);
                statement.setQueryTimeout(0);
                assertThat(scalar(statement, "SELECT 'alive'")).isEqualTo("alive");
            }
        }
    }

    @Test
    void killConnectionFromAnotherSessionEndsIt() throws Exception {
        try (Connection victim = proxy.connect(proxy.mysqlUrl("")); Connection killer = proxy.connect(proxy.mysqlUrl(""));
             Statement killing = killer.createStatement()) {
            long id = victim.unwrap(com.mysql.cj.jdbc.JdbcConnection.class).getId();
            killing.execute("KILL " + id);
            assertThatThrownBy(() -> scalar(victim.createStatement(), "SELECT 1")).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> killing.execute("KILL 4000000000"))
                    .isInstanceOfSatisfying(SQLException.class, ex -> assertThat(ex.getErrorCode()).isEqualTo(1094));
        }
    }

    @Test
    void resetConnectionForgetsTheSessionsState() throws Exception {
        try (RawClient client = new RawClient(proxy.port())) {
            assertThat(client.login(ProxyFixture.USER, ProxyFixture.PASSWORD, ProxyFixture.SCHEMA).isOk()).isTrue();
            client.drainUntilEnd(client.query("SET @v = 1"));
            client.drainUntilEnd(client.query("SET time_zone = '+03:00'"));
            assertThat(client.command((byte) 0x1f).isOk()).isTrue();
            java.util.List<RawClient.Reply> rows = client.rows(
                    client.query("SELECT CONCAT(@v IS NULL, @@time_zone = @@global.time_zone, DATABASE())"));
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).text()).contains("11" + ProxyFixture.SCHEMA);
        }
    }

    @Test
    void changeUserLogsInAgainWithAFreshSession() throws Exception {
        try (Connection connection = proxy.connect(proxy.mysqlUrl("")); Statement statement = connection.createStatement()) {
            statement.execute("SET @before = 'x'");
            connection.unwrap(com.mysql.cj.jdbc.JdbcConnection.class)
                    .changeUser(ProxyFixture.LIMITED_USER, ProxyFixture.LIMITED_PASSWORD);
            try (Statement after = connection.createStatement()) {
                assertThat(scalar(after, "SELECT @before IS NULL")).isEqualTo("1");
            }
        }
    }

    /** COM_SET_OPTION switches multi-statements off and on for this session only. */
    @Test
    void setOptionControlsMultiStatements() throws Exception {
        try (RawClient client = new RawClient(proxy.port())) {
            assertThat(client.login(ProxyFixture.USER, ProxyFixture.PASSWORD, ProxyFixture.SCHEMA).isOk()).isTrue();
            RawClient.Reply off = client.command((byte) 0x1b, (byte) 1, (byte) 0);
            assertThat(off.header()).as("EOF acknowledges the option").isEqualTo(0xfe);
            RawClient.Reply refused = client.query("SELECT 1; SELECT 2");
            assertThat(refused.isErr()).isTrue();
            assertThat(refused.errorCode()).isEqualTo(1064);
            assertThat(client.command((byte) 0x1b, (byte) 0, (byte) 0).header()).isEqualTo(0xfe);
            RawClient.Reply first = client.query("SELECT 1; SELECT 2");
            assertThat(first.isErr()).isFalse();
            assertThat(client.rows(first)).hasSize(1);
            assertThat(client.rows(client.read())).as("the second result of the multi-statement").hasSize(1);
            assertThat(client.command((byte) 0x1b, (byte) 7, (byte) 0).errorCode()).isEqualTo(1047);
        }
    }

    /**
     * The collation a client logs in with shows in result columns exactly as on the server, even on a pooled
     * connection that logged in with another (SET NAMES ... COLLATE, not the variables one by one).
     */
    @Test
    void loginCollationShowsInResultColumnsAsOnTheServer() throws Exception {
        List<Integer> direct;
        try (RawClient client = new RawClient(proxy.sandbox().primaryPort())) {
            assertThat(client.login("shardline", "shardline", ProxyFixture.SCHEMA, 224, 0).isOk()).isTrue();
            direct = client.columnCollations(client.query("SELECT 'x', @@collation_connection"));
        }
        try (RawClient client = new RawClient(proxy.port())) {
            assertThat(client.login(ProxyFixture.USER, ProxyFixture.PASSWORD, ProxyFixture.SCHEMA, 224, 0).isOk())
                    .isTrue();
            assertThat(client.columnCollations(client.query("SELECT 'x', @@collation_connection")))
                    .isEqualTo(direct).contains(224);
        }
    }

    /** MariaDB Connector/J sends batches as COM_STMT_BULK_EXECUTE when the server offers bulk operations. */
    @Test
    void bulkBatchesArriveWhole() throws Exception {
        try (Connection connection = proxy.connect(proxy.mariadbUrl("useBulkStmts=true&useServerPrepStmts=true"));
             Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS bulk_rows");
            statement.execute("CREATE TABLE bulk_rows (id INT PRIMARY KEY, v VARCHAR(20))");
            try (java.sql.PreparedStatement insert = connection.prepareStatement("INSERT INTO bulk_rows VALUES (?, ?)")) {
                for (int i = 1; i <= 500; i++) {
                    insert.setInt(1, i);
                    insert.setString(2, "row " + i);
                    insert.addBatch();
                }
                int[] counts = insert.executeBatch();
                assertThat(counts).hasSize(500);
            }
            assertThat(scalar(statement, "SELECT CONCAT(COUNT(*), ':', SUM(id)) FROM bulk_rows")).isEqualTo("500:125250");
        }
    }

    /** COM_CHANGE_USER to an account whose plugin differs: the auth switch happens inside the command. */
    @Test
    void changeUserWithAPluginSwitch() throws Exception {
        try (Connection connection = proxy.connect(proxy.mysqlUrl("allowPublicKeyRetrieval=true"));
             Statement statement = connection.createStatement()) {
            connection.unwrap(com.mysql.cj.jdbc.JdbcConnection.class)
                    .changeUser(ProxyFixture.SHA2_USER, ProxyFixture.SHA2_PASSWORD);
            try (Statement after = connection.createStatement()) {
                assertThat(scalar(after, "SELECT 'switched'")).isEqualTo("switched");
            }
        }
    }

    @Test
    void statisticsFieldListAndPingAnswer() throws Exception {
        try (RawClient client = new RawClient(proxy.port())) {
            assertThat(client.login(ProxyFixture.USER, ProxyFixture.PASSWORD, ProxyFixture.SCHEMA).isOk()).isTrue();
            assertThat(client.command((byte) 0x09).text()).contains("Uptime");
            assertThat(client.command((byte) 0x0e).isOk()).isTrue();
            client.drainUntilEnd(client.query("CREATE TABLE IF NOT EXISTS field_list (a INT, b TEXT)"));
            byte[] fieldList = "\u0004field_list\u0000".getBytes(StandardCharsets.US_ASCII);
            RawClient.Reply column = client.command(fieldList);
            assertThat(column.text()).contains("field_list").contains("a");
            RawClient.Reply next = client.read();
            assertThat(next.text()).contains("b");
            assertThat(client.read().header()).as("EOF ends the list").isEqualTo(0xfe);
            RawClient.Reply after = client.query("SELECT 1");
            assertThat(after.isErr()).isFalse();
        }
    }

    private static String scalar(Statement statement, String sql) throws SQLException {
        try (ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
