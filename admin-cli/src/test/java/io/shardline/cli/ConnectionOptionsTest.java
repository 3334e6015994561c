package io.shardline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where shardctl finds the proxy and its token, and what it says when it cannot get an answer. */
class ConnectionOptionsTest {
    private static final String STATUS = "{\"version\": \"0.1.0\", \"uptime_seconds\": 5, \"config_file\": \"a.yaml\","
            + " \"rules_version\": 1, \"client_connections\": 0, \"draining\": false}";

    private FakeApi api;

    @BeforeEach
    void start() throws Exception {
        api = new FakeApi().answer("GET", "/api/status", 200, STATUS)
                .answer("POST", "/api/reload", 200, "{\"rules_version\": 1, \"changes\": [], \"needs_restart\": []}");
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void theUrlComesFromTheEnvironmentWhenNotGiven() {
        Run run = Run.with(Map.of("SHARDLINE_URL", api.url()), "", "status");

        assertThat(run.exitCode()).isZero();
        assertThat(api.request().path()).isEqualTo("/api/status");
    }

    @Test
    void urlOptionWinsOverTheEnvironmentAndATrailingSlashIsFine() {
        Run run = Run.with(Map.of("SHARDLINE_URL", "http://127.0.0.1:1"), "", "status", "--url", api.url() + "/");

        assertThat(run.exitCode()).isZero();
        assertThat(api.request().path()).isEqualTo("/api/status");
    }

    @Test
    void readsSendNoTokenWritesSendTheTokenFromTheEnvironment() {
        Map<String, String> environment = Map.of("SHARDLINE_URL", api.url(), "SHARDLINE_TOKEN", "s3cret");

        assertThat(Run.with(environment, "", "status").exitCode()).isZero();
        assertThat(Run.with(environment, "", "reload").exitCode()).isZero();

        assertThat(api.requests()).extracting(FakeApi.Request::authorization).containsExactly(null, "Bearer s3cret");
    }

    @Test
    void aTokenFileWinsOverTheEnvironment(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("token"), "from-file\n");

        Run run = Run.with(Map.of("SHARDLINE_TOKEN", "from-env"), "", "reload", "--url", api.url(),
                "--token-file", file.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(api.request().authorization()).isEqualTo("Bearer from-file");
    }

    @Test
    void tokenAndTokenFileTogetherIsAUsageError(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("token"), "t");

        Run run = Run.of("reload", "--url", api.url(), "--token", "a", "--token-file", file.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--token or --token-file, not both");
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void aMissingTokenFileIsAUsageErrorSayingWhy(@TempDir Path dir) {
        Run run = Run.of("reload", "--url", api.url(), "--token-file", dir.resolve("nope").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("cannot read --token-file").contains("no such file");
    }

    @Test
    void aUrlThatIsNotHttpIsAUsageError() {
        Run run = Run.of("status", "--url", "127.0.0.1:9307");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("not an http:// or https:// URL");
    }

    @Test
    void connectionRefusedSaysWhatToCheckAndExits3() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        Run run = Run.of("status", "--url", "http://127.0.0.1:" + port);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.CANNOT_REACH_PROXY);
        assertThat(run.err()).isEqualTo("shardctl: cannot reach http://127.0.0.1:" + port + " (connection refused):"
                + " is the proxy running? is its management.listen elsewhere? use --url or SHARDLINE_URL"
                + System.lineSeparator());
        assertThat(run.out()).isEmpty();
    }

    @Test
    void noAnswerWithinTheTimeoutExits3() {
        api.hang("GET", "/api/sessions");

        Run run = Run.of("sessions", "--url", api.url(), "--timeout", "300ms");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.CANNOT_REACH_PROXY);
        assertThat(run.err()).contains("no answer from " + api.url() + " to GET /api/sessions within 300ms")
                .contains("--timeout");
    }

    @Test
    void somethingThatIsNotTheAdminApiIsNamedAsSuch() throws Exception {
        try (FakeApi other = new FakeApi().answer("GET", "/api/status", 200, "<html>hello</html>")) {
            Run run = Run.of("status", "--url", other.url());

            assertThat(run.exitCode()).isEqualTo(ExitCodes.OPERATION_FAILED);
            assertThat(run.err()).contains("answered GET /api/status with 200 and no JSON object")
                    .contains("is this a Shardline management port");
        }
    }

    @Test
    void aProxyWithoutTheAdminApiSaysSo() {
        Run run = Run.of("backends", "--url", api.url());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OPERATION_FAILED);
        assertThat(run.err()).contains("no such path: /api/backends")
                .contains("is it older than this shardctl?");
    }
}
