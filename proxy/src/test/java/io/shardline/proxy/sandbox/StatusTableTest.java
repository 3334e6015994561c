package io.shardline.proxy.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusTableTest {

    private static final SandboxLayout LAYOUT = SandboxLayout.of(Path.of("/repo"), 3316);
    private static final ReplicaState HEALTHY = new ReplicaState("Yes", "Yes", 0L, "0-3316-7", "0-3316-7", "");

    @Test
    void healthySandboxRendersOneRowPerServerAndASummary() {
        SandboxStatus status = status(allRunning());

        String table = status.render();

        assertThat(status.healthy()).isTrue();
        assertThat(table.lines()).contains(
                "Sandbox 3316 in /repo/.sandbox/3316",
                "ROLE     NAME      PORT  PID  STATE    REPLICATION      LAG  GTID",
                "primary  primary   3316  100  running  -                -    0-3316-7",
                "replica  replica1  3317  101  running  IO Yes, SQL Yes  0 s  0-3316-7",
                "shard    shard1    3327  104  running  -                -    0-3327-2",
                "Healthy: 5 of 5 servers running, replication OK.");
        assertThat(table.lines()).noneMatch(line -> line.endsWith(" "));
    }

    @Test
    void stoppedServerMakesTheSandboxUnhealthy() {
        List<ServerStatus> servers = allRunning();
        servers.set(4, ServerStatus.stopped(LAYOUT.server("shard1")));

        SandboxStatus status = status(servers);

        assertThat(status.healthy()).isFalse();
        assertThat(status.render()).contains("shard    shard1    3327  -    stopped")
                .contains("NOT healthy: 4 of 5 servers running.", "  shard1 (3327): not running");
    }

    @Test
    void brokenReplicationIsReportedWithItsLastError() {
        List<ServerStatus> servers = allRunning();
        ReplicaState broken = new ReplicaState("Connecting", "Yes", null, "0-3316-5", "0-3316-5",
                "error connecting to master 'repl@127.0.0.1:3316'");
        servers.set(2, new ServerStatus(LAYOUT.server("replica2"), 102, true, "0-3316-5", Optional.of(broken)));

        SandboxStatus status = status(servers);

        assertThat(status.healthy()).isFalse();
        assertThat(status.render())
                .contains("IO Connecting, SQL Yes  -")
                .contains("  replica2 (3318): replication broken (IO Connecting, SQL Yes)")
                .contains("    last error: error connecting to master 'repl@127.0.0.1:3316'");
    }

    @Test
    void replicaWithoutReplicationOrNotAnsweringIsUnhealthy() {
        ServerStatus unconfigured = new ServerStatus(LAYOUT.server("replica1"), 101, true, "", Optional.empty());
        ServerStatus starting = new ServerStatus(LAYOUT.primary(), 100, false, "", Optional.empty());

        assertThat(unconfigured.healthy()).isFalse();
        assertThat(unconfigured.problem()).isEqualTo("replication not configured");
        assertThat(starting.healthy()).isFalse();
        assertThat(starting.problem()).isEqualTo("running but not accepting connections");
        assertThat(ServerStatus.stopped(LAYOUT.primary()).running()).isFalse();
    }

    @Test
    void lagAloneDoesNotMakeAReplicaUnhealthy() {
        assertThat(new ReplicaState("Yes", "Yes", 120L, "", "", "").healthy()).isTrue();
        assertThat(new ReplicaState("Yes", "No", 0L, "", "", "Duplicate entry").healthy()).isFalse();
    }

    private static List<ServerStatus> allRunning() {
        List<ServerStatus> servers = new ArrayList<>();
        long pid = 100;
        for (ServerSpec spec : LAYOUT.servers()) {
            boolean replica = spec.role() == Role.REPLICA;
            String gtid = spec.role() == Role.SHARD ? "0-" + spec.port() + "-2" : "0-3316-7";
            servers.add(new ServerStatus(spec, pid++, true, gtid, replica ? Optional.of(HEALTHY) : Optional.empty()));
        }
        return servers;
    }

    private static SandboxStatus status(List<ServerStatus> servers) {
        return new SandboxStatus(LAYOUT.basePort(), LAYOUT.workDir(), servers);
    }
}
