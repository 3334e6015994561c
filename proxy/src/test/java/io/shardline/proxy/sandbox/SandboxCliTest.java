package io.shardline.proxy.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxCliTest {

    @TempDir
    Path repo;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void parsesCommandsAndBasePort() {
        assertThat(CliArgs.parse("up")).isEqualTo(new CliArgs("up", 3316, false));
        assertThat(CliArgs.parse("status", "--base-port", "33316")).isEqualTo(new CliArgs("status", 33316, false));
        assertThat(CliArgs.parse("--base-port=4000", "down")).isEqualTo(new CliArgs("down", 4000, false));
        assertThat(CliArgs.parse("down", "--purge")).isEqualTo(new CliArgs("down", 3316, true));
        assertThat(CliArgs.parse("purge")).isEqualTo(new CliArgs("down", 3316, true));
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> CliArgs.parse()).hasMessage("missing command");
        assertThatThrownBy(() -> CliArgs.parse("up", "down")).hasMessage("unexpected argument: down");
        assertThatThrownBy(() -> CliArgs.parse("up", "--base-port")).hasMessage("--base-port needs a value");
        assertThatThrownBy(() -> CliArgs.parse("up", "--base-port", "x")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> CliArgs.parse("up", "--base-port", "22")).hasMessageContaining("between 1024");
        assertThatThrownBy(() -> CliArgs.parse("status", "--purge")).hasMessage("--purge goes with down");
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(cli().run("frobnicate")).isEqualTo(SandboxCli.USAGE);
        assertThat(text(err)).contains("unexpected argument: frobnicate", "usage: bin/sandbox");
    }

    @Test
    void helpExitsWithZero() {
        assertThat(cli().run("--help")).isEqualTo(SandboxCli.OK);
        assertThat(text(out)).contains("usage: bin/sandbox up|down|status", "--base-port N");
    }

    @Test
    void statusOfANeverStartedSandboxFailsWithoutCreatingAnything() {
        assertThat(cli().run("status", "--base-port", "45316")).isEqualTo(SandboxCli.FAILED);
        assertThat(text(out)).contains("stopped", "NOT healthy: 0 of 5 servers running.");
        assertThat(repo.resolve(".sandbox")).doesNotExist();
    }

    @Test
    void downOfANeverStartedSandboxIsFine() {
        assertThat(cli().run("down", "--base-port", "45316")).isEqualTo(SandboxCli.OK);
        assertThat(text(out)).contains("nothing was running");
    }

    private SandboxCli cli() {
        return new SandboxCli(repo, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String text(ByteArrayOutputStream stream) {
        return stream.toString(StandardCharsets.UTF_8);
    }
}
