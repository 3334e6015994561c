package io.shardline.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad files: every problem names file:line and says what to do, and all problems are reported at once. */
class ConfigLoaderErrorsTest {
    @TempDir
    Path dir;

    private ConfigFiles files() {
        return new ConfigFiles(dir);
    }

    @Test
    void typoInAKeyIsReportedWithTheKnownKeys() {
        files().refused("""
                server:
                  listen: 127.0.0.1:3307
                  max-alowed-packet: 64MiB
                users:
                  - name: demo
                    password: "*C142FB215B6E05B7C134B1A653AD4B455157FD79"
                datasources:
                  main:
                    primary: 127.0.0.1:3316
                    user: shardline
                """)
                .has(3, "unknown setting", "server.max-alowed-packet", "known here:", "max-allowed-packet")
                .count(1);
    }

    @Test
    void typoAtTopLevelAndInsideAUserAndAPool() {
        files().refused(ConfigFiles.MINIMAL + """
                    pool:
                      max-sise: 10
                defualt-datasource: main
                """)
                .has(12, "unknown setting", "max-sise", "max-size")
                .has(13, "unknown setting", "defualt-datasource", "default-datasource");
        files().refused(ConfigFiles.MINIMAL.replace("    password: \"*C142",
                        "    pasword: x\n    password: \"*C142"))
                .has(5, "unknown setting", "pasword", "password");
    }

    @Test
    void settingNamesInMessagesAreWrittenAsInTheFile() {
        ConfigFiles.Refused refused = files().refused(ConfigFiles.MINIMAL.replace("server:\n",
                "server:\n  backend-acquire-timeout: soon\n  wokrer-threads: 2\n"));

        assertThat(refused.problems()).hasSize(2).allSatisfy(problem ->
                assertThat(problem).doesNotContain("'.server").doesNotContain(" .server"));
    }

    @Test
    void missingDatasources() {
        files().refused("""
                users:
                  - name: demo
                    password: "*C142FB215B6E05B7C134B1A653AD4B455157FD79"
                """)
                .has(1, "no datasources", "add at least one under 'datasources:'")
                .count(1);
    }

    @Test
    void missingUsers() {
        files().refused("""
                datasources:
                  main:
                    primary: 127.0.0.1:3316
                    user: shardline
                """)
                .has(1, "no users", "add one under 'users:'");
    }

    @Test
    void badDurationAndSizeUnits() {
        files().refused(ConfigFiles.MINIMAL.replace("server:\n",
                        "server:\n  max-allowed-packet: 64XB\n  backend-acquire-timeout: 5 sec\n"))
                .has(2, "max-allowed-packet", "unknown size unit 'xb'", "use KiB, MiB or GiB")
                .has(3, "backend-acquire-timeout", "unknown duration unit 'sec'", "use ms, s, m or h")
                .count(2);
    }

    @Test
    void maxAllowedPacketOutOfRange() {
        files().refused(ConfigFiles.MINIMAL.replace("server:\n", "server:\n  max-allowed-packet: 2GiB\n"))
                .has(2, "max-allowed-packet must be between 1KiB and 1GiB");
    }

    @Test
    void badHostPort() {
        files().refused(ConfigFiles.MINIMAL.replace("primary: 127.0.0.1:3316", "primary: localhost"))
                .has(8, "datasources.main.primary", "'localhost' is not host:port", "for example 127.0.0.1:3306")
                .count(1);
        files().refused(ConfigFiles.MINIMAL.replace("listen: 127.0.0.1:3307", "listen: 127.0.0.1:99999"))
                .has(2, "server.listen", "outside 0-65535");
    }

    @Test
    void badReplicaAddressAndWeight() {
        files().refused(ConfigFiles.MINIMAL.replace("    user: shardline",
                        "    replicas:\n      - address: db2\n      - address: db3:3306\n        weight: -1\n"
                                + "    user: shardline"))
                .has(10, "'db2' is not host:port")
                .has(12, "weight is -1; use a value from 0 to 1000");
    }

