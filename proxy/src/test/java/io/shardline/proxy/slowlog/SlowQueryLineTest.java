package io.shardline.proxy.slowlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shardline.proxy.metrics.Route;
import io.shardline.router.sql.LexerOptions;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The slow query log's line: one JSON object, every field present, in a fixed order. */
class SlowQueryLineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long END = Instant.parse("2024-05-06T07:08:09.123Z").toEpochMilli();

    private static SlowQuery query(String sql, Route route, long rows, int error) {
        return new SlowQuery(END, 312_456_789L, sql, LexerOptions.DEFAULT, "SELECT", "app", "shop", "10.0.0.7",
                route, rows, error);
    }

    @Test
    void everyFieldInOrder() {
        String line = SlowQueryLine.of(query("SELECT * FROM t WHERE secret = 'hunter2'", Route.REPLICA, 3, 0));

        assertThat(line).isEqualTo("{\"time\":\"2024-05-06T07:08:09.123Z\",\"duration_ms\":312.457,\"kind\":\"select\","
                + "\"route\":\"replica\",\"digest\":\"SELECT * FROM t WHERE secret = ?\",\"user\":\"app\","
                + "\"schema\":\"shop\",\"client\":\"10.0.0.7\",\"rows\":3,\"error\":null}");
        assertThat(line).doesNotContain("hunter2").doesNotContain("\n");
    }

    @Test
    void errorsUnknownRowsAndMissingTextAreNumbersOrNull() throws Exception {
        JsonNode failed = JSON.readTree(SlowQueryLine.of(query("SELEC 1", Route.PRIMARY, 0, 1064)));
        assertThat(failed.get("error").asInt()).isEqualTo(1064);
        assertThat(failed.get("rows").asLong()).isZero();

        JsonNode cached = JSON.readTree(SlowQueryLine.of(query("SELECT 1", Route.CACHE, -1, 0)));
        assertThat(cached.get("rows").isNull()).isTrue();
        assertThat(cached.get("route").asText()).isEqualTo("cache");

        JsonNode unknown = JSON.readTree(SlowQueryLine.of(new SlowQuery(END, 1_000_000_000L, null,
                LexerOptions.DEFAULT, "UNKNOWN", "app", null, "127.0.0.1", Route.LOCAL, 0, 1243)));
        assertThat(unknown.get("digest").isNull()).isTrue();
        assertThat(unknown.get("schema").isNull()).isTrue();
        assertThat(unknown.get("duration_ms").asDouble()).isEqualTo(1000.0);
    }

    @Test
    void quotesAndControlCharactersInNamesAreEscaped() throws Exception {
        String line = SlowQueryLine.of(new SlowQuery(END, 1, "SELECT `a\"b` FROM t", LexerOptions.DEFAULT, "SELECT",
                "we\"ird\n", "s", "::1", Route.SHARDS_N, 1, 0));

        assertThat(line).doesNotContain("\n");
        JsonNode parsed = JSON.readTree(line);
        assertThat(parsed.get("user").asText()).isEqualTo("we\"ird\n");
        assertThat(parsed.get("digest").asText()).isEqualTo("SELECT `a\"b` FROM t");
        assertThat(parsed.get("route").asText()).isEqualTo("shards_n");
    }
}
