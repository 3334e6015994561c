package io.shardline.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardline.cli.ExitCodes;
import io.shardline.cli.FakeApi;
import io.shardline.cli.Run;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** preview, cache, sessions and reload against a scripted API. */
class OtherCommandsTest {
    private FakeApi api;

    @BeforeEach
    void start() throws Exception {
        api = new FakeApi();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void previewSendsTheStatementAndSchemaAndPrintsWhereItRuns() {
        api.answer("POST", "/api/preview", 200, "{\"schema\": \"shop\", \"statements\": ["
                + "{\"data_source\": \"ds_0\", \"server\": \"ds_0/primary@127.0.0.1:3326\","
                + " \"sql\": \"SELECT * FROM t_order_0 WHERE user_id = 2\"},"
                + "{\"data_source\": \"ds_1\", \"server\": \"ds_1/primary@127.0.0.1:3327\","
                + " \"sql\": \"SELECT * FROM t_order_1 WHERE user_id = 2\"}]}");

        Run run = Run.of("preview", "--schema", "shop", "SELECT * FROM t_order WHERE user_id = 2", "--url", api.url());

        assertThat(run.exitCode()).isZero();
        assertThat(api.request().query()).isEqualTo("schema=shop");
        assertThat(api.request().body()).isEqualTo("SELECT * FROM t_order WHERE user_id = 2");
        assertThat(api.request().authorization()).isNull();
        assertThat(run.lines()).containsExactly(
                "DATA SOURCE  SERVER                       SQL",
                "ds_0         ds_0/primary@127.0.0.1:3326  SELECT * FROM t_order_0 WHERE user_id = 2",
                "ds_1         ds_1/primary@127.0.0.1:3327  SELECT * FROM t_order_1 WHERE user_id = 2");
    }

    @Test
    void aStatementTheRulesRefuseExits4WithTheReason() {
        api.answer("POST", "/api/preview", 422, "{\"error\": \"UPDATE without WHERE on sharded table t_order is"
                + " refused (sharding.allow-full-table-writes)\"}");

        Run run = Run.of("preview", "UPDATE t_order SET x = 1", "--url", api.url());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.VALIDATION_FAILED);
        assertThat(api.request().query()).as("no --schema: no parameter").isNull();
        assertThat(run.err()).contains("UPDATE without WHERE on sharded table t_order is refused");
    }

    @Test
    void cacheStatsSpellsOutBytesAndRatio() {
        api.answer("GET", "/api/cache", 200, "{\"enabled\": true, \"entries\": 120, \"bytes\": 1572864,"
                + " \"max_bytes\": 67108864, \"hits\": 900, \"misses\": 100, \"coalesced\": 7, \"hit_ratio\": 0.9,"
                + " \"evictions\": 3}");

        Run run = Run.of("cache", "stats", "--url", api.url());

        assertThat(run.lines()).containsExactly("enabled    yes", "entries    120", "bytes      1.5 MiB of 64 MiB",
                "hits       900", "misses     100", "coalesced  7", "hit ratio  90.0%", "evictions  3");
    }

    @Test
    void cacheStatsOfAProxyWithoutCacheSaysItIsOff() {
        api.answer("GET", "/api/cache", 200, "{\"enabled\": false}");

        Run run = Run.of("cache", "stats", "--url", api.url());

        assertThat(run.lines()).containsExactly("enabled  no (the configuration has no result-cache: section)");
    }

    @Test
    void flushWithTheCacheOffIsRefused() {
        api.answer("POST", "/api/cache/flush", 409, "{\"error\": \"the result cache is off (no result-cache:"
                + " section in the configuration); nothing to flush\"}");

        Run run = Run.of("cache", "flush", "--url", api.url(), "--token", "t");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(run.err()).contains("refused (409): the result cache is off");
    }

