package io.shardline.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardline.proxy.health.HealthSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Valid configuration files and the defaults they get. */
class ConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void minimalFileGetsDefaults() throws ConfigException {
        ProxyConfig config = new ConfigFiles(dir).load(ConfigFiles.MINIMAL);

        ServerSettings server = config.server();
        assertThat(server.host()).isEqualTo("127.0.0.1");
        assertThat(server.port()).isEqualTo(3307);
        assertThat(server.version()).isEqualTo(ServerSettings.AUTO_VERSION);
        assertThat(server.maxAllowedPacket()).isEqualTo(64L * 1024 * 1024);
        assertThat(server.defaultAuthPlugin()).isEqualTo("mysql_native_password");
        assertThat(server.tls()).isEqualTo(new TlsSettings(TlsSettings.Mode.SELF_SIGNED, null, null, false));
        assertThat(server.workerThreads()).isZero();
        assertThat(server.backendAcquireTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(server.shutdownTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.defaultDataSource()).as("the first data source").isEqualTo("main");
        assertThat(config.defaultSource().primary()).isEqualTo(new Endpoint("127.0.0.1", 3316));
        assertThat(config.defaultSource().pool()).isEqualTo(PoolSettings.DEFAULTS);
        assertThat(config.user("demo").password().matches("demo".getBytes())).isTrue();
        assertThat(config.user("nobody")).isNull();
    }

    @Test
    void everySettingIsRead() throws ConfigException {
        ProxyConfig config = new ConfigFiles(dir).load("""
                server:
                  listen: 0.0.0.0:4000
                  version: 8.0.36-shardline
                  max-allowed-packet: 16MiB
                  default-auth-plugin: caching_sha2_password
                  worker-threads: 4
                  backend-acquire-timeout: 1500ms
                  shutdown-timeout: 45s
                  tls:
                    mode: files
                    certificate: certs/server.pem
                    private-key: /etc/shardline/key.pem
                    require: true
                users:
                  - name: app
                    password: "*C142FB215B6E05B7C134B1A653AD4B455157FD79"
                    auth-plugin: mysql_native_password
                    schemas: [shop, crm]
                    default-schema: crm
                  - name: reporting
                    password: "*C142FB215B6E05B7C134B1A653AD4B455157FD79"
                    schemas: shop
                datasources:
                  main:
                    primary: db1:3306
                    replicas:
                      - address: db2:3306
                        weight: 3
                      - address: db3:3306
                    user: shardline
                    password: s3cret
                    tls: yes
                    pool:
                      max-size: 64
                      min-idle: 2
                      idle-timeout: 2m
                      max-lifetime: 1h
                      connect-timeout: 3s
                      validate-after-idle: 10s
                    load-balance: least-connections
                    max-replica-lag: 5s
                    session-consistency: primary-after-write
                    write-window: 2s
                    replica-fallback: fail
                    follow-read-only: true
                  archive:
                    primary: db9:3306
                    user: shardline
                default-datasource: archive
                health:
                  interval: 250ms
                  timeout: 2s
                  failures-before-down: 3
                """);

        ServerSettings server = config.server();
        assertThat(server.host()).isEqualTo("0.0.0.0");
        assertThat(server.port()).isEqualTo(4000);
        assertThat(server.version()).isEqualTo("8.0.36-shardline");
        assertThat(server.maxAllowedPacket()).isEqualTo(16L * 1024 * 1024);
        assertThat(server.defaultAuthPlugin()).isEqualTo("caching_sha2_password");
        assertThat(server.workerThreads()).isEqualTo(4);
        assertThat(server.backendAcquireTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(server.shutdownTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(server.tls()).isEqualTo(new TlsSettings(TlsSettings.Mode.FILES,
                dir.resolve("certs/server.pem"), Path.of("/etc/shardline/key.pem"), true));
        assertThat(config.users()).extracting(UserSpec::name).containsExactly("app", "reporting");
        UserSpec app = config.user("app");
        assertThat(app.authPlugin()).isEqualTo("mysql_native_password");
        assertThat(app.schemas()).containsExactly("shop", "crm");
        assertThat(app.defaultSchema()).isEqualTo("crm");
        assertThat(config.user("reporting").schemas()).containsExactly("shop");
        assertThat(config.dataSources().keySet()).as("in file order").containsExactly("main", "archive");
        DataSourceSpec main = config.dataSources().get("main");
        assertThat(main.replicas()).containsExactly(new ReplicaSpec(new Endpoint("db2", 3306), 3),
                new ReplicaSpec(new Endpoint("db3", 3306), 1));
        assertThat(main.user()).isEqualTo("shardline");
        assertThat(main.password()).isEqualTo("s3cret");
        assertThat(main.tls()).isTrue();
        assertThat(main.pool()).isEqualTo(new PoolSettings(64, 2, Duration.ofMinutes(2), Duration.ofHours(1),
                Duration.ofSeconds(3), Duration.ofSeconds(10)));
        assertThat(main.readWrite()).isEqualTo(new ReadWriteSettings(ReadWriteSettings.LoadBalance.LEAST_CONNECTIONS,
                Duration.ofSeconds(5), ReadWriteSettings.Consistency.PRIMARY_AFTER_WRITE, Duration.ofSeconds(2),
                ReadWriteSettings.Fallback.FAIL, true));
        assertThat(config.health()).isEqualTo(new HealthSettings(Duration.ofMillis(250), Duration.ofSeconds(2), 3));
        assertThat(config.defaultSource().name()).isEqualTo("archive");
        assertThat(config.dataSources().get("archive").password()).isEmpty();
        assertThat(config.dataSources().get("archive").readWrite()).as("defaults")
                .isEqualTo(ReadWriteSettings.DEFAULTS);
    }

    @Test
    void tlsCanBeSwitchedOff() throws ConfigException {
        for (String off : List.of("disabled", "off", "false", "DISABLED")) {
            ProxyConfig config = new ConfigFiles(dir).load(ConfigFiles.MINIMAL.replace("server:\n",
                    "server:\n  tls:\n    mode: " + off + "\n"));
            assertThat(config.server().tls().enabled()).as(off).isFalse();
        }
    }

    @Test
    void pbkdf2UserIsAccepted() throws ConfigException {
        String hash = TestHashes.pbkdf2Text("pw");

        ProxyConfig config = new ConfigFiles(dir).load(ConfigFiles.MINIMAL.replace(
                "*C142FB215B6E05B7C134B1A653AD4B455157FD79", hash));

        assertThat(config.user("demo").password().supportsNative()).isFalse();
        assertThat(config.user("demo").password().matches("pw".getBytes())).isTrue();
    }

    @Test
    void shippedDemoConfigurationIsValid() throws ConfigException {
        Path demo = ConfigFiles.findUpwards(Path.of("conf", "demo.yaml"));

        ProxyConfig config = ConfigLoader.load(demo);

        assertThat(config.user("demo")).isNotNull();
        assertThat(config.defaultSource().replicas()).hasSize(2);
    }
}
