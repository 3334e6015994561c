package io.shardline.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardline.cli.ExitCodes;
import io.shardline.cli.Run;
import io.shardline.proxy.ShardlineServer;
import io.shardline.proxy.config.ConfigLoader;
import io.shardline.proxy.config.PasswordHash;
import io.shardline.proxy.it.SandboxFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * shardctl's real main logic, in process, against a real proxy (management port on an ephemeral port, with a
 * token) over the sandbox's two shard servers and its replicated primary, and {@code rules validate
 * --check-backends} against the shard servers. The rules tests build on each other (versions 1, 2, then a
 * rollback), hence the order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShardctlIT {
    private static final String SCHEMA = "shardctl_it";
    private static final String TOKEN = "shardctl-it-token-0123456789";

    @TempDir
    static Path dir;

    private static SandboxFixture sandbox;
    private static ShardlineServer proxy;
    private static Path configFile;
    private static Map<String, String> environment;

    @BeforeAll
    static void start() throws Exception {
        sandbox = SandboxFixture.get();
        List<Integer> shards = sandbox.shardPorts();
        execute(shards.get(0), "DROP DATABASE IF EXISTS " + SCHEMA, "CREATE DATABASE " + SCHEMA,
                "CREATE TABLE " + SCHEMA + ".t_order_0 (order_id BIGINT PRIMARY KEY, user_id INT, note VARCHAR(20))",
                "CREATE TABLE " + SCHEMA + ".t_order_1 (order_id BIGINT PRIMARY KEY, user_id INT, note VARCHAR(20))");
        execute(shards.get(1), "DROP DATABASE IF EXISTS " + SCHEMA + "_1", "CREATE DATABASE " + SCHEMA + "_1",
                "CREATE TABLE " + SCHEMA + "_1.t_order_0 (order_id BIGINT PRIMARY KEY, user_id INT, note VARCHAR(20))",
                "CREATE TABLE " + SCHEMA + "_1.t_order_1 (order_id BIGINT PRIMARY KEY, user_id INT, note VARCHAR(20))");
        configFile = Files.writeString(dir.resolve("proxy.yaml"), config(shards, ""));
        proxy = new ShardlineServer(ConfigLoader.load(configFile)).start();
        environment = Map.of("SHARDLINE_URL", "http://127.0.0.1:" + proxy.managementAddress().getPort(),
                "SHARDLINE_TOKEN", TOKEN);
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.close();
        }
    }

    /** A proxy's configuration over the two shards; {@code tableExtras} are more lines under t_order. */
    static String config(List<Integer> shards, String tableExtras) {
        return String.join("\n",
                "server: { listen: 127.0.0.1:0, tls: { mode: disabled } }",
                "management: { listen: 127.0.0.1:0, token: " + TOKEN + " }",
                "users:",
                "  - { name: app, password: \"" + PasswordHash.nativeHashOf("secret").text() + "\" }",
                "datasources:",
                "  ds_0: { primary: 127.0.0.1:" + shards.get(0) + ", user: shardline, password: shardline }",
                "  ds_1: { primary: 127.0.0.1:" + shards.get(1) + ", user: shardline, password: shardline }",
                // A replicated data source outside the sharding rules, for the backend commands.
                "  main: { primary: 127.0.0.1:" + sandbox.primaryPort() + ", user: shardline, password: shardline,"
                        + " replicas: [{ address: 127.0.0.1:" + sandbox.replicaPorts().get(0) + " },"
                        + " { address: 127.0.0.1:" + sandbox.replicaPorts().get(1) + " }] }",
                "sharding:",
                "  schemas:",
                "    " + SCHEMA + ":",
                "      default-datasource: ds_0",
                "      actual-databases: { ds_1: " + SCHEMA + "_1 }",
                "      tables:",
                "        t_order:",
                "          data-nodes: ds_${0..1}.t_order_${0..1}",
                "          database-strategy: { columns: user_id, algorithm: mod, count: 2 }",
                "          table-strategy: { columns: order_id, algorithm: mod, count: 2 }",
                tableExtras,
                "");
    }

    private static void execute(int port, String... statements) throws SQLException {
        try (Connection connection = sandbox.rootConnection(port); Statement statement = connection.createStatement()) {
            for (String each : statements) {
                statement.execute(each);
            }
        }
    }

    private static Run shardctl(String... args) {
        return Run.with(environment, "", args);
    }

    @Test
    @Order(1)
    void rulesShowPrintsTheStartupVersionAndItsYaml() {
        Run run = shardctl("rules", "show");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.lines().get(0)).isEqualTo("version     1");
        assertThat(run.lines()).contains("source      startup", "schemas     " + SCHEMA)
                .contains("          data-nodes: ds_${0..1}.t_order_${0..1}");
    }

    @Test
    @Order(2)
    void diffOfAChangeThatMovesRowsSaysSoAndApplyRefusesItWithExit6() throws Exception {
        Path file = Files.writeString(dir.resolve("moves.yaml"), config(sandbox.shardPorts(), "")
                .replace("table-strategy: { columns: order_id, algorithm: mod, count: 2 }",
                        "table-strategy: { columns: user_id, algorithm: mod, count: 2 }"));

        Run diff = shardctl("rules", "diff", file.toString());
        Run apply = shardctl("rules", "apply", file.toString());

        assertThat(diff.exitCode()).as(diff.err()).isZero();
        assertThat(diff.lines().get(0)).isEqualTo("from version 1: 1 change; they would move rows, which apply refuses");
        assertThat(diff.lines().get(1)).contains("t_order").endsWith("(moves rows)");
        assertThat(apply.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(apply.err()).startsWith("shardctl: refused (409): not applied: the change would move stored rows")
                .contains("(moves rows)");
        assertThat(shardctl("rules", "show").lines().get(0)).isEqualTo("version     1");
    }

    @Test
    @Order(3)
    void anInvalidFileIsRefusedWithItsProblemsAndExit4() throws Exception {
        Path file = Files.writeString(dir.resolve("invalid.yaml"), config(sandbox.shardPorts(), "")
                .replace("ds_${0..1}.t_order_${0..1}", "ds_${0..2}.t_order_${0..1}"));

        Run run = shardctl("rules", "apply", file.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.VALIDATION_FAILED);
        assertThat(run.err()).contains("data source ds_2 is not defined");
    }

    @Test
    @Order(4)
    void applyMakesANewVersionWritesTheFileAndHistoryShowsIt() throws Exception {
        Path file = Files.writeString(dir.resolve("keys.yaml"), config(sandbox.shardPorts(),
                "          key-generator: { column: order_id }"));

        Run wrong = Run.with(Map.of("SHARDLINE_URL", environment.get("SHARDLINE_URL")), "", "rules", "apply",
                file.toString(), "--token", "not-the-token-at-all");
        Run apply = shardctl("rules", "apply", file.toString());
        Run history = shardctl("rules", "history");

        assertThat(wrong.exitCode()).isEqualTo(ExitCodes.NOT_AUTHORIZED);
        assertThat(wrong.err()).contains("the proxy refused the token (401");
        assertThat(apply.exitCode()).as(apply.err()).isZero();
        assertThat(apply.lines().get(0)).isEqualTo("applied: rules version 2");
        assertThat(apply.lines()).contains("written to " + configFile);
        assertThat(Files.readString(configFile)).contains("key-generator: { column: order_id }");
        assertThat(history.lines()).hasSize(3);
        assertThat(history.lines().get(1)).startsWith("1  ").contains("startup");
        assertThat(history.lines().get(2)).startsWith("2 (current)").contains("apply");
    }

    @Test
    @Order(5)
    void rollbackGoesBackAsANewVersion() {
        Run run = shardctl("rules", "rollback");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.lines().get(0)).isEqualTo("rolled back: rules version 3");
        assertThat(shardctl("rules", "history", "--json").out()).contains("\"current\" : 3")
                .contains("\"source\" : \"rollback\"");
    }

    @Test
    @Order(6)
    void previewShowsTheShardEachStatementGoesTo() {
        Run run = shardctl("preview", "--schema", SCHEMA, "SELECT note FROM t_order WHERE user_id = 3 AND order_id = 4");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.lines()).hasSize(2);
        assertThat(run.lines().get(1)).startsWith("ds_1").contains("t_order_0");
    }

    @Test
    @Order(7)
    void cacheStatsOfAProxyWithoutCacheAndAFlushThatIsRefused() {
        Run stats = shardctl("cache", "stats");
        Run flush = shardctl("cache", "flush");

        assertThat(stats.exitCode()).isZero();
        assertThat(stats.lines()).containsExactly("enabled  no (the configuration has no result-cache: section)");
        assertThat(flush.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(flush.err()).contains("the result cache is off");
    }

    @Test
    @Order(8)
    void validateCheckBackendsFindsTheActualTablesAlike() {
        Run run = Run.of("rules", "validate", "--check-backends", configFile.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.lines()).contains("backends: 4 actual tables of 1 sharded tables exist and have the same columns");
    }

    @Test
    @Order(9)
    void validateCheckBackendsReportsAMissingAndADifferentTableWithExit4() throws Exception {
        int ds1 = sandbox.shardPorts().get(1);
        execute(ds1, "DROP TABLE " + SCHEMA + "_1.t_order_1",
                "ALTER TABLE " + SCHEMA + "_1.t_order_0 MODIFY note VARCHAR(40)");
        try {
            Run run = Run.of("rules", "validate", "--check-backends", configFile.toString());

            assertThat(run.exitCode()).isEqualTo(ExitCodes.VALIDATION_FAILED);
            assertThat(run.err().lines()).contains(
                    "  " + SCHEMA + ".t_order: ds_1.t_order_1 is missing (no table t_order_1 in database " + SCHEMA
                            + "_1 on ds_1's primary 127.0.0.1:" + ds1 + "); create it like the other tables of t_order",
                    "  " + SCHEMA + ".t_order: ds_1.t_order_0 differs from ds_0.t_order_0: column 3 is note"
                            + " varchar(40), in ds_0.t_order_0 note varchar(20)");
        } finally {
            execute(ds1, "CREATE TABLE " + SCHEMA + "_1.t_order_1 (order_id BIGINT PRIMARY KEY, user_id INT,"
                    + " note VARCHAR(20))", "ALTER TABLE " + SCHEMA + "_1.t_order_0 MODIFY note VARCHAR(20)");
        }
    }

    @Test
    @Order(10)
    void sessionsListsAClientAndWhatPinsIt() throws Exception {
        String url = "jdbc:mysql://127.0.0.1:" + proxy.address().getPort()
                + "/?user=app&password=secret&sslMode=DISABLED&allowPublicKeyRetrieval=true";
        try (Connection client = DriverManager.getConnection(url); Statement statement = client.createStatement()) {
            statement.execute("START TRANSACTION");
            statement.executeQuery("SELECT 1").close();

            Run run = shardctl("sessions");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.lines().get(0)).startsWith("ID  USER  CLIENT");
            assertThat(run.lines()).anySatisfy(line -> assertThat(line).contains("  app   127.0.0.1:")
                    .contains("  idle  ").contains("  Query  ").contains("  transaction  "));
        }
    }

    @Test
    @Order(11)
    void reloadAppliesTheFileAndABrokenFileChangesNothingWithExit4() throws Exception {
        String before = Files.readString(configFile);
        try {
            Files.writeString(configFile, before.replace("users:\n", "users:\n  - { name: ops, password: \""
                    + PasswordHash.nativeHashOf("ops-secret").text() + "\" }\n"));
            Run reload = shardctl("reload");

            assertThat(reload.exitCode()).as(reload.err()).isZero();
            assertThat(reload.lines().get(0)).startsWith("reloaded: rules version 3");
            assertThat(reload.lines()).anySatisfy(line -> assertThat(line).startsWith("  ").contains("ops"));

            Files.writeString(configFile, before.replace("tls: { mode: disabled }", "tls: { mode: bogus }"));
            Run broken = shardctl("reload");

            assertThat(broken.exitCode()).isEqualTo(ExitCodes.VALIDATION_FAILED);
            assertThat(broken.err()).contains("not reloaded").contains(configFile + ":1: server.tls.mode 'bogus'");
        } finally {
            Files.writeString(configFile, before);
        }
    }

    @Test
    @Order(12)
    void statusDescribesTheProxy() {
        Run run = shardctl("status");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.lines()).hasSize(6).contains("config file         " + configFile.toAbsolutePath(),
                "rules version       3", "draining            no");
        assertThat(run.lines().get(0)).startsWith("version             ");
        assertThat(shardctl("status", "--json").out()).contains("\"uptime_seconds\" : ")
                .contains("\"client_connections\" : ");
    }

    @Test
    @Order(13)
    void backendsListsEveryServerInConfigurationOrder() {
        Run run = shardctl("backends");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.lines().get(0)).startsWith("NAME").contains("ROLE", "STATUS", "ADMIN", "WEIGHT", "LAG", "IDLE",
                "BORROWED", "WAITING", "PROBLEM");
        assertThat(run.lines()).hasSize(6);
        assertThat(run.lines().get(1)).startsWith("ds_0/primary@127.0.0.1:" + sandbox.shardPorts().get(0) + "  primary");
        assertThat(run.lines().get(3)).startsWith("main/primary@127.0.0.1:" + sandbox.primaryPort());
        assertThat(run.lines().subList(4, 6)).allSatisfy(line -> assertThat(line).contains("  replica  ")
                .contains("  online  1 "));
    }

    @Test
    @Order(14)
    void aReplicaGoesOfflineChangesWeightAndComesBack() {
        String replica = "127.0.0.1:" + sandbox.replicaPorts().get(0);

        Run offline = shardctl("backend", "offline", replica);
        Run weight = shardctl("backend", "weight", replica, "3");
        Run listed = shardctl("backends", "--json");
        Run online = shardctl("backend", "online", replica);

        assertThat(offline.exitCode()).as(offline.err()).isZero();
        assertThat(offline.lines().get(1)).startsWith("main/replica").contains(replica + "  replica")
                .contains("  offline  1 ");
        assertThat(weight.exitCode()).as(weight.err()).isZero();
        assertThat(weight.lines().get(1)).contains("  offline  3 ");
        assertThat(listed.out()).contains("\"admin_state\" : \"offline\"");
        assertThat(online.exitCode()).as(online.err()).isZero();
        assertThat(online.lines().get(1)).contains("  online  3 ");
        assertThat(shardctl("backend", "weight", replica, "1").exitCode()).isZero();
    }

    @Test
    @Order(15)
    void backendMistakesAreRefusedWithTheirExitCodes() {
        String primary = "127.0.0.1:" + sandbox.primaryPort();

        Run weightOfPrimary = shardctl("backend", "weight", primary, "2");
        Run unknown = shardctl("backend", "offline", "127.0.0.1:1");
        Run withoutToken = Run.with(Map.of("SHARDLINE_URL", environment.get("SHARDLINE_URL")), "", "backend",
                "offline", primary);

        assertThat(weightOfPrimary.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(weightOfPrimary.err()).contains("is a primary: weights share reads among replicas");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.OPERATION_FAILED);
        assertThat(unknown.err()).contains("(404)");
        assertThat(withoutToken.exitCode()).isEqualTo(ExitCodes.NOT_AUTHORIZED);
        assertThat(withoutToken.err()).contains("this command needs the proxy's management.token");
        assertThat(shardctl("backends").lines().get(3)).contains("  online  ");
    }
}