    @Test
    void cacheFlushOfATableSendsItWithTheToken() {
        api.answer("POST", "/api/cache/flush", 200, "{\"flushed\": \"shop.t_order\"}");

        Run run = Run.of("cache", "flush", "shop.t_order", "--url", api.url(), "--token", "t");

        assertThat(run.exitCode()).isZero();
        assertThat(api.request().query()).isEqualTo("table=shop.t_order");
        assertThat(api.request().authorization()).isEqualTo("Bearer t");
        assertThat(run.lines()).containsExactly("flushed: shop.t_order");
    }

    @Test
    void cacheFlushOfEverything() {
        api.answer("POST", "/api/cache/flush", 200, "{\"flushed\": \"all\"}");

        Run run = Run.of("cache", "flush", "--url", api.url(), "--token", "t");

        assertThat(api.request().query()).isNull();
        assertThat(run.lines()).containsExactly("flushed: all");
    }

    @Test
    void sessionsIsATableWithLongStatementsShortened() {
        String statement = "SELECT * FROM t_order WHERE user_id = ? AND order_id IN (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        api.answer("GET", "/api/sessions", 200, "{\"sessions\": [{\"id\": 12, \"user\": \"app\","
                + " \"client\": \"127.0.0.1:53422\", \"schema\": \"shop\", \"tls\": false, \"state\": \"running\","
                + " \"seconds\": 0.4, \"command\": \"Query\", \"statement\": \"" + statement + "\","
                + " \"pinned\": [\"transaction\"],"
                + " \"connected_at\": \"2026-11-26T15:00:00Z\"}]}");

        Run run = Run.of("sessions", "--url", api.url());

        assertThat(run.lines()).hasSize(2);
        assertThat(run.lines().get(0)).isEqualTo("ID  USER  CLIENT           SCHEMA  TLS  STATE    FOR   COMMAND"
                + "  PINNED       CONNECTED AT          STATEMENT");
        assertThat(run.lines().get(1)).startsWith("12  app   127.0.0.1:53422  shop    no   running  0.4s  Query"
                + "    transaction  2026-11-26T15:00:00Z  SELECT * FROM t_order WHERE").endsWith("AND order_id IN (?,…");
    }

    @Test
    void reloadPrintsTheChangesAndWhatNeedsARestart() {
        api.answer("POST", "/api/reload", 200, "{\"rules_version\": 4, \"changes\": [\"rules: remove broadcast"
                + " table shop.t_dict\", \"user ops added\"], \"needs_restart\": [\"server: changed in the file;"
                + " restart the proxy to apply it\"]}");

        Run run = Run.of("reload", "--url", api.url(), "--token", "t");

        assertThat(run.exitCode()).isZero();
        assertThat(api.request().authorization()).isEqualTo("Bearer t");
        assertThat(run.lines()).containsExactly("reloaded: rules version 4", "  rules: remove broadcast table shop.t_dict",
                "  user ops added", "not applied until the proxy restarts:",
                "  server: changed in the file; restart the proxy to apply it");
    }

    @Test
    void aReloadOfAnInvalidFileExits4WithTheProblems() {
        api.answer("POST", "/api/reload", 422, "{\"error\": \"/etc/proxy.yaml is not valid; nothing changed\","
                + " \"problems\": [\"/etc/proxy.yaml:3: unknown key 'lisen'\"]}");

        Run run = Run.of("reload", "--url", api.url(), "--token", "t");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.VALIDATION_FAILED);
        assertThat(run.err().lines()).containsExactly("shardctl: /etc/proxy.yaml is not valid; nothing changed",
                "  /etc/proxy.yaml:3: unknown key 'lisen'");
    }

    @Test
    void aServerErrorExits1NamingTheRequest() {
        api.answer("GET", "/api/sessions", 500, "{\"error\": \"internal error: NullPointerException\"}");

        Run run = Run.of("sessions", "--url", api.url());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OPERATION_FAILED);
        assertThat(run.err()).contains("internal error: NullPointerException (500 from GET /api/sessions)");
    }
}
