package io.shardline.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** server.slow-query-log: off by default, its settings, paths relative to the file, and refusals with file:line. */
class SlowQueryLogConfigTest {
    @TempDir
    Path dir;

    private ConfigFiles files() {
        return new ConfigFiles(dir);
    }

    /** MINIMAL with {@code lines} under server: (indented two spaces); the first added line is line 3. */
    private static String withServer(String lines) {
        return ConfigFiles.MINIMAL.replace("  listen: 127.0.0.1:3307\n", "  listen: 127.0.0.1:3307\n" + lines);
    }

    @Test
    void offUnlessConfigured() throws ConfigException {
        SlowQueryLogSettings settings = files().load(ConfigFiles.MINIMAL).server().slowQueryLog();

        assertThat(settings).isEqualTo(SlowQueryLogSettings.OFF);
        assertThat(settings.enabled()).isFalse();
    }

    @Test
    void fileRelativeToTheConfigurationAndThreshold() throws ConfigException {
        SlowQueryLogSettings settings = files().load(withServer(
                "  slow-query-log: { file: logs/slow.log, threshold: 250ms }\n")).server().slowQueryLog();

        assertThat(settings.enabled()).isTrue();
        assertThat(settings.file()).isEqualTo(dir.resolve("logs/slow.log"));
        assertThat(settings.threshold()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void thresholdDefaultsToOneSecondAndEnabledFalseTurnsItOff() throws ConfigException {
        assertThat(files().load(withServer("  slow-query-log: { file: /var/log/shardline/slow.log }\n")).server()
                .slowQueryLog()).isEqualTo(new SlowQueryLogSettings(Path.of("/var/log/shardline/slow.log"),
                Duration.ofSeconds(1)));
        assertThat(files().load(withServer("  slow-query-log: { file: slow.log, enabled: false }\n")).server()
                .slowQueryLog().enabled()).isFalse();
    }

    @Test
    void refusals() throws Exception {
        files().refused(withServer("  slow-query-log: { threshold: 1s }\n"))
                .has(3, "slow-query-log.file", "logs/slow.log").count(1);
        files().refused(withServer("  slow-query-log: { file: slow.log, threshold: soon }\n"))
                .has(3, "server.slow-query-log.threshold", "not a duration").count(1);
        files().refused(withServer("  slow-query-log: { file: slow.log, treshold: 1s }\n"))
                .has(3, "treshold").count(1);
        Files.createDirectories(dir.resolve("logs"));
        files().refused(withServer("  slow-query-log: { file: logs }\n"))
                .has(3, "is a directory").count(1);
        Files.writeString(dir.resolve("plain"), "x");
        files().refused(withServer("  slow-query-log: { file: plain/slow.log }\n"))
                .has(3, "is a file, not a directory").count(1);
    }
}
