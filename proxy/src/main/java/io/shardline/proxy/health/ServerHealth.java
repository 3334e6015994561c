package io.shardline.proxy.health;

import java.time.Instant;
import java.util.Objects;

/**
 * One server's health after a round of checks. Immutable; see {@link StatusRules} for how each field is decided.
 *
 * @param server      the {@link MonitoredServer#name()}
 * @param status      what the router may use it for
 * @param readOnly    {@code @@read_only}; the last known value while the server is {@link Status#DOWN}
 * @param lagSeconds  replication lag of a replica; null when unknown, and always null for a primary
 * @param replicating a replica's IO and SQL threads both run
 * @param position    the GTID position the server has applied ({@code @@gtid_current_pos}); the last known one
 *                    while it is down; null before the first successful check and on MySQL
 * @param problem     why the server is not simply fine, in words for logs and the admin API; null when fine
 * @param checkedAt   when the round that produced this finished; null while {@link Status#UNKNOWN}
 */
public record ServerHealth(String server, Status status, boolean readOnly, Long lagSeconds, boolean replicating,
        GtidPosition position, String problem, Instant checkedAt) {

    public ServerHealth {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(status, "status");
    }

    /** The state before the first check. */
    public static ServerHealth unknown(String server) {
        return new ServerHealth(server, Status.UNKNOWN, false, null, false, null, "not checked yet", null);
    }

    public boolean isUp() {
        return status == Status.UP;
    }

    /** Everything but {@link #checkedAt}: whether a new round changed anything a reader acts on. */
    public boolean sameAs(ServerHealth other) {
        return other != null && server.equals(other.server) && status == other.status
                && readOnly == other.readOnly && Objects.equals(lagSeconds, other.lagSeconds)
                && replicating == other.replicating && Objects.equals(position, other.position)
                && Objects.equals(problem, other.problem);
    }

    ServerHealth checkedAt(Instant when) {
        return new ServerHealth(server, status, readOnly, lagSeconds, replicating, position, problem, when);
    }
}
