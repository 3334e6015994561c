package io.shardline.proxy.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.HttpMethod;
import io.shardline.proxy.health.MutableClock;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class StatusApiTest {
    @Test
    void answersTheContractsFieldsInOrder() {
        MutableClock clock = new MutableClock(Instant.EPOCH);
        AtomicBoolean draining = new AtomicBoolean();
        Path file = Path.of("/etc/shardline/proxy.yaml");
        AdminRoutes routes = new AdminRoutes(new StatusApi(file, clock, () -> 3, () -> 7, draining::get).routes());
        clock.advance(Duration.ofSeconds(42));
        draining.set(true);

        AdminResponse answer = routes.answer(new AdminRequest(HttpMethod.GET, "/api/status", null, ""));

        assertThat(answer.body()).isEqualTo("{\"version\":\"" + StatusApi.VERSION + "\",\"uptime_seconds\":42,"
                + "\"config_file\":\"" + file.toAbsolutePath() + "\",\"rules_version\":3,\"client_connections\":7,"
                + "\"draining\":true}");
    }
}
