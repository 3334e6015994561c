package io.shardline.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardline.proxy.health.Gtid;
import io.shardline.proxy.health.HealthMonitor;
import io.shardline.proxy.health.HealthSettings;
import io.shardline.proxy.health.HealthSnapshot;
import io.shardline.proxy.health.MonitoredServer;
import io.shardline.proxy.health.Role;
import io.shardline.proxy.health.ServerHealth;
import io.shardline.proxy.health.Status;
import io.shardline.proxy.sandbox.Accounts;
import io.shardline.proxy.sandbox.ServerSpec;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The health monitor against the real sandbox: five servers, GTID replication, replication threads stopped and
 * delayed, servers stopped and started. Every test leaves replication as it found it, even when it fails.
 *
 * <p>Timers are real here, so waits poll {@link HealthMonitor#current()} against a deadline.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HealthMonitorIT {

    static final Duration INTERVAL = Duration.ofMillis(200);
    static final Duration TIMEOUT = Duration.ofSeconds(1);
    static final Duration WAIT = Duration.ofSeconds(20);
    static final String SCHEMA = "health_it";

    private static SandboxFixture sandbox;

    @BeforeAll
    static void sandboxUp() throws SQLException {
        sandbox = SandboxFixture.get();
        sql(sandbox.primary(), "CREATE DATABASE IF NOT EXISTS " + SCHEMA,
                "CREATE TABLE IF NOT EXISTS " + SCHEMA + ".writes (id INT AUTO_INCREMENT PRIMARY KEY)");
    }

    private static List<MonitoredServer> servers(Duration maxReplicaLag) {
        List<MonitoredServer> servers = new ArrayList<>();
        for (ServerSpec spec : sandbox.layout().servers()) {
            Role role = sandbox.replicas().contains(spec) ? Role.REPLICA : Role.PRIMARY;
            servers.add(new MonitoredServer(spec.name(), "127.0.0.1", spec.port(), Accounts.BACKEND_USER,
                    Accounts.BACKEND_PASSWORD, role, role == Role.REPLICA ? maxReplicaLag : null));
        }
        return servers;
    }

    private static HealthMonitor started(Duration maxReplicaLag) {
        HealthMonitor monitor = new HealthMonitor(servers(maxReplicaLag),
                new HealthSettings(INTERVAL, TIMEOUT, 1), Clock.systemUTC());
        monitor.start();
        return monitor;
    }

    /** Polls until {@code server}'s health matches, and returns that health. */
    private static ServerHealth await(HealthMonitor monitor, String server, String what,
            Predicate<ServerHealth> condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        ServerHealth health = monitor.current().of(server);
        while (!condition.test(health)) {
            assertThat(System.nanoTime()).as("%s within %s; last seen %s", what, WAIT, health).isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(20);
            health = monitor.current().of(server);
        }
        return health;
    }

    private static ServerHealth awaitStatus(HealthMonitor monitor, String server, Status status)
            throws InterruptedException {
        return await(monitor, server, "status " + status, health -> health.status() == status);
    }

    private static void sql(ServerSpec server, String... statements) throws SQLException {
        try (Connection root = sandbox.rootConnection(server); Statement statement = root.createStatement()) {
            for (String each : statements) {
                statement.execute(each);
            }
        }
    }

    /** One write on the primary; returns its GTID as the session reports it. */
    private static Gtid writeOnPrimary() throws SQLException {
        try (Connection root = sandbox.rootConnection(sandbox.primary());
             Statement statement = root.createStatement()) {
            statement.execute("INSERT INTO " + SCHEMA + ".writes () VALUES ()");
            try (ResultSet rs = statement.executeQuery("SELECT @@last_gtid")) {
                rs.next();
                return Gtid.parse(rs.getString(1));
            }
        }
    }

    private static void restoreReplication(ServerSpec replica) throws SQLException {
        sql(replica, "STOP SLAVE", "CHANGE MASTER TO MASTER_DELAY=0", "START SLAVE");
    }

    @Test
    @Order(1)
    void everyServerIsUpWithItsReadOnlyFlag() {
        try (HealthMonitor monitor = new HealthMonitor(servers(Duration.ofSeconds(5)), HealthSettings.defaults(),
                Clock.systemUTC())) {
            long start = System.nanoTime();
            monitor.checkNow();
            long cold = System.nanoTime() - start;
            start = System.nanoTime();
            monitor.checkNow();
            long warm = System.nanoTime() - start;
            System.out.printf("a round of 5 servers: %.1f ms connecting, %.1f ms warm%n", cold / 1e6, warm / 1e6);
            HealthSnapshot snapshot = monitor.current();
            assertThat(snapshot.byServer()).hasSize(5);
            assertThat(snapshot.byServer().values()).allSatisfy(health -> {
                assertThat(health.status()).as(health.toString()).isEqualTo(Status.UP);
                assertThat(health.problem()).isNull();
                assertThat(health.position()).isNotNull();
            });
            for (ServerSpec replica : sandbox.replicas()) {
                ServerHealth health = snapshot.of(replica.name());
                assertThat(health.readOnly()).as(replica.name()).isTrue();
                assertThat(health.replicating()).isTrue();
                assertThat(health.lagSeconds()).isNotNull();
            }
            assertThat(snapshot.of(sandbox.primary().name()).readOnly()).isFalse();
            assertThat(snapshot.of(sandbox.primary().name()).lagSeconds()).isNull();
            sandbox.shards().forEach(shard -> assertThat(snapshot.of(shard.name()).readOnly()).isFalse());
        }
    }

    @Test
    @Order(2)
    void replicasCoverAWriteOnThePrimaryWithinADeadline() throws Exception {
        try (HealthMonitor monitor = started(Duration.ofSeconds(5))) {
            Gtid write = writeOnPrimary();
            await(monitor, sandbox.primary().name(), "primary covers " + write,
                    health -> health.position() != null && health.position().covers(write));
            for (ServerSpec replica : sandbox.replicas()) {
                await(monitor, replica.name(), replica.name() + " covers " + write,
                        health -> health.position() != null && health.position().covers(write));
            }
        }
    }

    @Test
    @Order(3)
    void aStoppedSqlThreadMakesTheReplicaLaggingUntilItRunsAgain() throws Exception {
        ServerSpec replica = sandbox.replicas().get(0);
        try (HealthMonitor monitor = started(Duration.ofSeconds(5))) {
            awaitStatus(monitor, replica.name(), Status.UP);
            sql(replica, "STOP SLAVE SQL_THREAD");
            ServerHealth lagging = awaitStatus(monitor, replica.name(), Status.LAGGING);
            System.out.println("SQL thread stopped: " + lagging);
            assertThat(lagging.lagSeconds()).isNull();
            assertThat(lagging.replicating()).isFalse();
            assertThat(lagging.problem()).startsWith("SQL thread stopped");

            sql(replica, "START SLAVE SQL_THREAD");
            ServerHealth up = awaitStatus(monitor, replica.name(), Status.UP);
            assertThat(up.replicating()).isTrue();
            assertThat(up.problem()).isNull();
        } finally {
            sql(replica, "START SLAVE SQL_THREAD");
        }
    }

    @Test
    @Order(4)
    void aDelayedReplicaIsLaggingWhileItsLagExceedsTheMaximum() throws Exception {
        ServerSpec replica = sandbox.replicas().get(1);
        // MariaDB 10.11 counts Seconds_Behind_Master up to MASTER_DELAY while a delayed event waits, and reports 0
        // when nothing waits; so the test writes once and watches the lag climb past a 1 s maximum.
        try (HealthMonitor monitor = started(Duration.ofSeconds(1))) {
            awaitStatus(monitor, replica.name(), Status.UP);
            sql(replica, "STOP SLAVE", "CHANGE MASTER TO MASTER_DELAY=10", "START SLAVE");
            awaitStatus(monitor, replica.name(), Status.UP);
            writeOnPrimary();
            ServerHealth lagging = await(monitor, replica.name(), "LAGGING with lag over 1 s",
                    health -> health.status() == Status.LAGGING && health.lagSeconds() != null);
            System.out.println("MASTER_DELAY=10: " + lagging);
            assertThat(lagging.lagSeconds()).isGreaterThan(1L);
            assertThat(lagging.replicating()).isTrue();
            assertThat(lagging.problem()).startsWith("lag " + lagging.lagSeconds() + " s exceeds the allowed 1 s");

            restoreReplication(replica);
            ServerHealth up = await(monitor, replica.name(), "UP again, replicating",
                    health -> health.status() == Status.UP && health.replicating());
            assertThat(up.lagSeconds()).isLessThanOrEqualTo(1L);
        } finally {
            restoreReplication(replica);
        }
    }

    @Test
    @Order(5)
    void aStoppedReplicaIsDownWithinIntervalPlusTimeoutAndUpWhenItIsBack() throws Exception {
        ServerSpec replica = sandbox.replicas().get(1);
        try (HealthMonitor monitor = started(Duration.ofSeconds(5))) {
            awaitStatus(monitor, replica.name(), Status.UP);
            sandbox.sandbox().down(List.of(replica));
            long stopped = System.nanoTime();
            ServerHealth down = awaitStatus(monitor, replica.name(), Status.DOWN);
            Duration took = Duration.ofNanos(System.nanoTime() - stopped);
            System.out.println("replica stopped, DOWN after " + took.toMillis() + " ms: " + down);
            assertThat(took).isLessThanOrEqualTo(INTERVAL.plus(TIMEOUT).plusMillis(500));
            ServerHealth refused = await(monitor, replica.name(), "connection refused",
                    health -> "cannot connect: Connection refused".equals(health.problem()));
            assertThat(refused.status()).isEqualTo(Status.DOWN);
            assertThat(monitor.current().of(sandbox.primary().name()).status()).isEqualTo(Status.UP);

            sandbox.ensureUp();
            ServerHealth up = awaitStatus(monitor, replica.name(), Status.UP);
            assertThat(up.readOnly()).isTrue();
        } finally {
            sandbox.ensureUp();
        }
    }

    @Test
    @Order(6)
    void replicasStayReadableWhileThePrimaryIsDown() throws Exception {
        ServerSpec primary = sandbox.primary();
        try (HealthMonitor monitor = started(Duration.ofSeconds(5))) {
            for (ServerSpec replica : sandbox.replicas()) {
                awaitStatus(monitor, replica.name(), Status.UP);
            }
            Gtid last = writeOnPrimary();
            for (ServerSpec replica : sandbox.replicas()) {
                await(monitor, replica.name(), "caught up", health -> health.position().covers(last));
            }
            sandbox.sandbox().down(List.of(primary));
            ServerHealth down = awaitStatus(monitor, primary.name(), Status.DOWN);
            System.out.println("primary stopped: " + down);
            for (ServerSpec replica : sandbox.replicas()) {
                // Wait until the replica itself has noticed, then it must still be readable.
                ServerHealth orphaned = await(monitor, replica.name(), "IO thread noticed",
                        health -> !health.replicating());
                System.out.println("replica while the primary is down: " + orphaned);
                assertThat(orphaned.status()).isEqualTo(Status.UP);
                assertThat(orphaned.problem()).startsWith("source primary is down");
                assertThat(orphaned.position().covers(last)).isTrue();
                assertThat(readsFrom(replica)).isPositive();
            }

            sandbox.ensureUp();
            awaitStatus(monitor, primary.name(), Status.UP);
            for (ServerSpec replica : sandbox.replicas()) {
                ServerHealth back = await(monitor, replica.name(), "replicating again",
                        health -> health.status() == Status.UP && health.replicating());
                assertThat(back.problem()).isNull();
            }
        } finally {
            sandbox.ensureUp();
        }
    }

    @Test
    @Order(7)
    void aServerThatNeverAnswersIsDownWithinTheTimeoutAndDelaysNobody() throws Exception {
        // Accepts TCP connections (the kernel's backlog does) but never sends the greeting: a hung server.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<MonitoredServer> servers = new ArrayList<>(servers(Duration.ofSeconds(5)));
            servers.add(new MonitoredServer("silent", "127.0.0.1", silent.getLocalPort(), "x", "x", Role.PRIMARY,
                    null));
            try (HealthMonitor monitor = new HealthMonitor(servers, new HealthSettings(INTERVAL, TIMEOUT, 1),
                    Clock.systemUTC())) {
                long start = System.nanoTime();
                monitor.checkNow();
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                ServerHealth silentHealth = monitor.current().of("silent");
                System.out.println("silent server, round took " + took.toMillis() + " ms: " + silentHealth);
                assertThat(took).isLessThan(TIMEOUT.plusMillis(500));
                assertThat(silentHealth.status()).isEqualTo(Status.DOWN);
                assertThat(silentHealth.problem()).startsWith("cannot connect: ");
                assertThat(monitor.current().of(sandbox.primary().name()).status()).isEqualTo(Status.UP);
                assertThat(monitor.current().of(sandbox.replicas().get(0).name()).status()).isEqualTo(Status.UP);
            }
        }
    }

    private static long readsFrom(ServerSpec replica) throws SQLException {
        try (Connection connection = sandbox.backendConnection(replica.port());
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM " + SCHEMA + ".writes")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
