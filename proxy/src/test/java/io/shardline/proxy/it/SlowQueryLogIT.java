package io.shardline.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shardline.proxy.ShardlineServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The slow query log of a proxy with a 100 ms threshold: slow statements (text, prepared, a write, an error) are
 * written as JSON lines with their fields right and none of their literal values; fast ones are not written.
 */
class SlowQueryLogIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    private static Path file;
    private static ShardlineServer proxy;

    @BeforeAll
    static void start() throws Exception {
        ProxyFixture fixture = ProxyFixture.get();
        try (Connection direct = fixture.connect(fixture.directUrl("")); Statement statement = direct.createStatement()) {
            statement.execute("CREATE OR REPLACE TABLE " + ProxyFixture.SCHEMA + ".slow_rows (v INT)");
        }
        file = dir.resolve("logs/slow.log");
        proxy = ProxyFixture.startDedicated("  slow-query-log: { file: " + file + ", threshold: 100ms }",
                "{ max-size: 4 }", fixture.sandbox().primaryPort());
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.close();
        }
    }

    private static Connection connect(String options) throws SQLException {
        return DriverManager.getConnection(ProxyFixture.mysqlUrl(proxy.address().getPort(), options));
    }

    private static List<String> lines() throws Exception {
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    /**
     * The log's lines after its first {@code skip}, once there are {@code count} of them (polled: a thread of the
     * proxy writes them). The tests share the file.
     */
    private static List<JsonNode> awaitLines(int skip, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<String> lines = lines();
        while (lines.size() < skip + count) {
            assertThat(System.nanoTime()).as("%s more lines in the slow query log; have %s", count, lines)
                    .isLessThan(deadline);
            Thread.sleep(10);
            lines = lines();
        }
        List<JsonNode> result = new ArrayList<>();
        for (String each : lines.subList(skip, lines.size())) {
            result.add(JSON.readTree(each));
        }
        return result;
    }

    private static JsonNode only(List<JsonNode> lines, String digest) {
        List<JsonNode> matching = lines.stream().filter(each -> digest.equals(each.get("digest").asText())).toList();
        assertThat(matching).as("lines with digest %s in %s", digest, lines).hasSize(1);
        return matching.get(0);
    }

    @Test
    void slowStatementsAreLoggedWithTheirFieldsAndNoValues() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        int skip = lines().size();
        try (Connection connection = connect(""); Statement statement = connection.createStatement()) {
            statement.executeQuery("SELECT 'fast-and-secret', 42").close();
            statement.executeQuery("SELECT SLEEP(0.3), 'hunter2' AS password").close();
            statement.executeUpdate("INSERT INTO slow_rows VALUES (SLEEP(0.15) + 987654)");
            assertThat(catchThrowableOfType(SQLException.class, () -> statement.executeQuery(
                    "SELECT IF(SLEEP(0.15) = 0, (SELECT 1 UNION SELECT 2), 'hidden')")).getErrorCode())
                    .isEqualTo(1242);
        }
        List<JsonNode> lines = awaitLines(skip, 3);
        String text = String.join("\n", lines());

        JsonNode sleep = only(lines, "SELECT SLEEP ( ? ) , ? AS password");
        assertThat(sleep.get("duration_ms").asDouble()).isBetween(300.0, 10_000.0);
        assertThat(Instant.parse(sleep.get("time").asText())).isBetween(before, Instant.now());
        assertThat(sleep.get("time").asText()).endsWith("Z");
        assertThat(sleep.get("kind").asText()).isEqualTo("select");
        assertThat(sleep.get("route").asText()).isEqualTo("primary");
        assertThat(sleep.get("user").asText()).isEqualTo(ProxyFixture.USER);
        assertThat(sleep.get("schema").asText()).isEqualTo(ProxyFixture.SCHEMA);
        assertThat(sleep.get("client").asText()).isEqualTo("127.0.0.1");
        assertThat(sleep.get("rows").asLong()).isEqualTo(1);
        assertThat(sleep.get("error").isNull()).isTrue();

        JsonNode insert = only(lines, "INSERT INTO slow_rows VALUES ( SLEEP ( ? ) + ? )");
        assertThat(insert.get("kind").asText()).isEqualTo("insert");
        assertThat(insert.get("rows").asLong()).as("affected rows").isEqualTo(1);

        JsonNode failed = only(lines, "SELECT IF ( SLEEP ( ? ) = ? , ( SELECT ? UNION SELECT ? ) , ? )");
        assertThat(failed.get("error").asInt()).as("an error after the result set's header").isEqualTo(1242);
        assertThat(Scrapes.sum(proxy, "shardline_statements_errors_total{code=\"1242\"")).isEqualTo(1);
        assertThat(Scrapes.sum(proxy, "shardline_statements_seconds_count{kind=\"select\",outcome=\"error\""))
                .isEqualTo(1);

        assertThat(text).doesNotContain("hunter2").doesNotContain("987654").doesNotContain("hidden")
                .doesNotContain("fast-and-secret");
        assertThat(lines).hasSize(3);
    }

    @Test
    void preparedExecutionsAreLoggedByTheirStatementText() throws Exception {
        int skip = lines().size();
        try (Connection connection = connect("useServerPrepStmts=true");
             PreparedStatement statement = connection.prepareStatement("SELECT SLEEP(?) AS slept, ? AS secret")) {
            statement.setDouble(1, 0.2);
            statement.setString(2, "s3cr3t");
            statement.executeQuery().close();
        }
        List<JsonNode> lines = awaitLines(skip, 1);
        JsonNode prepared = lines.stream().filter(each -> each.get("digest").asText().contains("slept")).findFirst()
                .orElseThrow(() -> new AssertionError("no line for the prepared statement in " + lines));

        assertThat(prepared.get("digest").asText()).isEqualTo("SELECT SLEEP ( ? ) AS slept , ? AS secret");
        assertThat(prepared.get("rows").asLong()).isEqualTo(1);
        assertThat(String.join("\n", Files.readAllLines(file))).doesNotContain("s3cr3t");
    }
}
