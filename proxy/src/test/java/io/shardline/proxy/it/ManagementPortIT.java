package io.shardline.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardline.proxy.ShardlineServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The management port over real HTTP: /metrics is the Prometheus scrape and moves with traffic, /health answers,
 * /ready follows the primaries' health, unknown paths and methods are refused, and the port can be turned off.
 */
class ManagementPortIT {

    private static HttpResponse<String> send(InetSocketAddress at, String method, String path) throws Exception {
        return new AdminHttp(at.getPort()).send(method, path, null);
    }

    private static HttpResponse<String> get(InetSocketAddress at, String path) throws Exception {
        return send(at, "GET", path);
    }

    /** The sum of every sample of {@code name} (all label sets) in a scrape. */
    private static double sum(String scrape, String name) {
        double result = 0;
        for (String line : scrape.split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                result += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return result;
    }

    /** The sum of the samples whose line starts with {@code prefix} (a name and the first labels). */
    private static double sumOf(String scrape, String prefix) {
        double result = 0;
        for (String line : scrape.split("\n")) {
            if (line.startsWith(prefix)) {
                result += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return result;
    }

    @Test
    void metricsAreThePrometheusScrapeAndMoveWithTraffic() throws Exception {
        ProxyFixture proxy = ProxyFixture.get();
        InetSocketAddress at = proxy.server().managementAddress();
        assertThat(at).as("the fixture's management port (ephemeral)").isNotNull();
        assertThat(at.getAddress().isLoopbackAddress()).isTrue();

        HttpResponse<String> before = get(at, "/metrics");
        assertThat(before.statusCode()).isEqualTo(200);
        assertThat(before.headers().firstValue("content-type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(before.body()).contains("# TYPE shardline_backend_up gauge")
                .containsPattern("shardline_backend_up\\{[^}]*role=\"primary\"[^}]*} 1\\.0")
                .contains("# TYPE shardline_client_connections gauge")
                .contains("# TYPE shardline_client_connections_accepted_total counter");

        try (Connection connection = proxy.connect(proxy.mysqlUrl("")); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT 1")) {
            assertThat(rs.next()).isTrue();
            statement.execute("BEGIN");
            statement.executeQuery("SELECT 2").close();
            String during = get(at, "/metrics").body();
            assertThat(sum(during, "shardline_client_connections")).as("this connection is open").isGreaterThanOrEqualTo(1);
            assertThat(sumOf(during, "shardline_client_sessions_pinned{reason=\"transaction\""))
                    .as("this session holds its connection for its transaction").isGreaterThanOrEqualTo(1);
            assertThat(sumOf(during, "shardline_backend_pool_connections{datasource=\"main\",server=\"main/primary"))
                    .as("pooled connections of the primary").isGreaterThanOrEqualTo(1);
            assertThat(during).contains("# TYPE shardline_backend_pool_waiting gauge");
            statement.execute("COMMIT");
            assertThat(catchThrowableOfType(java.sql.SQLException.class,
                    () -> statement.execute("SELEC 1")).getErrorCode()).isEqualTo(1064);
        }
        String after = get(at, "/metrics").body();

        assertThat(sum(after, "shardline_client_connections_accepted_total"))
                .isGreaterThan(sum(before.body(), "shardline_client_connections_accepted_total"));
        assertThat(sum(after, "shardline_backend_statements_total"))
                .isGreaterThan(sum(before.body(), "shardline_backend_statements_total"));
        assertThat(sumOf(after, "shardline_statements_seconds_count{kind=\"select\",outcome=\"ok\""))
                .isGreaterThan(sumOf(before.body(), "shardline_statements_seconds_count{kind=\"select\",outcome=\"ok\""));
        assertThat(after).containsPattern("shardline_statements_seconds_bucket\\{kind=\"select\",outcome=\"ok\",route=\"primary\","
                + "le=\"0\\.001\"}");
        assertThat(sumOf(after, "shardline_statements_errors_total{code=\"1064\""))
                .isGreaterThan(sumOf(before.body(), "shardline_statements_errors_total{code=\"1064\""));
    }

    /**
     * The Grafana dashboard in docs/ charts meters that exist: each one it names is in a scrape of a proxy that
     * served traffic, except those that only exist in other setups (named here with why).
     */
    @Test
    void theDashboardNamesOnlyMetersTheProxyHas() throws Exception {
        java.util.Set<String> elsewhere = java.util.Set.of(
                "shardline_replica_lag_seconds", // only for data sources with replicas
                "shardline_replica_reads_on_primary_total", // created at the first replica read sent to a primary
                "shardline_result_cache_bytes", "shardline_result_cache_requests_total", // only with a result cache
                "shardline_result_cache_evictions_total", "shardline_result_cache_invalidations_total",
                "shardline_slow_queries_total", "shardline_slow_queries_dropped_total"); // with a slow query log
        java.nio.file.Path dashboard = java.nio.file.Path.of("").toAbsolutePath();
        while (!java.nio.file.Files.exists(dashboard.resolve("docs/grafana/shardline-dashboard.json"))) {
            dashboard = dashboard.getParent();
            assertThat(dashboard).as("docs/grafana/shardline-dashboard.json above the working directory").isNotNull();
        }
        String json = java.nio.file.Files.readString(dashboard.resolve("docs/grafana/shardline-dashboard.json"));
        ProxyFixture proxy = ProxyFixture.get();
        try (Connection connection = proxy.connect(proxy.mysqlUrl("")); Statement statement = connection.createStatement()) {
            statement.executeQuery("SELECT 1").close();
            assertThat((Object) catchThrowableOfType(java.sql.SQLException.class, () -> statement.execute("SELEC 2")))
                    .as("an error, so the errors counter exists").isNotNull();
        }
        String scrape = get(proxy.server().managementAddress(), "/metrics").body();
        java.util.regex.Matcher names = java.util.regex.Pattern.compile("shardline_[a-z_]+").matcher(json);
        int checked = 0;
        while (names.find()) {
            String name = names.group();
            if (!elsewhere.contains(name)) {
                assertThat(scrape).as(name).containsPattern("(?m)^" + name + "[{ ]");
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(8);
    }

    @Test
    void healthAndReadyWithTheSandboxUp() throws Exception {
        InetSocketAddress at = ProxyFixture.get().server().managementAddress();

        HttpResponse<String> health = get(at, "/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.headers().firstValue("content-type")).hasValue("application/json; charset=utf-8");
        assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");

        HttpResponse<String> ready = get(at, "/ready");
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        assertThat(ready.body()).startsWith("{\"status\":\"READY\",\"listening\":true,")
                .contains("\"datasource\":\"main\"").contains("\"status\":\"UP\"").doesNotContain("reasons");
    }

    @Test
    void unknownPathsAndOtherMethodsAreRefused() throws Exception {
        InetSocketAddress at = ProxyFixture.get().server().managementAddress();

        HttpResponse<String> unknown = get(at, "/api/nothing-here");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("no such path: /api/nothing-here").contains("/metrics, /health, /ready");

        HttpResponse<String> post = send(at, "POST", "/metrics");
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("allow")).hasValue("GET");

        assertThat(get(at, "/health?verbose=1").statusCode()).as("a query string does not change the path")
                .isEqualTo(200);
    }

    @Test
    void notReadyWhilePrimaryIsDownNamingIt() throws Exception {
        int dead;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            dead = probe.getLocalPort();
        }
        try (ShardlineServer proxy = ProxyFixture.startDedicated("", "{ max-size: 4 }", dead)) {
            InetSocketAddress at = proxy.managementAddress();
            // Not ready at once (never seen UP); DOWN once health.failures-before-down checks in a row have failed.
            HttpResponse<String> ready = get(at, "/ready");
            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(503);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!ready.body().contains("is DOWN") && System.nanoTime() < deadline) {
                Thread.sleep(50);
                ready = get(at, "/ready");
            }

            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(503);
            assertThat(ready.body()).startsWith("{\"status\":\"NOT_READY\"")
                    .contains("\"server\":\"main/primary@127.0.0.1:" + dead + "\",\"status\":\"DOWN\",\"problem\":")
                    .contains("\"reasons\":[\"data source 'main': primary main/primary@127.0.0.1:" + dead + " is DOWN (");
            assertThat(get(at, "/health").statusCode()).as("alive, though not ready").isEqualTo(200);
        }
    }

    @Test
    void aTakenPortStopsTheStartNamingTheSetting() throws Exception {
        SandboxFixture sandbox = SandboxFixture.get();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ShardlineServer proxy = new ShardlineServer(ProxyFixture.config(sandbox, "", "{ max-size: 4 }",
                    sandbox.primaryPort(), "", "management: { listen: 127.0.0.1:" + taken.getLocalPort() + " }"));
            assertThatThrownBy(proxy::start).hasMessageContaining("cannot listen on management.listen 127.0.0.1:"
                    + taken.getLocalPort()).hasMessageContaining("set management.listen to a free port, or 'off'");
        }
    }

    @Test
    void aTakenMySqlPortStopsTheStartNamingTheSetting() throws Exception {
        SandboxFixture sandbox = SandboxFixture.get();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String yaml = ProxyFixture.yaml(sandbox, "", "{ max-size: 4 }", sandbox.primaryPort(), "", "")
                    .replaceFirst("listen: 127\\.0\\.0\\.1:0", "listen: 127.0.0.1:" + taken.getLocalPort());
            ShardlineServer proxy = new ShardlineServer(ProxyFixture.load(yaml));
            assertThatThrownBy(proxy::start).hasMessageContaining("cannot listen on server.listen 127.0.0.1:"
                    + taken.getLocalPort());
        }
    }

    @Test
    void offBindsNothing() throws Exception {
        SandboxFixture sandbox = SandboxFixture.get();
        try (ShardlineServer proxy = new ShardlineServer(ProxyFixture.config(sandbox, "", "{ max-size: 4 }",
                sandbox.primaryPort(), "", "management: { listen: off }")).start()) {
            assertThat(proxy.managementAddress()).isNull();
        }
    }
}
