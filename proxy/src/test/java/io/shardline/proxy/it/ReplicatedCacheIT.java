package io.shardline.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardline.proxy.ShardlineServer;
import io.shardline.proxy.health.Status;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The result cache beside read/write splitting: a read that fills the cache runs on the primary, so a replica that
 * has not applied a write cannot have its old rows stored and served to every session for the entry's TTL, while
 * reads the cache does not cover still go to the replicas.
 */
class ReplicatedCacheIT {
    private static final String S = ProxyFixture.SCHEMA;
    private static Replication replication;
    private static ShardlineServer proxy;

    @BeforeAll
    static void start() throws Exception {
        SandboxFixture sandbox = SandboxFixture.get();
        replication = new Replication(sandbox);
        ProxyFixture.get();
        replication.sql(replication.primaryPort(),
                "CREATE OR REPLACE TABLE " + S + ".rcr_items (id INT PRIMARY KEY, v INT)",
                "INSERT INTO " + S + ".rcr_items VALUES (1, 10)");
        replication.awaitCaughtUp();
        // causal: another session's reads may go to a replica that has not applied a write (global-causal, the
        // default, would send them to the primary anyway).
        StringBuilder replicas = new StringBuilder("    session-consistency: causal\n    replicas:\n");
        for (int port : sandbox.replicaPorts()) {
            replicas.append("      - { address: 127.0.0.1:").append(port).append(", weight: 1 }\n");
        }
        proxy = new ShardlineServer(ProxyFixture.config(sandbox, "", "{ max-size: 50 }", sandbox.primaryPort(),
                replicas.toString(), String.join("\n",
                        "health: { interval: 100ms, timeout: 1s }",
                        "result-cache:",
                        "  rules:",
                        "    - { name: items, tables: [" + S + ".rcr_items], ttl: 60s }",
                        ""))).start();
        for (int each : sandbox.replicaPorts()) {
            Replication.awaitStatus(proxy, each, Status.UP);
        }
    }

    @AfterAll
    static void stop() throws SQLException {
        if (proxy != null) {
            proxy.close();
        }
        for (int each : replication.replicaPorts()) {
            replication.restore(each);
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(ProxyFixture.mysqlUrl(proxy.address().getPort(), ""));
    }

    private static String first(Statement statement, String sql) throws SQLException {
        try (ResultSet rs = statement.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    @Test
    void aReadThatFillsTheCacheNeverStoresALaggingReplicasRows() throws SQLException {
        // Delayed replicas stay UP for the health checks (lag only shows once a delayed write is a second old).
        for (int each : replication.replicaPorts()) {
            replication.delay(each, 3600);
        }
        try (Connection writer = connect(); Statement w = writer.createStatement();
             Connection reader = connect(); Statement r = reader.createStatement()) {
            w.executeUpdate("UPDATE rcr_items SET v = 11 WHERE id = 1");
            assertThat(first(r, "SELECT v FROM rcr_items WHERE id = 1")).as("another session, cached read")
                    .isEqualTo("11");
            assertThat(first(r, "SELECT v FROM rcr_items WHERE id = 1")).as("the stored answer").isEqualTo("11");
            assertThat(first(r, "SELECT v, @@port FROM rcr_items WHERE id = 1"))
                    .as("a read the cache does not take (a system variable) still goes to a lagging replica")
                    .isEqualTo("10");
        } finally {
            for (int each : replication.replicaPorts()) {
                replication.restore(each);
            }
        }
    }
}
