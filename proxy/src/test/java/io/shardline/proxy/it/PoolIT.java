package io.shardline.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardline.proxy.ShardlineServer;
import io.shardline.proxy.sandbox.ServerSpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pool's time-based rules against a real server (the sandbox's second shard, which no other test uses):
 * idle connections close after idle-timeout, connections retire after max-lifetime, and a pooled connection that
 * died while idle is never lent (validation). Timers run in real time here, so assertions poll with a deadline.
 */
class PoolIT {
    private static ServerSpec shard;

    @BeforeAll
    static void createSchema() throws Exception {
        shard = SandboxFixture.get().shards().get(1);
        try (Connection root = SandboxFixture.get().rootConnection(shard); Statement statement = root.createStatement()) {
            statement.execute("CREATE DATABASE IF NOT EXISTS " + ProxyFixture.SCHEMA);
        }
    }

    private static ShardlineServer proxy(String pool) throws Exception {
        return ProxyFixture.startDedicated("  worker-threads: 1", pool, shard.port());
    }

    private static long backendId(ShardlineServer proxy) throws SQLException {
        try (Connection connection = DriverManager.getConnection(ProxyFixture.mysqlUrl(proxy.address().getPort(), ""));
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT CONNECTION_ID()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static boolean exists(long threadId) {
        try (Connection root = SandboxFixture.get().rootConnection(shard); Statement statement = root.createStatement();
             ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = "
                     + threadId)) {
            rs.next();
            return rs.getInt(1) > 0;
        } catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static boolean eventually(BooleanSupplier condition, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(200);
        }
        return condition.getAsBoolean();
    }

    @Test
    void idleConnectionsCloseAfterTheIdleTimeout() throws Exception {
        try (ShardlineServer proxy = proxy("{ max-size: 4, idle-timeout: 1s }")) {
            long id = backendId(proxy);
            assertThat(exists(id)).as("pooled after use").isTrue();
            assertThat(eventually(() -> !exists(id), 15)).as("closed after being idle").isTrue();
        }
    }

    @Test
    void connectionsRetireAfterTheirLifetime() throws Exception {
        try (ShardlineServer proxy = proxy("{ max-size: 4, max-lifetime: 1s, idle-timeout: 10m }")) {
            long first = backendId(proxy);
            assertThat(eventually(() -> !exists(first), 15)).as("retired").isTrue();
            assertThat(backendId(proxy)).as("a new connection serves the next session").isNotEqualTo(first);
        }
    }

    @Test
    void aConnectionKilledWhileIdleIsNeverLent() throws Exception {
        try (ShardlineServer proxy = proxy("{ max-size: 4, validate-after-idle: 0s }")) {
            long first = backendId(proxy);
            try (Connection root = SandboxFixture.get().rootConnection(shard); Statement kill = root.createStatement()) {
                kill.execute("KILL " + first);
            }
            assertThat(backendId(proxy)).as("the dead one was dropped, a fresh one lent").isNotEqualTo(first);
        }
    }

    @Test
    void withinItsLimitsTheSameConnectionIsReused() throws Exception {
        try (ShardlineServer proxy = proxy("{ max-size: 4 }")) {
            long first = backendId(proxy);
            assertThat(backendId(proxy)).as("the pooled connection serves the next session").isEqualTo(first);
        }
    }
}
