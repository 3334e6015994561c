package io.shardline.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardline.proxy.ShardlineServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Data sources changed in the configuration file of a running proxy, then POST /api/reload: a DBA's scale-out step
 * (a new shard server and, in the same reload, rules whose tables live on it) on the sandbox's primary and first
 * shard server, and a replica's weight set to 0 on the sandbox's replicated primary. Where rows and reads land is
 * checked on the servers themselves.
 */
class DataSourceReloadIT {
    private static final String SCHEMA = "reload_ds";

    private static AdminHttp admin(ShardlineServer proxy) {
        return new AdminHttp(proxy.managementAddress().getPort());
    }

    private static String shardSource(SandboxFixture sandbox) {
        return "  ds_1: { primary: 127.0.0.1:" + sandbox.shardPorts().get(0)
                + ", user: shardline, password: shardline }\n";
    }

    private static String rules() {
        return String.join("\n",
                "sharding:",
                "  schemas:",
                "    " + SCHEMA + ":",
                "      default-datasource: ds_0",
                "      actual-databases: { ds_1: " + SCHEMA + "_1 }",
                "      tables:",
                "        t_item:",
                "          data-nodes: ds_${0..1}.t_item",
                "          database-strategy: { columns: user_id, algorithm: mod, count: 2 }",
                "");
    }

    @Test
    void aNewShardServerAndRulesThatUseItApplyInOneReload() throws Exception {
        SandboxFixture sandbox = SandboxFixture.get();
        String table = " (id INT PRIMARY KEY, user_id INT, note VARCHAR(20))";
        ShardedLayout.execute(sandbox, sandbox.primaryPort(), "DROP DATABASE IF EXISTS " + SCHEMA,
                "CREATE DATABASE " + SCHEMA, "CREATE TABLE " + SCHEMA + ".t_item" + table);
        ShardedLayout.execute(sandbox, sandbox.shardPorts().get(0), "DROP DATABASE IF EXISTS " + SCHEMA + "_1",
                "CREATE DATABASE " + SCHEMA + "_1", "CREATE TABLE " + SCHEMA + "_1.t_item" + table);
        String yaml = ProxyFixture.yaml(sandbox, "", "{ max-size: 10 }", sandbox.primaryPort(), "",
                AdminHttp.MANAGEMENT + "\nhealth: { interval: 100ms, timeout: 1s }\n").replace("  main:\n", "  ds_0:\n");
        ShardlineServer proxy = new ShardlineServer(ProxyFixture.load(yaml)).start();
        Path file = proxy.runtime().config().source();
        String shard = "ds_1/primary@127.0.0.1:" + sandbox.shardPorts().get(0);
        try {
            assertThat(admin(proxy).get("/api/backends").body()).doesNotContain(shard);
            Files.writeString(file, yaml.replace("datasources:\n", "datasources:\n" + shardSource(sandbox)) + rules());

            HttpResponse<String> reloaded = admin(proxy).post("/api/reload");

            assertThat(reloaded.statusCode()).as(reloaded.body()).isEqualTo(200);
            assertThat(reloaded.body()).contains("datasources: added ds_1", "rules: ", "\"needs_restart\":[]");
            try (Connection connection = DriverManager.getConnection(ProxyFixture.mysqlUrl(proxy.address().getPort(),
                    "").replace("/" + ProxyFixture.SCHEMA + "?", "/" + SCHEMA + "?"));
                 Statement statement = connection.createStatement()) {
                statement.executeUpdate("INSERT INTO t_item VALUES (1, 7, 'odd'), (2, 8, 'even')");
            }
            assertThat(notes(sandbox.shardPorts().get(0), SCHEMA + "_1")).containsExactly("odd");
            assertThat(notes(sandbox.primaryPort(), SCHEMA)).containsExactly("even");
            assertThat(admin(proxy).get("/api/backends").body()).contains(shard);
            HttpResponse<String> ready = admin(proxy).get("/ready");
            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
            assertThat(ready.body()).contains("\"datasource\":\"ds_1\"", shard);
            assertThat(admin(proxy).get("/metrics").body()).contains("shardline_backend_online{datasource=\"ds_1\"");
        } finally {
            proxy.close();
        }
    }

    private static List<String> notes(int port, String database) throws SQLException {
        try (Connection connection = SandboxFixture.get().rootConnection(port);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT note FROM " + database + ".t_item ORDER BY id")) {
            List<String> result = new java.util.ArrayList<>();
            while (rows.next()) {
                result.add(rows.getString(1));
            }
            return result;
        }
    }