    @Test
    void badReadWriteChoicesNameTheAllowedValues() {
        files().refused(ConfigFiles.MINIMAL.replace("    user: shardline",
                        "    load-balance: random\n    session-consistency: eventual\n    replica-fallback: nowhere\n"
                                + "    user: shardline"))
                .has(9, "load-balance 'random' is not one of [weighted-round-robin, least-connections]")
                .has(10, "session-consistency 'eventual' is not one of [global-causal, causal, primary-after-write]")
                .has(11, "replica-fallback 'nowhere' is not one of [primary, fail]");
    }

    @Test
    void missingPrimaryAndUser() {
        files().refused("""
                users:
                  - name: demo
                    password: "*C142FB215B6E05B7C134B1A653AD4B455157FD79"
                datasources:
                  main:
                    password: x
                """)
                .has(6, "primary is required", "host:port")
                .has(6, "user is required");
    }

    @Test
    void defaultDatasourceNotDefined() {
        files().refused(ConfigFiles.MINIMAL + "default-datasource: mian\n")
                .has(11, "default-datasource 'mian' is not defined", "defined: main")
                .count(1);
    }

    @Test
    void duplicateUserIsReportedWhereItIsDefinedAgain() {
        files().refused(ConfigFiles.MINIMAL.replace("datasources:", """
                  - name: demo
                    password: "*C142FB215B6E05B7C134B1A653AD4B455157FD79"
                datasources:"""))
                .has(6, "user 'demo' is defined twice");
    }

    @Test
    void duplicateUserIsReported() {
        ConfigFiles.Refused refused = files().refused(ConfigFiles.MINIMAL.replace("datasources:", """
                  - name: demo
                    password: "*C142FB215B6E05B7C134B1A653AD4B455157FD79"
                datasources:"""));

        assertThat(refused.problems()).singleElement().asString()
                .startsWith(refused.file() + ":").contains("user 'demo' is defined twice");
    }

    @Test
    void tlsFilesModeWithoutPaths() {
        files().refused(ConfigFiles.MINIMAL.replace("server:\n", "server:\n  tls:\n    mode: files\n"))
                .has(3, "tls.mode 'files' needs certificate and private-key");
        files().refused(ConfigFiles.MINIMAL.replace("server:\n",
                        "server:\n  tls:\n    mode: files\n    certificate: cert.pem\n"))
                .has(3, "needs certificate and private-key");
    }

    @Test
    void tlsUnknownModeAndRequireWhileDisabled() {
        files().refused(ConfigFiles.MINIMAL.replace("server:\n", "server:\n  tls:\n    mode: on\n"))
                .has(3, "tls.mode 'on' is not one of disabled, self-signed, files");
        files().refused(ConfigFiles.MINIMAL.replace("server:\n",
                        "server:\n  tls:\n    mode: disabled\n    require: true\n"))
                .has(3, "require is true but tls.mode is disabled");
    }

    @Test
    void badPasswordHash() {
        files().refused(ConfigFiles.MINIMAL.replace("\"*C142FB215B6E05B7C134B1A653AD4B455157FD79\"", "demo"))
                .has(5, "users[demo].password is not a password hash", "bin/shardline hash-password");
    }

    @Test
    void missingPassword() {
        files().refused(ConfigFiles.MINIMAL.replace(
                        "    password: \"*C142FB215B6E05B7C134B1A653AD4B455157FD79\"\n", ""))
                .has(4, "password is required", "hash-password");
    }

    @Test
    void pbkdf2HashCannotServeNativePassword() {
        String hash = TestHashes.pbkdf2Text("pw");
        files().refused(ConfigFiles.MINIMAL.replace("\"*C142FB215B6E05B7C134B1A653AD4B455157FD79\"",
                        hash + "\n    auth-plugin: mysql_native_password"))
                .has(6, "user demo", "pbkdf2 hash cannot serve mysql_native_password", "caching_sha2_password");
    }

