package io.shardline.proxy.slowlog;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.shardline.proxy.config.SlowQueryLogSettings;
import io.shardline.proxy.metrics.Route;
import io.shardline.router.sql.LexerOptions;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The threshold, the bounded queue that drops (and counts) rather than wait, and writing lines. */
class SlowQueryLogTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private static SlowQuery query(int n) {
        return new SlowQuery(0, 500_000_000L, "SELECT " + n, LexerOptions.DEFAULT, "SELECT", "app", "s", "127.0.0.1",
                Route.PRIMARY, 1, 0);
    }

    private double count(String name) {
        return registry.get(name).counter().count();
    }

    @Test
    void theThresholdIsInclusive() {
        SlowQueryLog log = new SlowQueryLog(Duration.ofMillis(100).toNanos(), 4, new StringWriter(), registry);

        assertThat(log.isSlow(99_999_999L)).isFalse();
        assertThat(log.isSlow(100_000_000L)).isTrue();
        assertThat(log.isSlow(5_000_000_000L)).isTrue();
    }

    @Test
    void aFullQueueDropsAndCountsInsteadOfWaiting() {
        StringWriter out = new StringWriter();
        SlowQueryLog log = new SlowQueryLog(0, 2, out, registry);

        log.offer(query(1));
        log.offer(query(2));
        log.offer(query(3));
        log.drain();

        assertThat(count("shardline.slow.queries.dropped")).isEqualTo(1);
        assertThat(count("shardline.slow.queries")).isEqualTo(2);
        assertThat(out.toString().lines().toList()).hasSize(2).allMatch(line -> line.startsWith("{\"time\":"));
        assertThat(out.toString()).contains("\"digest\":\"SELECT ?\"").endsWith("}\n");
    }

    @Test
    void aFailingWriteIsCountedAsDropped() {
        Writer broken = new Writer() {
            @Override
            public void write(char[] buffer, int offset, int length) throws IOException {
                throw new IOException("disk full");
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        SlowQueryLog log = new SlowQueryLog(0, 8, broken, registry);

        log.offer(query(1));
        log.offer(query(2));
        log.drain();

        assertThat(count("shardline.slow.queries.dropped")).isEqualTo(2);
        assertThat(count("shardline.slow.queries")).isZero();
    }

    @Test
    void theWriterThreadAppendsToTheFileAndCloseWritesWhatIsQueued(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("logs/slow.log");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"earlier\":true}\n");
        SlowQueryLog log = SlowQueryLog.open(new SlowQueryLogSettings(file, Duration.ofMillis(100)), registry);

        for (int i = 0; i < 50; i++) {
            log.offer(query(i));
        }
        log.close();

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(51).first().isEqualTo("{\"earlier\":true}");
        assertThat(count("shardline.slow.queries")).isEqualTo(50);
    }

    @Test
    void offMeansNoLog() {
        assertThat(SlowQueryLog.open(SlowQueryLogSettings.OFF, registry)).isNull();
    }
}
