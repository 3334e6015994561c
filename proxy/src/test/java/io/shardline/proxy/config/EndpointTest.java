package io.shardline.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EndpointTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "127.0.0.1:3306, 127.0.0.1, 3306",
            "db.internal:3316, db.internal, 3316",
            "' db : 3306 ', db, 3306",
            "[::1]:3306, [::1], 3306",
            "localhost:65535, localhost, 65535",
    })
    void parses(String text, String host, int port) {
        assertThat(Endpoint.parse(text)).isEqualTo(new Endpoint(host, port));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "localhost, is not host:port",
            ":3306, is not host:port",
            "db:, is not host:port",
            "db:abc, has no numeric port",
            "db:99999, is outside 1-65535",
            "db:0, is outside 1-65535",
    })
    void refusesWithAnExample(String text, String problem) {
        assertThatThrownBy(() -> Endpoint.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(problem)
                .hasMessageContaining(text.trim());
    }

    @Test
    void listenAddressMayUsePortZero() {
        assertThat(Endpoint.parseListen("127.0.0.1:0")).isEqualTo(new Endpoint("127.0.0.1", 0));
    }

    @Test
    void printsAsHostPort() {
        assertThat(new Endpoint("db", 3306)).hasToString("db:3306");
    }
}
