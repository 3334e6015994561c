package io.shardline.proxy.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardline.proxy.it.SandboxFixture;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Proves the sandbox topology against real servers: identities, GTID replication, accounts, idempotent up. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SandboxIT {

    private static final Duration REPLICATION_DEADLINE = Duration.ofSeconds(30);

    private static SandboxFixture sandbox;

    @BeforeAll
    static void startSandbox() throws SQLException {
        sandbox = SandboxFixture.get();
        try (Connection primary = sandbox.rootConnection(sandbox.primary());
                Statement statement = primary.createStatement()) {
            statement.execute("CREATE DATABASE IF NOT EXISTS sandbox_it");
            statement.execute("CREATE TABLE IF NOT EXISTS sandbox_it.probe (id VARCHAR(36) PRIMARY KEY)");
        }
    }

    @Test
    void everyServerAnswersWithItsOwnPortAndServerId() throws SQLException {
        for (ServerSpec server : sandbox.layout().servers()) {
            try (Connection connection = sandbox.rootConnection(server)) {
                Map<String, String> row = Jdbc.queryRow(connection, "SELECT @@port AS port,"
                        + " @@server_id AS server_id, @@datadir AS datadir");
                assertThat(row.get("port")).as(server.name()).isEqualTo(Integer.toString(server.port()));
                assertThat(row.get("server_id")).as(server.name()).isEqualTo(Long.toString(server.serverId()));
                // The datadir proves it is our server, not some other one that happens to use the port.
                assertThat(row.get("datadir")).as(server.name()).startsWith(server.datadir().toString());
            }
        }
        assertThat(sandbox.layout().servers().stream().map(ServerSpec::serverId).distinct()).hasSize(5);
        assertThat(sandbox.replicaPorts()).containsExactly(sandbox.basePort() + 1, sandbox.basePort() + 2);
        assertThat(sandbox.shardPorts()).containsExactly(sandbox.basePort() + 10, sandbox.basePort() + 11);
    }

    @Test
    void replicasAreReadOnlyGtidReplicasAndShardsStandAlone() throws SQLException {
        for (ServerSpec server : sandbox.layout().servers()) {
            try (Connection connection = sandbox.rootConnection(server)) {
                boolean replica = server.role() == Role.REPLICA;
                Map<String, String> replication = Jdbc.queryRow(connection, "SHOW SLAVE STATUS");
                assertThat(Jdbc.queryString(connection, "SELECT @@read_only")).as(server.name())
                        .contains(replica ? "1" : "0");
                assertThat(Jdbc.queryString(connection, "SELECT @@gtid_strict_mode")).contains("1");
                if (replica) {
                    assertThat(replication).containsEntry("Using_Gtid", "Slave_Pos")
                            .containsEntry("Master_Port", Integer.toString(sandbox.primaryPort()));
                } else {
                    assertThat(replication).as(server.name() + " replicates from nobody").isEmpty();
                }
            }
        }
    }

    @Test
    void rowWrittenOnThePrimaryReachesBothReplicas() throws Exception {
        String id = insertProbeRow();
        for (ServerSpec replica : sandbox.replicas()) {
            awaitProbeRow(replica, id);
        }
    }

    @Test
    void statusReportsReplicationHealthy() {
        SandboxStatus status = sandbox.sandbox().status();

        assertThat(status.healthy()).as(status.render()).isTrue();
        for (ServerSpec replica : sandbox.replicas()) {
            ReplicaState state = status.server(replica.name()).replica().orElseThrow();
            assertThat(state.ioRunning()).isEqualTo("Yes");
            assertThat(state.sqlRunning()).isEqualTo("Yes");
            assertThat(state.secondsBehind()).isNotNull();
            assertThat(state.gtidApplied()).contains("-" + sandbox.primaryPort() + "-");
        }
        assertThat(status.render()).contains("Healthy: 5 of 5 servers running");
    }

    @Test
    void secondUpIsAFastNoOp() {
        sandbox.ensureUp();
        Map<String, Long> pidsBefore = pids();

        long start = System.nanoTime();
        List<ServerSpec> started = sandbox.ensureUp();
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(started).isEmpty();
        assertThat(took).isLessThan(Duration.ofSeconds(5));
        assertThat(pids()).isEqualTo(pidsBefore);
    }

    @Test
    void backendAccountLogsInOnEveryServer() throws SQLException {
        for (ServerSpec server : sandbox.layout().servers()) {
            try (Connection connection = sandbox.backendConnection(server.port())) {
                assertThat(Jdbc.queryString(connection, "SELECT CURRENT_USER()")).as(server.name())
                        .contains(Accounts.BACKEND_USER + "@127.0.0.1");
            }
        }
    }

    @Test
    void stoppedReplicaIsRestartedWithItsDataAndCatchesUp() throws Exception {
        ServerSpec replica = sandbox.replicas().get(1);
        Map<String, Long> pidsBefore = pids();
        sandbox.sandbox().down(List.of(replica));
        String writtenWhileDown = insertProbeRow();

        // Sandbox.up, not the fixture's ensureUp: the replica was running before this test, so the fixture must
        // not count it as started by this JVM and stop it at exit.
        assertThat(sandbox.sandbox().up()).containsExactly(replica);

        awaitProbeRow(replica, writtenWhileDown);
        Map<String, Long> pidsAfter = pids();
        assertThat(pidsAfter.get(replica.name())).isNotEqualTo(pidsBefore.get(replica.name()));
        pidsBefore.remove(replica.name());
        pidsAfter.remove(replica.name());
        assertThat(pidsAfter).isEqualTo(pidsBefore);
        assertThat(sandbox.sandbox().status().healthy()).isTrue();
    }

    private static Map<String, Long> pids() {
        Map<String, Long> pids = new HashMap<>();
        sandbox.sandbox().status().servers().forEach(s -> pids.put(s.spec().name(), s.pid()));
        return pids;
    }

    private static String insertProbeRow() throws SQLException {
        String id = UUID.randomUUID().toString();
        try (Connection primary = sandbox.rootConnection(sandbox.primary());
                PreparedStatement insert = primary.prepareStatement("INSERT INTO sandbox_it.probe VALUES (?)")) {
            insert.setString(1, id);
            insert.executeUpdate();
        }
        return id;
    }

    /** Polls instead of sleeping a fixed time: fast when replication is fast, patient when the box is busy. */
    private static void awaitProbeRow(ServerSpec replica, String id) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + REPLICATION_DEADLINE.toNanos();
        try (Connection connection = sandbox.rootConnection(replica);
                PreparedStatement select = connection.prepareStatement(
                        "SELECT COUNT(*) FROM sandbox_it.probe WHERE id = ?")) {
            select.setString(1, id);
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = select.executeQuery()) {
                    if (rs.next() && rs.getInt(1) == 1) {
                        return;
                    }
                } catch (SQLException e) {
                    // The table itself may not have arrived yet on a fresh replica; keep polling.
                }
                Thread.sleep(50);
            }
        }
        throw new AssertionError("row " + id + " did not reach " + replica.describe() + " within "
                + REPLICATION_DEADLINE.toSeconds() + " s");
    }
}
