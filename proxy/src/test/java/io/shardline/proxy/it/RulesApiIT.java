package io.shardline.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardline.proxy.ShardlineServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The admin API's rules paths on a sharded proxy over the sandbox's shard servers: a new sharded table applied
 * live under a steady load (no client error, rows land on the shards the new rule names, the file keeps it),
 * changes that would move rows refused (409) until forced, invalid rules (422), the token (401), diff, history,
 * rollback, preview and the result cache's figures and flush.
 * The tests share one proxy whose rules they change, so they run in the order of a DBA's day.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RulesApiIT {
    private static final String SCHEMA = "rules_api";
    private static final String TOKEN = AdminHttp.TOKEN;
    private static final String AUDIT_RULE = String.join("\n",
            "        t_audit:",
            "          data-nodes: ds_${0..1}.t_audit_${0..1}",
            "          database-strategy: { columns: user_id, algorithm: mod, count: 2 }",
            "          table-strategy: { columns: id, algorithm: mod, count: 2 }");

    private static SandboxFixture sandbox;
    private static Path configFile;
    private static String config;
    private static ShardlineServer proxy;

    @BeforeAll
    static void start() throws Exception {
        sandbox = SandboxFixture.get();
        // The layout's proxy is only used to make the databases; ours adds a token and a result cache.
        ShardedLayout.start(sandbox, SCHEMA, SCHEMA + "_ref", "t_order_item", "t_dict", "").close();
        config = ShardedLayout.yaml(sandbox, SCHEMA, "t_order_item", "t_dict", "", ShardedLayout.Tuning.NONE)
                .replace("management: { listen: 127.0.0.1:0 }", AdminHttp.MANAGEMENT
                        + "\nresult-cache:\n  rules:\n    - { name: dict, tables: [" + SCHEMA + ".t_dict] }");
        configFile = Files.createTempFile("rules-api-it", ".yaml");
        Files.writeString(configFile, config, StandardCharsets.UTF_8);
        proxy = new ShardlineServer(io.shardline.proxy.config.ConfigLoader.load(configFile)).start();
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE t_order (order_id BIGINT PRIMARY KEY, user_id INT, note VARCHAR(40))");
            statement.execute("CREATE TABLE t_dict (k INT PRIMARY KEY, v VARCHAR(20))");
            statement.execute("INSERT INTO t_dict VALUES (1, 'one'), (2, 'two')");
        }
        for (int i = 0; i < 2; i++) {
            String database = i == 0 ? SCHEMA : SCHEMA + "_1";
            for (int t = 0; t < 2; t++) {
                ShardedLayout.execute(sandbox, sandbox.shardPorts().get(i), "CREATE TABLE " + database + ".t_audit_"
                        + t + " (id BIGINT PRIMARY KEY, user_id INT, what VARCHAR(40))");
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        Files.deleteIfExists(configFile);
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + proxy.address().getPort() + "/" + SCHEMA
                + "?user=" + ProxyFixture.USER + "&password=" + ProxyFixture.PASSWORD
                + "&sslMode=DISABLED&allowPublicKeyRetrieval=true");
    }

    private static HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        return new AdminHttp(proxy.managementAddress().getPort()).send(method, path, token, body);
    }

    /** The configuration with one more sharded table, as a DBA would edit the file. */
    private static String withAudit() {
        return config.replace("        t_order_item:", AUDIT_RULE + "\n        t_order_item:");
    }

    private static long count(int shard, String table) throws SQLException {
        String database = shard == 0 ? SCHEMA : SCHEMA + "_1";
        try (Connection connection = sandbox.rootConnection(sandbox.shardPorts().get(shard));
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + database + "." + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Test
    @Order(4)
    void aNewTableIsAppliedUnderLoadWithoutAClientError() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong statements = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread load = new Thread(() -> {
            try (Connection connection = connect(); Statement statement = connection.createStatement()) {
                for (long id = 1_000; running.get(); id++) {
                    statement.executeUpdate("INSERT INTO t_order VALUES (" + id + ", " + (id % 7) + ", 'load')");
                    try (ResultSet rows = statement.executeQuery("SELECT note FROM t_order WHERE user_id = "
                            + (id % 7) + " AND order_id = " + id)) {
                        assertThat(rows.next()).isTrue();
                    }
                    statements.addAndGet(2);
                }
            } catch (Throwable ex) {
                failure.set(ex);
            }
        }, "rules-api-load");
        load.start();
        try {
            awaitStatements(statements, 50);
            int before = versionNow();
            HttpResponse<String> diff = call("POST", "/api/rules/diff", null, withAudit());
            HttpResponse<String> applied = call("POST", "/api/rules/apply", TOKEN, withAudit());
            long atApply = statements.get();
            awaitStatements(statements, atApply + 50);

            assertThat(diff.statusCode()).isEqualTo(200);
            assertThat(diff.body()).contains("\"kind\":\"add\"", "table " + SCHEMA + ".t_audit", "\"moves_rows\":false");
            assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
            assertThat(applied.body()).contains("\"version\":" + (before + 1), "t_audit", "\"written_to\":");
        } finally {
            running.set(false);
            load.join(30_000);
        }
        assertThat(failure.get()).as("client errors during the change").isNull();
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO t_audit VALUES (1, 0, 'a'), (2, 1, 'b'), (3, 1, 'c')");
        }
        assertThat(count(0, "t_audit_1")).as("id 1, user 0").isEqualTo(1);
        assertThat(count(1, "t_audit_0")).as("id 2, user 1").isEqualTo(1);
        assertThat(count(1, "t_audit_1")).as("id 3, user 1").isEqualTo(1);
        assertThat(Files.readString(configFile)).as("written back").contains("t_audit:")
                .contains("result-cache:", "token: " + TOKEN);
        assertThat(call("GET", "/api/rules", null, null).body()).contains("t_audit");
        assertThat(call("GET", "/api/rules/history", null, null).body()).contains("\"current\":" + versionNow(),
                "\"source\":\"startup\"", "\"source\":\"apply\"");
    }

    private static void awaitStatements(AtomicLong statements, long atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (statements.get() < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(statements.get()).as("the load makes progress").isGreaterThanOrEqualTo(atLeast);
    }

    @Test
    @Order(1)
    void changesThatMoveRowsAreRefusedAndBadOnesExplained() throws Exception {
        String moved = config.replaceFirst(java.util.regex.Pattern.quote("algorithm: mod, count: 2 }\n"),
                "algorithm: hash-mod, count: 2 }\n");
        assertThat(moved).isNotEqualTo(config);
        int version = versionNow();

        HttpResponse<String> refused = call("POST", "/api/rules/apply", TOKEN, moved);
        HttpResponse<String> invalid = call("POST", "/api/rules/apply", TOKEN,
                config.replace("default-datasource: ds_0", "default-datasource: ds_7"));
        HttpResponse<String> validation = call("POST", "/api/rules/validate", null,
                config.replace("algorithm: mod, count: 2", "algorithm: modulo, count: 2"));
        HttpResponse<String> noToken = call("POST", "/api/rules/apply", null, withAudit());
        HttpResponse<String> wrongToken = call("POST", "/api/rules/apply", TOKEN + "x", withAudit());

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("would move stored rows", "hash-mod(user_id, 2)", "\"moves_rows\":true");
        assertThat(invalid.statusCode()).isEqualTo(422);
        assertThat(invalid.body()).contains("\"problems\":[\"request body:", "ds_7");
        assertThat(validation.statusCode()).isEqualTo(422);
        assertThat(validation.body()).contains("\"valid\":false", "modulo");
        assertThat(call("POST", "/api/rules/validate", null, config).body()).contains("\"valid\":true");
        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(noToken.headers().firstValue("WWW-Authenticate")).isPresent();
        assertThat(wrongToken.statusCode()).isEqualTo(401);
        assertThat(versionNow()).as("none of these changed the rules").isEqualTo(version);
    }

    private static int versionNow() throws Exception {
        String body = call("GET", "/api/rules", null, null).body();
        int at = body.indexOf("\"version\":") + "\"version\":".length();
        return Integer.parseInt(body.substring(at, body.indexOf(',', at)));
    }

    @Test
    @Order(2)
    void previewShowsTheRouteWithoutRunningIt() throws Exception {
        HttpResponse<String> preview = call("POST", "/api/preview?schema=" + SCHEMA, null,
                "SELECT note FROM t_order WHERE user_id = 3 AND order_id = 5");
        HttpResponse<String> refused = call("POST", "/api/preview?schema=" + SCHEMA, null,
                "UPDATE t_order SET user_id = 4 WHERE order_id = 5");

        assertThat(preview.statusCode()).isEqualTo(200);
        assertThat(preview.body()).contains("\"data_source\":\"ds_1\"", "\"server\":\"replica (read)\"",
                "t_order_1");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(refused.body()).contains("\"code\":");
    }

    @Test
    @Order(3)
    void cacheFiguresMoveAndAFlushEmptiesIt() throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (int i = 0; i < 3; i++) {
                try (ResultSet rows = statement.executeQuery("SELECT v FROM t_dict WHERE k = 1")) {
                    assertThat(rows.next()).isTrue();
                }
            }
        }
        String stats = call("GET", "/api/cache", null, null).body();
        HttpResponse<String> flushNoToken = call("POST", "/api/cache/flush", null, null);
        HttpResponse<String> flushed = call("POST", "/api/cache/flush", TOKEN, null);
        HttpResponse<String> flushedTable = call("POST", "/api/cache/flush?table=" + SCHEMA + ".t_dict", TOKEN, null);

        assertThat(stats).contains("\"enabled\":true").doesNotContain("\"hits\":0,");
        assertThat(flushNoToken.statusCode()).isEqualTo(401);
        assertThat(flushed.body()).isEqualTo("{\"flushed\":\"all\"}");
        assertThat(flushedTable.body()).isEqualTo("{\"flushed\":\"" + SCHEMA + ".t_dict\"}");
        assertThat(call("GET", "/api/cache", null, null).body()).contains("\"entries\":0");
    }

    @Test
    @Order(5)
    void rollbackOfAnAddedTableNeedsForce() throws Exception {
        // Runs after the audit table was applied (the order below): the body keeps it and adds t_rlog.
        String withLog = withAudit().replace("        t_order_item:", AUDIT_RULE.replace("t_audit", "t_rlog")
                + "\n        t_order_item:");
        for (int i = 0; i < 2; i++) {
            String database = i == 0 ? SCHEMA : SCHEMA + "_1";
            for (int t = 0; t < 2; t++) {
                ShardedLayout.execute(sandbox, sandbox.shardPorts().get(i), "CREATE TABLE IF NOT EXISTS " + database
                        + ".t_rlog_" + t + " (id BIGINT PRIMARY KEY, user_id INT)");
            }
        }
        String applied = call("POST", "/api/rules/apply", TOKEN, withLog).body();
        int version = versionNow();
        assertThat(applied).contains("t_rlog");

        HttpResponse<String> refused = call("POST", "/api/rules/rollback", TOKEN, null);
        HttpResponse<String> forced = call("POST", "/api/rules/rollback?force=true", TOKEN, null);
        HttpResponse<String> unknown = call("POST", "/api/rules/rollback?version=999", TOKEN, null);

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("table " + SCHEMA + ".t_rlog", "no longer sharded");
        assertThat(forced.statusCode()).as(forced.body()).isEqualTo(200);
        assertThat(forced.body()).contains("\"version\":" + (version + 1));
        assertThat(call("GET", "/api/rules", null, null).body()).doesNotContain("t_rlog");
        assertThat(Files.readString(configFile)).doesNotContain("t_rlog");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(List.of(call("GET", "/api/rules/history", null, null).body()))
                .allMatch(body -> body.contains("\"source\":\"rollback\""));
    }
}
