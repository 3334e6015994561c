package io.shardline.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardline.proxy.health.HealthSettings;
import io.shardline.router.rule.ShardingRules;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretsInToStringTest {
    private static final String BACKEND_PASSWORD = "backend-pa55word";

    private final UserSpec user = new UserSpec("demo", PasswordHash.nativeHashOf("demo"), null, List.of("shop"),
            "shop");
    private final DataSourceSpec source = new DataSourceSpec("main", new Endpoint("127.0.0.1", 3316),
            List.of(new ReplicaSpec(new Endpoint("127.0.0.1", 3317), 1)), "shardline", BACKEND_PASSWORD, false,
            PoolSettings.DEFAULTS, ReadWriteSettings.DEFAULTS);

    @Test
    void userSpecShowsNameButNoHash() {
        assertThat(user.toString()).contains("demo").doesNotContain("C142FB").doesNotContain("[B@");
    }

    @Test
    void dataSourceShowsAddressesButNoPassword() {
        assertThat(source.toString()).contains("127.0.0.1:3316").contains("shardline")
                .doesNotContain(BACKEND_PASSWORD);
    }

    @Test
    void wholeConfigurationPrintsNoSecret() {
        ServerSettings server = new ServerSettings("127.0.0.1", 3307, "auto", 1 << 26, "mysql_native_password",
                new TlsSettings(TlsSettings.Mode.DISABLED, null, null, false), 0, Duration.ofSeconds(5),
                ServerSettings.DEFAULT_MAX_CONNECTIONS, HostList.ANY, SlowQueryLogSettings.OFF,
                ServerSettings.DEFAULT_SHUTDOWN_TIMEOUT);
        ProxyConfig config = new ProxyConfig(Path.of("proxy.yaml"), server, List.of(user), Map.of("main", source),
                "main", HealthSettings.defaults(), ShardingRules.NONE, ResultCacheSettings.DISABLED,
                ManagementSettings.DEFAULT);

        assertThat(config.toString()).doesNotContain(BACKEND_PASSWORD).doesNotContain("C142FB");
    }
}
