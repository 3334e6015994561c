package io.shardline.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardline.cli.Run;
import io.shardline.proxy.config.PasswordHash;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** hash-password and completion: no proxy involved. */
class LocalCommandsTest {

    @Test
    void hashPasswordPrintsTheHashesTheProxyAccepts() {
        Run run = Run.with(Map.of(), "demo\n", "hash-password");

        assertThat(run.exitCode()).isZero();
        assertThat(run.lines()).hasSize(4);
        assertThat(run.lines().get(1)).isEqualTo("password: \"*C142FB215B6E05B7C134B1A653AD4B455157FD79\"");
        String salted = run.lines().get(3).replaceAll("^password: \"(.*)\"$", "$1");
        assertThat(PasswordHash.parse(salted).matches("demo".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(PasswordHash.parse(salted).supportsNative()).isFalse();
        assertThat(run.err()).isEmpty();
    }

    @Test
    void anEmptyPasswordIsHashedWithAWarning() {
        Run run = Run.with(Map.of(), "", "hash-password");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).contains("warning: the password is empty");
    }

    @Test
    void completionPrintsABashScriptCoveringTheCommands() {
        Run run = Run.of("completion");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("#!/usr/bin/env bash").contains("complete -F _complete_shardctl")
                .contains("backend offline").contains("rules validate").contains("--check-backends")
                .contains("--token-file");
    }
}