    @Test
    void unknownAuthPlugins() {
        files().refused(ConfigFiles.MINIMAL.replace("server:\n", "server:\n  default-auth-plugin: sha256_password\n"))
                .has(2, "default-auth-plugin 'sha256_password' is not one of");
        files().refused(ConfigFiles.MINIMAL.replace("\"*C142FB215B6E05B7C134B1A653AD4B455157FD79\"",
                        "\"*C142FB215B6E05B7C134B1A653AD4B455157FD79\"\n    auth-plugin: dialog"))
                .has(6, "auth-plugin 'dialog' is not one of");
    }

    @Test
    void defaultSchemaOutsideTheUsersSchemas() {
        files().refused(ConfigFiles.MINIMAL.replace("\"*C142FB215B6E05B7C134B1A653AD4B455157FD79\"",
                        "\"*C142FB215B6E05B7C134B1A653AD4B455157FD79\"\n    schemas: [shop]\n    default-schema: crm"))
                .has(7, "default-schema 'crm' is not among the user's schemas [shop]");
    }

    @Test
    void badNumbersAndBooleans() {
        files().refused(ConfigFiles.MINIMAL.replace("server:\n", "server:\n  worker-threads: many\n")
                        .replace("    password: shardline", "    password: shardline\n    tls: maybe"))
                .has(2, "worker-threads must be a whole number, got 'many'")
                .has(12, "tls must be true or false, got 'maybe'");
        files().refused(ConfigFiles.MINIMAL.replace("server:\n", "server:\n  worker-threads: 5000\n"))
                .has(2, "worker-threads is 5000; use a value from 0 to 1024");
    }

    @Test
    void passwordFromAnUnsetEnvironmentVariable() {
        files().refused(ConfigFiles.MINIMAL.replace("    password: shardline",
                        "    password-env: SHARDLINE_TEST_SURELY_UNSET_VARIABLE"))
                .has(10, "password-env names SHARDLINE_TEST_SURELY_UNSET_VARIABLE", "not set in the environment");
    }

    @Test
    void sectionsOfTheWrongShape() {
        files().refused(ConfigFiles.MINIMAL.replace("server:\n  listen: 127.0.0.1:3307\n", "server: fast\n"))
                .has(1, "server must be a mapping");
        files().refused(ConfigFiles.MINIMAL.replace("users:\n", "users: demo\n").replace(
                        "  - name: demo\n    password: \"*C142FB215B6E05B7C134B1A653AD4B455157FD79\"\n", ""))
                .has(3, "users must be a list");
    }

    @Test
    void everyProblemIsReportedInOneGo() {
        files().refused("""
                server:
                  listen: nowhere
                  max-allowed-packet: lots
                users:
                  - name: demo
                    password: nope
                datasources:
                  main:
                    primary: db
                    user: shardline
                default-datasource: other
                """)
                .has(2, "server.listen")
                .has(3, "max-allowed-packet")
                .has(6, "password")
                .has(9, "primary")
                .has(11, "default-datasource 'other'");
    }

    @Test
    void invalidYamlNamesTheLine() {
        files().refused("server:\n  listen: [1, 2\n")
                .has(3, "not valid YAML");
    }

    @Test
    void emptyFilePointsToTheExample() {
        Path file = files().write("");

        ConfigException ex = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(file));

        assertThat(ex.problems())
                .containsExactly(file + ": the file is empty; see conf/demo.yaml for a working example");
    }

    @Test
    void missingFileIsReported() {
        Path file = dir.resolve("nope.yaml");

        ConfigException ex = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(file));

        assertThat(ex.problems()).singleElement().asString().startsWith(file + ": no such file");
    }

    @Test
    void aShutdownTimeoutOutsideZeroToAnHourIsRefused() {
        files().refused("""
                server:
                  shutdown-timeout: 2h
                users:
                  - name: demo
                    password: "*C142FB215B6E05B7C134B1A653AD4B455157FD79"
                datasources:
                  main:
                    primary: 127.0.0.1:3316
                    user: shardline
                """)
                .has(2, "server.shutdown-timeout must be between 0s", "terminationGracePeriodSeconds")
                .count(1);
    }
}
