package io.shardline.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardline.proxy.ShardlineServer;
import io.shardline.proxy.sandbox.ServerSpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Backends that die under the proxy: a backend connection killed mid-statement or mid-transaction, and the server
 * itself going down and coming back. The proxy here serves the sandbox's first shard server, one event loop, a
 * pool of one, so these tests can kill and restart it without disturbing other tests.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackendFailureIT {
    private static SandboxFixture sandbox;
    private static ShardlineServer proxy;
    private static ServerSpec shard;

    @BeforeAll
    static void start() throws Exception {
        sandbox = SandboxFixture.get();
        shard = sandbox.shards().get(0);
        try (Connection root = sandbox.rootConnection(shard); Statement statement = root.createStatement()) {
            statement.execute("CREATE DATABASE IF NOT EXISTS " + ProxyFixture.SCHEMA);
        }
        proxy = ProxyFixture.startDedicated("  worker-threads: 1\n  backend-acquire-timeout: 2s",
                "{ max-size: 1, connect-timeout: 1s }", shard.port());
    }

    @AfterAll
    static void stop() {
        proxy.close();
        sandbox.sandbox().up();
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(ProxyFixture.mysqlUrl(proxy.address().getPort(), ""));
    }

    /** Kills, as root on the server, every connection of the proxy's account running or holding what matches. */
    private static int killBackend(String infoLike) throws SQLException {
        int killed = 0;
        try (Connection root = sandbox.rootConnection(shard); Statement statement = root.createStatement();
             ResultSet rs = statement.executeQuery("SELECT ID FROM information_schema.PROCESSLIST WHERE USER ="
                     + " 'shardline' AND COALESCE(INFO, '') LIKE '" + infoLike + "'")) {
            List<Long> ids = new java.util.ArrayList<>();
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
            for (long each : ids) {
                try (Statement kill = root.createStatement()) {
                    kill.execute("KILL " + each);
                    killed++;
                }
            }
        }
        return killed;
    }

    private static String scalar(Statement statement, String sql) throws SQLException {
        try (ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    @Order(1)
    void backendKilledMidStatementGivesAnErrorAndTheNextStatementWorks() throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            CompletableFuture<Throwable> sleeping = CompletableFuture.supplyAsync(() -> {
                try {
                    statement.executeQuery("SELECT SLEEP(30)");
                    return null;
                } catch (SQLException ex) {
                    return ex;
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (killBackend("SELECT SLEEP(30)%") == 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            Throwable failure = sleeping.get(20, TimeUnit.SECONDS);
            assertThat(failure).isInstanceOf(SQLException.class);
            assertThat(scalar(statement, "SELECT 'next works'")).isEqualTo("next works");
        }
    }

    @Test
    @Order(2)
    void aTransactionWhoseBackendDiedFailsUntilRollback() throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS lost_tx");
            statement.execute("CREATE TABLE lost_tx (id INT PRIMARY KEY) ENGINE=InnoDB");
            statement.execute("BEGIN");
            statement.execute("INSERT INTO lost_tx VALUES (1)");
            assertThat(killBackend("%")).isPositive();
            for (String sql : new String[] {"INSERT INTO lost_tx VALUES (2)", "SELECT 1", "COMMIT"}) {
                assertThatThrownBy(() -> statement.execute(sql)).as(sql).isInstanceOfSatisfying(SQLException.class,
                        ex -> {
                            assertThat(ex.getErrorCode()).isIn(1213, 1927, 1317);
                            assertThat(ex.getSQLState()).isIn("40001", "70100");
                        });
            }
            assertThat(scalar(statement, "SELECT COUNT(*) FROM lost_tx")).as("nothing of the lost transaction")
                    .isEqualTo("0");
        }
    }

    @Test
    @Order(3)
    void rollbackClearsTheLostTransaction() throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("BEGIN");
            statement.execute("SELECT 1");
            assertThat(killBackend("%")).isPositive();
            assertThatThrownBy(() -> statement.execute("SELECT 2")).isInstanceOf(SQLException.class);
            statement.execute("ROLLBACK");
            assertThat(scalar(statement, "SELECT 'clean again'")).isEqualTo("clean again");
        }
    }

    @Test
    @Order(4)
    void clientVanishingMidTransactionNeverLeavesADirtyPooledConnection() throws Exception {
        try (RawClient client = new RawClient(proxy.address().getPort())) {
            client.login(ProxyFixture.USER, ProxyFixture.PASSWORD, ProxyFixture.SCHEMA);
            client.drainUntilEnd(client.query("CREATE TABLE IF NOT EXISTS vanish (id INT PRIMARY KEY)"));
            client.drainUntilEnd(client.query("BEGIN"));
            client.drainUntilEnd(client.query("INSERT INTO vanish VALUES (1)"));
            client.drainUntilEnd(client.query("SET @left_behind = 1"));
        }
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            assertThat(scalar(statement, "SELECT @@in_transaction")).isEqualTo("0");
            assertThat(scalar(statement, "SELECT @left_behind IS NULL")).isEqualTo("1");
            assertThat(scalar(statement, "SELECT COUNT(*) FROM vanish")).isEqualTo("0");
        }
    }

    @Test
    @Order(5)
    void clientVanishingMidResultFreesThePool() throws Exception {
        try (RawClient client = new RawClient(proxy.address().getPort())) {
            client.login(ProxyFixture.USER, ProxyFixture.PASSWORD, ProxyFixture.SCHEMA);
            client.query("SELECT seq, REPEAT('y', 500) FROM seq_1_to_1000000");
        }
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            assertThat(scalar(statement, "SELECT 'pool free'")).isEqualTo("pool free");
        }
    }

    /**
     * The backend dies while the client sends a LOCAL INFILE file: the file's bytes must never be taken as commands
     * (a file starting with 0x03 would otherwise run as COM_QUERY), and the error comes after the file.
     */
    @Test
    @Order(6)
    void fileDataIsNeverExecutedWhenTheBackendDiesDuringLoadData() throws Exception {
        try (RawClient client = new RawClient(proxy.address().getPort())) {
            client.login(ProxyFixture.USER, ProxyFixture.PASSWORD, ProxyFixture.SCHEMA, 45, 0x80);
            client.drainUntilEnd(client.query("DROP TABLE IF EXISTS injected_by_file"));
            client.drainUntilEnd(client.query("CREATE TABLE IF NOT EXISTS infile_target (v TEXT)"));
            RawClient.Reply request = client.query("LOAD DATA LOCAL INFILE 'evil.csv' INTO TABLE infile_target");
            assertThat(request.header()).as("the server asks for the file").isEqualTo(0xfb);
            assertThat(killBackend("LOAD DATA%")).isPositive();
            client.writePacket("\u0003CREATE TABLE injected_by_file (a INT)".getBytes(
                    java.nio.charset.StandardCharsets.US_ASCII));
            client.writePacket("\u0003SELECT 'injected'".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            client.writePacket(new byte[0]);
            RawClient.Reply answer = client.read();
            assertThat(answer.isErr()).as("an error follows the file").isTrue();
            assertThat(RawClient.succeeded(client.drainUntilEnd(client.query("SELECT 1")))).isTrue();
        }
        try (Connection root = sandbox.rootConnection(shard); Statement statement = root.createStatement();
             ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM information_schema.TABLES WHERE"
                     + " TABLE_NAME = 'injected_by_file'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("nothing in the file ran").isZero();
        }
    }

    @Test
    @Order(7)
    void deadServerFailsFastWithAClearErrorAndRecovers() throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            assertThat(scalar(statement, "SELECT 1")).isEqualTo("1");
            sandbox.sandbox().down(List.of(shard));
            long start = System.nanoTime();
            assertThatThrownBy(() -> scalar(statement, "SELECT 2")).isInstanceOfSatisfying(SQLException.class, ex -> {
                assertThat(ex.getErrorCode()).isIn(1429, 1317);
                assertThat(ex.getMessage()).contains("Shardline");
            });
            assertThat((System.nanoTime() - start) / 1_000_000).as("fails fast").isLessThan(5_000);
            sandbox.sandbox().up();
            // The health monitor sees the server back within one check interval (500 ms); until then the proxy
            // keeps failing fast rather than trying a server it believes down.
            long deadline = System.nanoTime() + 5_000_000_000L;
            String answer = null;
            while (answer == null) {
                try {
                    answer = scalar(statement, "SELECT 3");
                } catch (SQLException ex) {
                    assertThat(ex.getErrorCode()).as(ex.getMessage()).isEqualTo(1429);
                    assertThat(System.nanoTime()).as("the server is used again within 5 s").isLessThan(deadline);
                    Thread.sleep(50);
                }
            }
            assertThat(answer).as("same client connection, server back").isEqualTo("3");
        }
    }
}
