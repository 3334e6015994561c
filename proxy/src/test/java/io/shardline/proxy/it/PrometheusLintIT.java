package io.shardline.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.shardline.proxy.ShardlineServer;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prometheus' own linter, {@code promtool check metrics}, finds no problem in a live /metrics scrape of a proxy with
 * replicas, the result cache and the slow query log, after reads, writes, an error and a cache hit, so every kind
 * of meter exists. promtool must be on PATH: bin/test installs it (from Debian's prometheus package) when missing;
 * without it this test fails rather than pass unchecked.
 */
class PrometheusLintIT {
    @TempDir
    Path dir;

    @Test
    void promtoolFindsNoProblemInALiveScrape() throws Exception {
        Path promtool = promtool();
        ProxyFixture fixture = ProxyFixture.get();
        String table = ProxyFixture.SCHEMA + ".lint_rows";
        try (Connection direct = fixture.connect(fixture.directUrl("")); Statement statement = direct.createStatement()) {
            statement.execute("CREATE OR REPLACE TABLE " + table + " (id INT PRIMARY KEY, v INT)");
        }
        String replicas = "    replicas:\n" + "      - { address: 127.0.0.1:" + fixture.sandbox().replicaPorts().get(0)
                + ", weight: 1 }\n";
        try (ShardlineServer proxy = new ShardlineServer(ProxyFixture.config(fixture.sandbox(),
                "  slow-query-log: { file: " + dir.resolve("slow.log") + ", threshold: 1ms }", "{ max-size: 8 }",
                fixture.sandbox().primaryPort(), replicas, "result-cache: { rules: [ { name: lint, tables: ["
                        + table + "] } ] }")).start()) {
            traffic(proxy);
            String scrape = scrape(proxy);
            assertThat(scrape).contains("shardline_result_cache_requests_total{result=\"hit\",rule=\"lint\"} 1.0")
                    .contains("shardline_slow_queries_total").contains("shardline_statements_errors_total{code=")
                    .contains("shardline_backend_pool_wait_seconds_bucket");

            Path file = dir.resolve("metrics.txt");
            Files.writeString(file, scrape, StandardCharsets.UTF_8);
            Process process = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true)
                    .redirectInput(file.toFile()).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

            assertThat(output).as("promtool check metrics").isEmpty();
            assertThat(process.exitValue()).as("promtool's exit code; it said: %s", output).isZero();
            alertRulesAreValidAndNameMetersTheProxyHas(promtool, scrape);
        }
    }

    /** docs/prometheus/shardline-alerts.yml: promtool accepts it, and every meter it names is in the scrape. */
    private static void alertRulesAreValidAndNameMetersTheProxyHas(Path promtool, String scrape) throws Exception {
        Path rules = SandboxFixture.repoRoot().resolve("docs/prometheus/shardline-alerts.yml");
        Process process = new ProcessBuilder(promtool.toString(), "check", "rules", rules.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("promtool check rules said: %s", output).isZero();

        java.util.regex.Matcher names = java.util.regex.Pattern.compile("shardline_[a-z_]+")
                .matcher(Files.readString(rules));
        int checked = 0;
        while (names.find()) {
            String name = names.group().replaceFirst("_(bucket|count|sum)$", "");
            assertThat(scrape).as(name).containsPattern("(?m)^" + name + "(_bucket|_count)?[{ ]");
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(10);
    }

    private static void traffic(ShardlineServer proxy) throws SQLException {
        try (Connection connection = DriverManager.getConnection(ProxyFixture.mysqlUrl(proxy.address().getPort(),
                ""));
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO lint_rows VALUES (1, 10), (2, 20)");
            statement.executeQuery("SELECT v FROM lint_rows WHERE id = 1").close();
            statement.executeQuery("SELECT v FROM lint_rows WHERE id = 1").close();
            statement.executeQuery("SELECT 1").close();
            assertThat(catchThrowableOfType(SQLException.class, () -> statement.execute("SELEC 1")).getErrorCode())
                    .isEqualTo(1064);
        }
    }

    /** /metrics over HTTP, as Prometheus reads it. */
    private static String scrape(ShardlineServer proxy) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + proxy.managementAddress().getPort() + "/metrics")).timeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static Path promtool() {
        for (String each : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(each.isEmpty() ? "." : each, "promtool");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("promtool is not on PATH: bin/test installs it (as root, from Debian's prometheus"
                + " package); elsewhere install that package or put Prometheus' promtool on PATH");
    }
}
