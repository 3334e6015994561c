package io.shardline.proxy.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceResolverTest {

    private static MonitoredServer server(String name, String host, int port) {
        return new MonitoredServer(name, host, port, "m", "", Role.REPLICA, Duration.ZERO);
    }

    private static ReplicaStatus from(String host, int port) {
        return new ReplicaStatus("Yes", "Yes", 0L, host, port, true, "", "");
    }

    private final SourceResolver resolver = new SourceResolver(List.of(
            server("primary", "localhost", 3316), server("db2", "DB2.example.com", 3306),
            server("v6", "[::1]", 3320)));

    @Test
    void matchesHostAndPort() {
        assertThat(resolver.sourceOf(from("db2.example.com", 3306))).isEqualTo("db2");
        assertThat(resolver.sourceOf(from("db2.example.com", 3307))).isNull();
        assertThat(resolver.sourceOf(from("db3.example.com", 3306))).isNull();
    }

    @Test
    void everySpellingOfLoopbackIsTheSameHost() {
        assertThat(resolver.sourceOf(from("127.0.0.1", 3316))).isEqualTo("primary");
        assertThat(resolver.sourceOf(from("::1", 3316))).isEqualTo("primary");
        assertThat(resolver.sourceOf(from("localhost", 3320))).isEqualTo("v6");
    }
}
