package io.shardline.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM to a proxy running as a process of its own, with clients in every state: it stops accepting, /ready
 * says draining, idle sessions close, a running statement gets its whole result, an open transaction may commit
 * within server.shutdown-timeout (and is cut when that runs out), and the process exits 0.
 */
class GracefulStopIT {
    private static SandboxFixture sandbox;
    private static Replication servers;

    @BeforeAll
    static void setUp() throws Exception {
        sandbox = SandboxFixture.get();
        servers = new Replication(sandbox);
        ProxyFixture.get();
        servers.sql(sandbox.primaryPort(), "CREATE OR REPLACE TABLE " + ProxyFixture.SCHEMA
                + ".stop_it (id INT AUTO_INCREMENT PRIMARY KEY, note VARCHAR(40))");
    }

    private static ProxyProcess start(String shutdownTimeout, int managementPort) throws Exception {
        return ProxyProcess.start(ProxyFixture.yaml(sandbox, "  shutdown-timeout: " + shutdownTimeout,
                "{ max-size: 20 }", sandbox.primaryPort(), "", "management: { listen: 127.0.0.1:" + managementPort
                        + " }"));
    }

    private static Connection connect(ProxyProcess proxy) throws SQLException {
        return DriverManager.getConnection(ProxyFixture.mysqlUrl(proxy.port(), ""));
    }

    private static String rows(String note) throws SQLException {
        return servers.scalar(sandbox.primaryPort(), "SELECT COUNT(*) FROM " + ProxyFixture.SCHEMA
                + ".stop_it WHERE note = '" + note + "'");
    }

    @Test
    void runningStatementsAndOpenTransactionsFinishIdleSessionsCloseAndTheProcessExitsZero() throws Exception {
        int managementPort = ProxyProcess.freePort();
        try (ProxyProcess proxy = start("10s", managementPort); Connection idle = connect(proxy);
             Connection transaction = connect(proxy); Connection sleeper = connect(proxy)) {
            AdminHttp admin = new AdminHttp(managementPort);
            idle.createStatement().executeQuery("SELECT 1").close();
            transaction.setAutoCommit(false);
            Statement inTransaction = transaction.createStatement();
            inTransaction.executeUpdate("INSERT INTO stop_it (note) VALUES ('before SIGTERM')");
            CompletableFuture<String> slept = CompletableFuture.supplyAsync(() -> sleep(sleeper));
            awaitRunning("SELECT SLEEP(2)");

            long stopAt = System.nanoTime();
            proxy.terminate();

            awaitRefused(proxy.port());
            HttpResponse<String> ready = admin.get("/ready");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("\"draining\":true").contains("draining: the proxy is stopping");
            assertThat(admin.get("/api/status").body()).contains("\"draining\":true");
            assertThatThrownBy(() -> idle.createStatement().executeQuery("SELECT 1"))
                    .as("the idle session was closed").isInstanceOf(SQLException.class);

            inTransaction.executeUpdate("INSERT INTO stop_it (note) VALUES ('after SIGTERM')");
            transaction.commit();
            assertThat(rows("before SIGTERM")).isEqualTo("1");
            assertThat(rows("after SIGTERM")).as("the transaction finished").isEqualTo("1");

            assertThat(slept.get(10, TimeUnit.SECONDS)).as("SLEEP's whole result").isEqualTo("0");
            assertThat(proxy.awaitExit(Duration.ofSeconds(10))).as("exit status").isEqualTo(0);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopAt)).as("well within the 10s bound")
                    .isLessThan(8000);
            assertThatThrownBy(() -> inTransaction.executeQuery("SELECT 1")).as("closed once it committed")
                    .isInstanceOf(SQLException.class);
            assertThat(proxy.log()).contains("stopping: no longer accepting clients").contains("drained")
                    .contains("stopped");
        }
    }

    @Test
    void whenTheTimeoutRunsOutWhatIsLeftIsClosedAndNotCommitted() throws Exception {
        try (ProxyProcess proxy = start("1s", ProxyProcess.freePort()); Connection transaction = connect(proxy)) {
            transaction.setAutoCommit(false);
            transaction.createStatement().executeUpdate("INSERT INTO stop_it (note) VALUES ('left open')");

            long stopAt = System.nanoTime();
            proxy.terminate();

            assertThat(proxy.awaitExit(Duration.ofSeconds(10))).as("exit status").isEqualTo(0);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopAt)).as("1s, then closes")
                    .isBetween(900L, 4000L);
            assertThat(rows("left open")).as("rolled back by the server").isEqualTo("0");
            assertThatThrownBy(transaction::commit).isInstanceOf(SQLException.class);
            assertThat(proxy.log()).contains("server.shutdown-timeout (1000 ms) ran out; closing the 1 sessions left");
        }
    }

    private static String sleep(Connection connection) {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT SLEEP(2)")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Waits until the primary runs {@code sql} (sent through the proxy). */
    private static void awaitRunning(String sql) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!servers.scalar(sandbox.primaryPort(), "SELECT COUNT(*) FROM information_schema.PROCESSLIST"
                + " WHERE INFO = '" + sql + "'").equals("1")) {
            assertThat(System.nanoTime() - deadline).as(sql + " running").isNegative();
            Thread.sleep(10);
        }
    }

    /** Waits until connecting to {@code port} is refused: the listening socket is closed. */
    private static void awaitRefused(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                assertThat(System.nanoTime() - deadline).as("connections refused").isNegative();
                Thread.sleep(10);
            } catch (ConnectException refused) {
                return;
            }
        }
    }
}
