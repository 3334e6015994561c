package io.shardline.proxy.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SandboxLayoutTest {

    private static final Path REPO = Path.of("/home/dev/shardline");

    @Test
    void defaultBasePortGivesTheDocumentedPorts() {
        SandboxLayout layout = SandboxLayout.of(REPO, SandboxLayout.DEFAULT_BASE_PORT);

        assertThat(layout.servers()).extracting(ServerSpec::port).containsExactly(3316, 3317, 3318, 3326, 3327);
        assertThat(layout.servers()).extracting(ServerSpec::name)
                .containsExactly("primary", "replica1", "replica2", "shard0", "shard1");
        assertThat(layout.primary().role()).isEqualTo(Role.PRIMARY);
        assertThat(layout.replicas()).extracting(ServerSpec::port).containsExactly(3317, 3318);
        assertThat(layout.shards()).extracting(ServerSpec::port).containsExactly(3326, 3327);
    }

    @Test
    void basePortMovesEverything() {
        SandboxLayout layout = SandboxLayout.of(REPO, 23316);

        assertThat(layout.servers()).extracting(ServerSpec::port).containsExactly(23316, 23317, 23318, 23326, 23327);
        assertThat(layout.workDir()).isEqualTo(REPO.resolve(".sandbox/23316"));
        assertThat(layout.templateDir()).isEqualTo(REPO.resolve(".sandbox/23316/template"));
    }

    @Test
    void serverIdsAreUniqueAndEqualThePort() {
        SandboxLayout layout = SandboxLayout.of(REPO, 4000);

        assertThat(layout.servers()).allSatisfy(s -> assertThat(s.serverId()).isEqualTo(s.port()));
        assertThat(layout.servers().stream().map(ServerSpec::serverId).distinct()).hasSize(5);
    }

    @Test
    void everyServerHasItsOwnFilesInsideTheWorkFolder() {
        ServerSpec replica = SandboxLayout.of(REPO, 3316).server("replica2");
        Path dir = REPO.resolve(".sandbox/3316/replica2");

        assertThat(replica.dir()).isEqualTo(dir);
        assertThat(replica.datadir()).isEqualTo(dir.resolve("data"));
        assertThat(replica.socket()).isEqualTo(dir.resolve("mysqld.sock"));
        assertThat(replica.pidFile()).isEqualTo(dir.resolve("mysqld.pid"));
        assertThat(replica.logFile()).isEqualTo(dir.resolve("mysqld.log"));
        assertThat(replica.describe()).isEqualTo("replica2 (3318)");
    }

    @Test
    void socketMovesToTheTempFolderWhenThePathWouldBeTooLongForUnixSockets() {
        Path deep = Path.of("/home/dev/" + "very-long-folder-name/".repeat(5) + "shardline");

        ServerSpec primary = SandboxLayout.of(deep, 3316).primary();

        assertThat(primary.socket().toString()).hasSizeLessThanOrEqualTo(SandboxLayout.MAX_SOCKET_PATH);
        assertThat(primary.socket().getFileName().toString()).isEqualTo("shardline-3316.sock");
        assertThat(primary.datadir()).startsWithRaw(deep);
    }

    @Test
    void portsOutsideTheUsableRangeAreRejected() {
        assertThatThrownBy(() -> SandboxLayout.of(REPO, 80)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("base port");
        assertThatThrownBy(() -> SandboxLayout.of(REPO, 65530)).isInstanceOf(IllegalArgumentException.class);
        assertThat(SandboxLayout.of(REPO, 65524).shards().get(1).port()).isEqualTo(65535);
    }

    @Test
    void unknownServerNameIsAnError() {
        assertThatThrownBy(() -> SandboxLayout.of(REPO, 3316).server("replica9"))
                .hasMessageContaining("replica9");
    }
}
