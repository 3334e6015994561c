package io.shardline.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardline.proxy.ShardlineServer;
import io.shardline.proxy.health.ServerHealth;
import io.shardline.proxy.health.Status;
import io.shardline.proxy.sandbox.ServerSpec;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * The sandbox's primary and replicas as the read/write tests drive them, as root and directly (never through the
 * proxy): statements, replication controls that every test undoes, and waits on the proxy's view of health.
 */
final class Replication {
    static final Duration WAIT = Duration.ofSeconds(30);

    private final SandboxFixture sandbox;

    Replication(SandboxFixture sandbox) {
        this.sandbox = sandbox;
    }

    int primaryPort() {
        return sandbox.primaryPort();
    }

    List<Integer> replicaPorts() {
        return sandbox.replicaPorts();
    }

    ServerSpec primary() {
        return sandbox.primary();
    }

    ServerSpec replica(int index) {
        return sandbox.replicas().get(index);
    }

    void sql(int port, String... statements) throws SQLException {
        try (Connection root = sandbox.rootConnection(port); Statement statement = root.createStatement()) {
            for (String each : statements) {
                statement.execute(each);
            }
        }
    }

    String scalar(int port, String query) throws SQLException {
        try (Connection root = sandbox.rootConnection(port); Statement statement = root.createStatement();
             ResultSet rs = statement.executeQuery(query)) {
            assertThat(rs.next()).as(query).isTrue();
            return rs.getString(1);
        }
    }

    /** Waits until every running replica has applied everything the primary has written so far. */
    void awaitCaughtUp() throws SQLException {
        String position = scalar(primaryPort(), "SELECT @@gtid_binlog_pos");
        for (int port : replicaPorts()) {
            assertThat(scalar(port, "SELECT MASTER_GTID_WAIT('" + position + "', " + WAIT.toSeconds() + ")"))
                    .as("replica %d applies %s within %s", port, position, WAIT).isEqualTo("0");
        }
    }

    /** Back to plain replication: no delay, both threads running. Safe to call in any state. */
    void restore(int replicaPort) throws SQLException {
        sql(replicaPort, "STOP SLAVE", "CHANGE MASTER TO MASTER_DELAY = 0", "START SLAVE");
    }

    void delay(int replicaPort, int seconds) throws SQLException {
        sql(replicaPort, "STOP SLAVE", "CHANGE MASTER TO MASTER_DELAY = " + seconds, "START SLAVE");
    }

    /** Polls the proxy's health view until {@code server} (by port) matches. */
    static void awaitHealth(ShardlineServer proxy, int port, String what, Predicate<ServerHealth> condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            ServerHealth health = healthOf(proxy, port);
            if (health != null && condition.test(health)) {
                return;
            }
            assertThat(System.nanoTime()).as("%s: %s within %s; last seen %s", port, what, WAIT, health)
                    .isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    static void awaitStatus(ShardlineServer proxy, int port, Status status) throws InterruptedException {
        awaitHealth(proxy, port, "status " + status, health -> health.status() == status);
    }

    static ServerHealth healthOf(ShardlineServer proxy, int port) {
        for (ServerHealth each : proxy.health().byServer().values()) {
            if (each.server().endsWith(":" + port)) {
                return each;
            }
        }
        return null;
    }
}
