package io.shardline.proxy.health;

import java.util.Objects;

/**
 * What one round of checks learned about one server, before any rule is applied: either the values read, or why
 * they could not be read.
 *
 * @param ok       the server answered every check
 * @param problem  why it did not, one line of text; null when {@code ok}
 * @param readOnly {@code @@read_only}
 * @param position {@code @@gtid_current_pos}; null on MySQL, whose GTID sets {@link GtidPosition} does not model
 * @param replica  the replica status row; null for a primary, and for a replica with no replication configured
 */
record CheckResult(boolean ok, String problem, boolean readOnly, GtidPosition position, ReplicaStatus replica) {

    CheckResult {
        if (!ok) {
            Objects.requireNonNull(problem, "a failed check needs a problem");
        }
    }

    static CheckResult failed(String problem) {
        return new CheckResult(false, problem, false, null, null);
    }

    static CheckResult answered(boolean readOnly, GtidPosition position, ReplicaStatus replica) {
        return new CheckResult(true, null, readOnly, position, replica);
    }
}
