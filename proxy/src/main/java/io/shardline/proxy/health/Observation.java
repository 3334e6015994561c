package io.shardline.proxy.health;

import java.time.Instant;
import java.util.Objects;

/**
 * Everything {@link StatusRules} needs to decide one server's health after one round.
 *
 * @param server         the server
 * @param result         what this round's check found
 * @param failuresInARow failed checks in a row including this one; 0 when this one answered
 * @param previous       the server's health after the previous round ({@link ServerHealth#unknown} at first)
 * @param downSource     for a replica: the name of its source when that is a monitored server whose check
 *                       failed in this same round; null otherwise
 * @param checkedAt      when this round finished
 */
record Observation(MonitoredServer server, CheckResult result, int failuresInARow, ServerHealth previous,
        String downSource, Instant checkedAt) {

    Observation {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(checkedAt, "checkedAt");
    }
}
