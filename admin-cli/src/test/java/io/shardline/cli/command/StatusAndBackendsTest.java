package io.shardline.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardline.cli.ExitCodes;
import io.shardline.cli.FakeApi;
import io.shardline.cli.Run;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StatusAndBackendsTest {
    static final String PRIMARY = "{\"name\": \"main/primary@127.0.0.1:3316\", \"datasource\": \"main\","
            + " \"role\": \"primary\", \"address\": \"127.0.0.1:3316\", \"status\": \"UP\", \"admin_state\": \"online\","
            + " \"weight\": null, \"lag_seconds\": null, \"problem\": null,"
            + " \"pool\": {\"idle\": 2, \"borrowed\": 1, \"waiting\": 0}}";
    static final String REPLICA = "{\"name\": \"main/replica@127.0.0.1:3317\", \"datasource\": \"main\","
            + " \"role\": \"replica\", \"address\": \"127.0.0.1:3317\", \"status\": \"LAGGING\","
            + " \"admin_state\": \"online\", \"weight\": 1, \"lag_seconds\": 14.0,"
            + " \"problem\": \"lag 14 s exceeds the allowed 10 s\", \"pool\": {\"idle\": 0, \"borrowed\": 0, \"waiting\": 0}}";
    static final String OFFLINE_REPLICA = REPLICA.replace("\"admin_state\": \"online\"", "\"admin_state\": \"offline\"");

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
    void statusPrintsTheProxyInOneAlignedList() {
        api.answer("GET", "/api/status", 200, "{\"version\": \"0.1.0-SNAPSHOT\", \"uptime_seconds\": 3723,"
                + " \"config_file\": \"/etc/shardline/proxy.yaml\", \"rules_version\": 3, \"client_connections\": 12,"
                + " \"draining\": false}");

        Run run = Run.of("status", "--url", api.url());

        assertThat(run.exitCode()).isZero();
        assertThat(api.request()).isEqualTo(new FakeApi.Request("GET", "/api/status", null, null, null, ""));
        assertThat(run.lines()).containsExactly(
                "version             0.1.0-SNAPSHOT",
                "uptime              1h 2m 3s",
                "config file         /etc/shardline/proxy.yaml",
                "rules version       3",
                "client connections  12",
                "draining            no");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void statusJsonIsTheApisAnswerPretty() {
        api.answer("GET", "/api/status", 200, "{\"version\":\"0.1.0\",\"draining\":true}");

        Run run = Run.of("status", "--json", "--url", api.url());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo(String.join(System.lineSeparator(), "{",
                "  \"version\" : \"0.1.0\",", "  \"draining\" : true", "}", ""));
    }

    @Test
    void backendsIsOneTableInConfigurationOrder() {
        api.answer("GET", "/api/backends", 200, "{\"backends\": [" + PRIMARY + ", " + REPLICA + "]}");

        Run run = Run.of("backends", "--url", api.url());

        assertThat(run.exitCode()).isZero();
        assertThat(run.lines()).containsExactly(
                "NAME                         ROLE     STATUS   ADMIN   WEIGHT  LAG  IDLE  BORROWED  WAITING  PROBLEM",
                "main/primary@127.0.0.1:3316  primary  UP       online  -       -    2     1         0        -",
                "main/replica@127.0.0.1:3317  replica  LAGGING  online  1       14s  0     0         0"
                        + "        lag 14 s exceeds the allowed 10 s");
    }

    @Test
    void offlineSendsTheNameWithTheTokenAndPrintsTheBackendsNewState() {
        api.answer("POST", "/api/backends/offline", 200, "{\"backend\": " + OFFLINE_REPLICA + "}");

        Run run = Run.of("backend", "offline", "main/replica@127.0.0.1:3317", "--url", api.url(), "--token", "t0k");

        assertThat(run.exitCode()).isZero();
        FakeApi.Request request = api.request();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/api/backends/offline");
        assertThat(request.query()).isEqualTo("name=main/replica@127.0.0.1:3317");
        assertThat(request.authorization()).isEqualTo("Bearer t0k");
        assertThat(run.lines()).hasSize(2);
        assertThat(run.lines().get(1)).startsWith("main/replica@127.0.0.1:3317  replica  LAGGING  offline");
    }

    @Test
    void onlineAndWeightUseTheirPaths() {
        api.answer("POST", "/api/backends/online", 200, "{\"backend\": " + REPLICA + "}")
                .answer("POST", "/api/backends/weight", 200, "{\"backend\": " + REPLICA + "}");

        assertThat(Run.of("backend", "online", "127.0.0.1:3317", "--url", api.url(), "--token", "t").exitCode())
                .isZero();
        assertThat(Run.of("backend", "weight", "127.0.0.1:3317", "5", "--url", api.url(), "--token", "t").exitCode())
                .isZero();

        assertThat(api.requests()).extracting(FakeApi.Request::path, FakeApi.Request::query).containsExactly(
                org.assertj.core.groups.Tuple.tuple("/api/backends/online", "name=127.0.0.1:3317"),
                org.assertj.core.groups.Tuple.tuple("/api/backends/weight", "name=127.0.0.1:3317&weight=5"));
    }

    @Test
    void anUnknownBackendIsTheProxysMessageAndExit1() {
        api.answer("POST", "/api/backends/offline", 404,
                "{\"error\": \"no backend named x:1; backends: main/primary@127.0.0.1:3316\"}");

        Run run = Run.of("backend", "offline", "x:1", "--url", api.url(), "--token", "t");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OPERATION_FAILED);
        assertThat(run.err()).isEqualTo("shardctl: no backend named x:1; backends: main/primary@127.0.0.1:3316 (404)"
                + System.lineSeparator());
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aBadWeightIsTheProxysMessageAndAUsageError() {
        api.answer("POST", "/api/backends/weight", 400, "{\"error\": \"weight 2000 is outside 0..1000\"}");

        Run run = Run.of("backend", "weight", "127.0.0.1:3317", "2000", "--url", api.url(), "--token", "t");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("weight 2000 is outside 0..1000 (400 from POST /api/backends/weight)");
    }

    @Test
    void withoutATokenA401SaysWhereTheTokenGoesAndExits5() {
        api.answer("POST", "/api/backends/offline", 401, "{\"error\": \"missing or wrong token\"}");

        Run run = Run.of("backend", "offline", "127.0.0.1:3317", "--url", api.url());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.NOT_AUTHORIZED);
        assertThat(api.request().authorization()).isNull();
        assertThat(run.err()).contains("this command needs the proxy's management.token (401: missing or wrong token)")
                .contains("--token-file, --token or SHARDLINE_TOKEN");
    }

    @Test
    void aWrongTokenIsRefusedWithExit5() {
        api.answer("POST", "/api/backends/online", 401, "{\"error\": \"missing or wrong token\"}");

        Run run = Run.of("backend", "online", "127.0.0.1:3317", "--url", api.url(), "--token", "wrong");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.NOT_AUTHORIZED);
        assertThat(run.err()).contains("the proxy refused the token (401: missing or wrong token)");
    }

    @Test
    void writesDisabledIs403AndExit5() {
        api.answer("POST", "/api/backends/offline", 403,
                "{\"error\": \"writes are disabled: set management.token in the configuration\"}");

        Run run = Run.of("backend", "offline", "127.0.0.1:3317", "--url", api.url(), "--token", "t", "--json");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.NOT_AUTHORIZED);
        assertThat(run.err()).contains("writes are disabled: set management.token in the configuration (403)");
        assertThat(run.out()).as("--json: the error answer for scripts").contains("\"error\" : \"writes are disabled");
    }

    @Test
    void aMissingNameIsAUsageErrorWithoutARequest() {
        Run run = Run.of("backend", "offline", "--url", api.url());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("Missing required parameter: 'NAME'");
        assertThat(api.requests()).isEmpty();
    }
}
