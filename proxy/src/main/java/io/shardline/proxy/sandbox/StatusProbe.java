package io.shardline.proxy.sandbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Collects a {@link SandboxStatus}: which servers run, whether they answer, how replication is doing. */
final class StatusProbe {

    private final SandboxLayout layout;
    private final Flavor flavor;

    StatusProbe(SandboxLayout layout, Flavor flavor) {
        this.layout = layout;
        this.flavor = flavor;
    }

    SandboxStatus probe() {
        List<ServerStatus> servers = layout.servers().stream().map(this::probe).toList();
        return new SandboxStatus(layout.basePort(), layout.workDir(), servers);
    }

    private ServerStatus probe(ServerSpec spec) {
        OptionalLong pid = new ServerProcess(spec).runningPid();
        if (pid.isEmpty()) {
            return ServerStatus.stopped(spec);
        }
        try (Connection connection = Jdbc.root(spec.port())) {
            String gtid = Jdbc.queryString(connection, flavor.appliedPositionSql()).orElse("");
            Optional<ReplicaState> replica = spec.role() == Role.REPLICA
                    ? new Replication(flavor, Progress.silent()).readState(connection)
                    : Optional.empty();
            return new ServerStatus(spec, pid.getAsLong(), true, gtid, replica);
        } catch (SQLException e) {
            // Running but not answering: still starting, or wedged. The table shows it as "starting".
            return new ServerStatus(spec, pid.getAsLong(), false, "", Optional.empty());
        }
    }
}