    /** A proxy over the primary and both replicas, with the table the reads go to replicated everywhere. */
    private static ShardlineServer replicatedProxy(Replication replication) throws Exception {
        ProxyFixture.get();
        replication.sql(replication.primaryPort(), "CREATE OR REPLACE TABLE " + ProxyFixture.SCHEMA
                + ".reload_weights (id INT PRIMARY KEY)");
        replication.awaitCaughtUp();
        return ProxyFixture.startReplicated("", "", AdminHttp.MANAGEMENT);
    }

    @Test
    void aReplicaWeightedZeroInTheFileGetsNoReadsAfterAReload() throws Exception {
        Replication replication = new Replication(SandboxFixture.get());
        int replicaA = replication.replicaPorts().get(0);
        int replicaB = replication.replicaPorts().get(1);
        ShardlineServer proxy = replicatedProxy(replication);
        Path file = proxy.runtime().config().source();
        try (Connection connection = DriverManager.getConnection(ProxyFixture.mysqlUrl(proxy.address().getPort(),
                "")); Statement statement = connection.createStatement()) {
            String weighted = "address: 127.0.0.1:" + replicaA + ", weight: ";
            Files.writeString(file, Files.readString(file).replace(weighted + "1", weighted + "0")
                    .replace("max-size: 100", "max-size: 50"));

            HttpResponse<String> reloaded = admin(proxy).post("/api/reload");

            assertThat(reloaded.statusCode()).as(reloaded.body()).isEqualTo(200);
            assertThat(reloaded.body()).contains("datasources.main: replica 127.0.0.1:" + replicaA + " weight 1 -> 0",
                    "datasources.main.pool: changed; restart the proxy to apply it");
            Map<Integer, Integer> reads = reads(statement, 30);
            assertThat(reads).as("reads by server port").doesNotContainKey(replicaA).containsKey(replicaB);
            assertThat(admin(proxy).get("/api/backends").body()).containsPattern(
                    "\"name\":\"main/replica@127.0.0.1:" + replicaA + "\"[^}]*\"weight\":0");
        } finally {
            proxy.close();
        }
    }

    @Test
    void aReplicaRemovedFromTheFileIsDrainedAndOneAddedTakesReads() throws Exception {
        Replication replication = new Replication(SandboxFixture.get());
        int replicaA = replication.replicaPorts().get(0);
        int replicaB = replication.replicaPorts().get(1);
        ShardlineServer proxy = replicatedProxy(replication);
        Path file = proxy.runtime().config().source();
        String started = Files.readString(file);
        String lineA = "      - { address: 127.0.0.1:" + replicaA + ", weight: 1 }\n";
        try (Connection connection = DriverManager.getConnection(ProxyFixture.mysqlUrl(proxy.address().getPort(),
                "")); Statement statement = connection.createStatement()) {
            assertThat(reads(statement, 20)).containsKeys(replicaA, replicaB);
            assertThat(proxyConnections(replicaA)).as("pooled and health-check connections").isPositive();
            Files.writeString(file, started.replace(lineA, ""));

            HttpResponse<String> removed = admin(proxy).post("/api/reload");

            assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);
            assertThat(removed.body()).contains("datasources.main: replica 127.0.0.1:" + replicaA + " removed");
            assertThat(reads(statement, 20)).doesNotContainKey(replicaA).containsKey(replicaB);
            assertThat(admin(proxy).get("/api/backends").body()).doesNotContain("127.0.0.1:" + replicaA);
            assertThat(admin(proxy).get("/metrics").body()).doesNotContain("127.0.0.1:" + replicaA);
            awaitNoProxyConnections(replicaA);

            Files.writeString(file, started);
            HttpResponse<String> added = admin(proxy).post("/api/reload");

            assertThat(added.body()).contains("datasources.main: replica 127.0.0.1:" + replicaA + " added");
            assertThat(reads(statement, 20)).containsKeys(replicaA, replicaB);
        } finally {
            proxy.close();
        }
    }

    /** The proxy's account has no connection left on the server (pools and health probe closed). */
    private static void awaitNoProxyConnections(int port) throws Exception {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        long open = proxyConnections(port);
        while (open > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            open = proxyConnections(port);
        }
        assertThat(open).as("connections of the proxy's account still open on port " + port).isZero();
    }

    private static long proxyConnections(int port) throws SQLException {
        try (Connection connection = SandboxFixture.get().rootConnection(port);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM information_schema.PROCESSLIST"
                     + " WHERE USER = 'shardline'")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static Map<Integer, Integer> reads(Statement statement, int count) throws SQLException {
        Map<Integer, Integer> result = new HashMap<>();
        for (int i = 0; i < count; i++) {
            try (ResultSet rows = statement.executeQuery("SELECT @@port, COUNT(*) FROM reload_weights")) {
                rows.next();
                result.merge(rows.getInt(1), 1, Integer::sum);
            }
        }
        return result;
    }
}
