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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sessions sharing pooled backend connections still see only their own state. The proxy here has one event loop
 * and a pool of ONE backend connection, so every session's statements run on the same server connection, one
 * after another; what each session reads back must be what it set (schema, time zone, sql_mode, character set,
 * collation, isolation, LAST_INSERT_ID, multi-statement option), as on its own server connection.
 */
class SessionStateIT {
    private static ShardlineServer proxy;

    @BeforeAll
    static void start() throws Exception {
        ProxyFixture.get();
        proxy = ProxyFixture.startDedicated("  worker-threads: 1\n  backend-acquire-timeout: 1s",
                "{ max-size: 1 }", SandboxFixture.get().primaryPort());
    }

    @AfterAll
    static void stop() {
        proxy.close();
    }

    private static Connection connect(String options) throws SQLException {
        return DriverManager.getConnection(ProxyFixture.mysqlUrl(proxy.address().getPort(), options));
    }

    private record Expected(String schema, String timeZone, String sqlMode, String charset, String collation,
                            String isolation) {
    }

    @Test
    void eachSessionKeepsItsOwnStateOnASharedBackendConnection() throws Exception {
        List<Connection> sessions = new ArrayList<>();
        List<Expected> expected = new ArrayList<>();
        try {
            sessions.add(connect(""));
            expected.add(configure(sessions.get(0), "mysql", "+01:00", "ANSI_QUOTES", "latin1", "latin1_bin",
                    "READ COMMITTED"));
            sessions.add(connect(""));
            expected.add(configure(sessions.get(1), ProxyFixture.SCHEMA, "-07:00", "STRICT_ALL_TABLES", "utf8mb4",
                    "utf8mb4_unicode_ci", "SERIALIZABLE"));
            sessions.add(connect(""));
            expected.add(read(sessions.get(2)));
            Set<Long> backendIds = new HashSet<>();
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < sessions.size(); i++) {
                    assertThat(read(sessions.get(i))).as("session %d, round %d", i, round).isEqualTo(expected.get(i));
                    backendIds.add(backendId(sessions.get(i)));
                }
            }
            assertThat(backendIds).as("all sessions ran on the one pooled backend connection").hasSize(1);
        } finally {
            for (Connection each : sessions) {
                each.close();
            }
        }
    }

    private static Expected configure(Connection connection, String schema, String timeZone, String sqlMode,
                                      String charset, String collation, String isolation) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("USE " + schema);
            statement.execute("SET time_zone = '" + timeZone + "'");
            statement.execute("SET sql_mode = '" + sqlMode + "'");
            statement.execute("SET NAMES " + charset + " COLLATE " + collation);
            statement.execute("SET SESSION TRANSACTION ISOLATION LEVEL " + isolation);
        }
        return new Expected(schema, timeZone, sqlMode, charset, collation, isolation.replace(' ', '-'));
    }

    private static Expected read(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT DATABASE(), @@time_zone, @@sql_mode,"
                     + " @@character_set_client, @@collation_connection, @@tx_isolation")) {
            rs.next();
            return new Expected(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                    rs.getString(6));
        }
    }

    private static long backendId(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT CONNECTION_ID()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void lastInsertIdFollowsEachSession() throws Exception {
        try (Connection first = connect(""); Connection second = connect("");
             Statement a = first.createStatement(); Statement b = second.createStatement()) {
            a.execute("DROP TABLE IF EXISTS lii");
            a.execute("CREATE TABLE lii (id INT AUTO_INCREMENT PRIMARY KEY, who CHAR(1))");
            a.execute("INSERT INTO lii (who) VALUES ('a')");
            b.execute("INSERT INTO lii (who) VALUES ('b'), ('b')");
            assertThat(single(a, "SELECT LAST_INSERT_ID()")).isEqualTo("1");
            assertThat(single(b, "SELECT LAST_INSERT_ID()")).isEqualTo("2");
            a.execute("INSERT INTO lii (who) VALUES ('a')");
            assertThat(single(b, "SELECT LAST_INSERT_ID()")).isEqualTo("2");
            assertThat(single(a, "SELECT LAST_INSERT_ID()")).isEqualTo("4");
            assertThat(single(a, "SELECT who FROM lii WHERE id = LAST_INSERT_ID()")).isEqualTo("a");
        }
    }

    @Test
    void multiStatementOptionFollowsEachSession() throws Exception {
        try (Connection single = connect(""); Connection multi = connect("allowMultiQueries=true");
             Statement plain = single.createStatement(); Statement many = multi.createStatement()) {
            assertThatThrownBy(() -> plain.execute("SELECT 1; SELECT 2"))
                    .isInstanceOfSatisfying(SQLException.class, ex -> assertThat(ex.getErrorCode()).isEqualTo(1064));
            assertThat(many.execute("SELECT 1; SELECT 2")).isTrue();
            assertThat(many.getMoreResults()).isTrue();
            assertThatThrownBy(() -> plain.execute("SELECT 3; SELECT 4"))
                    .isInstanceOfSatisfying(SQLException.class, ex -> assertThat(ex.getErrorCode()).isEqualTo(1064));
        }
    }

    @Test
    void aTransactionHoldsTheConnectionAndOthersWaitThenGetAClearError() throws Exception {
        try (Connection holder = connect(""); Connection other = connect("");
             Statement tx = holder.createStatement(); Statement waiting = other.createStatement()) {
            tx.execute("BEGIN");
            tx.execute("SELECT 1");
            assertThatThrownBy(() -> waiting.executeQuery("SELECT 2"))
                    .isInstanceOfSatisfying(SQLException.class, ex -> {
                        assertThat(ex.getErrorCode()).isEqualTo(1040);
                        assertThat(ex.getMessage()).contains("max-size");
                    });
            tx.execute("COMMIT");
            assertThat(single(waiting, "SELECT 2")).isEqualTo("2");
        }
    }

    @Test
    void userVariablesPinTheSessionAndSurvive() throws Exception {
        try (Connection pinned = connect(""); Statement statement = pinned.createStatement()) {
            statement.execute("SET @mine = 'kept'");
            assertThat(single(statement, "SELECT @mine")).isEqualTo("kept");
        }
        try (Connection fresh = connect(""); Statement statement = fresh.createStatement()) {
            assertThat(single(statement, "SELECT @mine IS NULL")).as("variables do not leak to the next session")
                    .isEqualTo("1");
        }
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
