package io.shardline.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The management section: the default, every setting, and refusals naming file:line. */
class ManagementConfigTest {
    @TempDir
    Path dir;

    private ConfigFiles files() {
        return new ConfigFiles(dir);
    }

    @Test
    void absentSectionListensOnLoopbackPort9307() throws ConfigException {
        ManagementSettings management = files().load(ConfigFiles.MINIMAL).management();

        assertThat(management).isEqualTo(ManagementSettings.DEFAULT);
        assertThat(management.enabled()).isTrue();
        assertThat(management.listen()).isEqualTo(new Endpoint("127.0.0.1", 9307));
    }

    @Test
    void listenIsRead() throws ConfigException {
        assertThat(files().load(ConfigFiles.MINIMAL + "management:\n  listen: 0.0.0.0:9400\n").management())
                .isEqualTo(new ManagementSettings(true, new Endpoint("0.0.0.0", 9400), null));
        assertThat(files().load(ConfigFiles.MINIMAL + "management: { listen: 127.0.0.1:0 }\n").management().listen())
                .as("port 0 picks a free port").isEqualTo(new Endpoint("127.0.0.1", 0));
    }

    @Test
    void offOrEnabledFalseTurnsItOff() throws ConfigException {
        assertThat(files().load(ConfigFiles.MINIMAL + "management:\n  listen: off\n").management().enabled())
                .isFalse();
        assertThat(files().load(ConfigFiles.MINIMAL + "management:\n  listen: \"OFF\"\n").management().enabled())
                .isFalse();
        assertThat(files().load(ConfigFiles.MINIMAL + "management:\n  enabled: false\n").management().enabled())
                .isFalse();
        assertThat(files().load(ConfigFiles.MINIMAL + "management:\n  enabled: true\n").management())
                .isEqualTo(ManagementSettings.DEFAULT);
    }

    @Test
    void tokenIsReadAndNeverPrinted() throws ConfigException {
        ManagementSettings management = files().load(ConfigFiles.MINIMAL
                + "management:\n  token: \"  s3cret-s3cret-s3cret  \"\n").management();

        assertThat(management.token()).isEqualTo("s3cret-s3cret-s3cret");
        assertThat(management.toString()).doesNotContain("s3cret").contains("token=set");
    }

    @Test
    void sameAddressAsTheClientPortIsOkWhenOff() throws ConfigException {
        assertThat(files().load(ConfigFiles.MINIMAL + "management: { listen: 127.0.0.1:3307, enabled: false }\n")
                .management().enabled()).isFalse();
    }

    @Test
    void refusals() {
        // MINIMAL has 10 lines; the section starts at line 11.
        files().refused(ConfigFiles.MINIMAL + "management:\n  listen: 9307\n")
                .has(12, "management.listen", "not host:port", "'off'").count(1);
        files().refused(ConfigFiles.MINIMAL + "management:\n  listen: 127.0.0.1:70000\n")
                .has(12, "management.listen", "outside 0-65535").count(1);
        files().refused(ConfigFiles.MINIMAL + "management:\n  enabled: maybe\n")
                .has(12, "management.enabled must be true or false").count(1);
        files().refused(ConfigFiles.MINIMAL + "management:\n  listen: 127.0.0.1:9000\n  tokn: x\n")
                .has(13, "unknown setting 'management.tokn'", "known here:", "listen").count(1);
        files().refused(ConfigFiles.MINIMAL + "management:\n  listen: 127.0.0.1:9000\n  token: short\n")
                .has(13, "management.token is too short", "at least 16").count(1);
        files().refused(ConfigFiles.MINIMAL + "management:\n  listen: 127.0.0.1:3307\n")
                .has(12, "management.listen 127.0.0.1:3307 is also server.listen", "a port of its own").count(1);
        files().refused(ConfigFiles.MINIMAL + "management: [127.0.0.1:9000]\n")
                .has(11, "management must be a mapping").count(1);
    }
}
