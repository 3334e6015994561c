package io.shardline.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardline.cli.ExitCodes;
import io.shardline.cli.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rules validate} is offline: the proxy's ConfigLoader reads the file here, no proxy is asked. */
class RulesValidateTest {

    static Path demo() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path file = dir.resolve("conf/sharding-demo.yaml");
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        throw new IllegalStateException("conf/sharding-demo.yaml not found above " + Path.of("").toAbsolutePath());
    }

    @Test
    void theShardingDemoIsValid() {
        Run run = Run.of("rules", "validate", demo().toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.lines()).containsExactly(demo() + ": valid (1 users, 2 data sources, 1 sharded schemas)");
        assertThat(run.err()).isEmpty();
    }

    /** The 1-based line of the first line containing {@code part}. */
    private static int lineOf(String text, String part) {
        java.util.List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(part)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line with " + part);
    }

    @Test
    void aBrokenCopyListsEveryProblemWithFileAndLineAndExits4(@TempDir Path dir) throws Exception {
        String text = Files.readString(demo());
        Path broken = Files.writeString(dir.resolve("broken.yaml"), text
                .replace("data-nodes: ds_${0..1}.t_order_${0..3}", "data-nodes: ds_${0..2}.t_order_${0..3}")
                .replace("binding-groups:", "binding-grups:"));

        Run run = Run.of("rules", "validate", broken.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.VALIDATION_FAILED);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines().toList().get(0)).isEqualTo(broken + " is not valid:");
        // Lines as the demo file has them now, so editing its comments does not break the test.
        assertThat(run.err()).contains(broken + ":" + lineOf(text, "data-nodes: ds_${0..1}.t_order_${0..3}") + ": ")
                .contains("data source ds_2 is not defined under datasources")
                .contains(broken + ":" + lineOf(text, "binding-groups:") + ": ").contains("binding-grups");
    }

    @Test
    void jsonHasTheShapeOfTheApisValidate(@TempDir Path dir) throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.yaml"), "server: {listen: nowhere}\n");

        Run run = Run.of("rules", "validate", "--json", broken.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.VALIDATION_FAILED);
        assertThat(run.out()).contains("\"valid\" : false").contains("\"problems\" : [")
                .contains("broken.yaml:1: server.listen");
        assertThat(Run.of("rules", "validate", "--json", demo().toString()).out())
                .contains("\"valid\" : true").contains("\"problems\" : [ ]");
    }

    @Test
    void aFileThatIsNotThereIsAUsageError(@TempDir Path dir) {
        Run run = Run.of("rules", "validate", dir.resolve("nope.yaml").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("cannot read FILE").contains("no such file");
    }

    @Test
    void checkBackendsWithNoShardingHasNothingToCheck(@TempDir Path dir) throws Exception {
        Path plain = Files.writeString(dir.resolve("plain.yaml"), String.join("\n",
                "users:", "  - { name: demo, password: \"*C142FB215B6E05B7C134B1A653AD4B455157FD79\" }",
                "datasources:", "  main: { primary: 127.0.0.1:1, user: u, password: p }", ""));

        Run run = Run.of("rules", "validate", "--check-backends", plain.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.lines()).containsExactly(plain + ": valid (1 users, 1 data sources)",
                "backends: no sharded tables in the file, nothing to check");
    }

    @Test
    void checkBackendsReportsAServerItCannotReachAndExits1(@TempDir Path dir) throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String text = Files.readString(demo()).replace("127.0.0.1:3326", "127.0.0.1:" + port)
                .replace("127.0.0.1:3327", "127.0.0.1:" + port);
        Path file = Files.writeString(dir.resolve("unreachable.yaml"), text);

        Run run = Run.of("rules", "validate", "--check-backends", "--timeout", "2s", file.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OPERATION_FAILED);
        assertThat(run.err()).contains(file + ": could not check the backends:")
                .contains("ds_0: cannot read its primary 127.0.0.1:" + port + " as shardline (Connection refused)")
                .contains("ds_1: cannot read its primary");
    }
}
