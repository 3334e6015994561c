package io.shardline.proxy.sandbox;

import java.util.Objects;
import java.util.Optional;

/**
 * One server as {@code status} found it.
 *
 * @param spec         which server
 * @param pid          its process id, or -1 when not running
 * @param accepting    whether it answered a root login just now (a running server may still be starting)
 * @param gtidPosition GTID position it has applied (binlogged, on the primary); empty if unknown
 * @param replica      replication state; present only for a replica that has replication configured
 */
public record ServerStatus(ServerSpec spec, long pid, boolean accepting, String gtidPosition,
        Optional<ReplicaState> replica) {

    public ServerStatus {
        Objects.requireNonNull(spec, "spec");
        gtidPosition = gtidPosition == null ? "" : gtidPosition;
        Objects.requireNonNull(replica, "replica");
    }

    public static ServerStatus stopped(ServerSpec spec) {
        return new ServerStatus(spec, -1, false, "", Optional.empty());
    }

    public boolean running() {
        return pid > 0;
    }

    /** Running and serving, and for a replica also replicating. */
    public boolean healthy() {
        if (!running() || !accepting) {
            return false;
        }
        return spec.role() != Role.REPLICA || replica.map(ReplicaState::healthy).orElse(false);
    }

    /** Why this server is not healthy, in words; empty when it is. */
    public String problem() {
        if (!running()) {
            return "not running";
        }
        if (!accepting) {
            return "running but not accepting connections";
        }
        if (spec.role() != Role.REPLICA || healthy()) {
            return "";
        }
        return replica.map(r -> "replication broken (" + r.threads() + ")").orElse("replication not configured");
    }
}
