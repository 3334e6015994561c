package io.shardline.proxy.health;

import java.time.Duration;

/**
 * Turns a round's raw {@link CheckResult} into a {@link ServerHealth}. A pure function of its {@link Observation}:
 * no clock, no I/O, no state, so every rule below has a unit test without a database.
 *
 * <h2>The rules</h2>
 * <ol>
 *   <li><b>DOWN</b> when the check failed (cannot connect, a query failed, no answer within the timeout)
 *       {@code failuresBeforeDown} times in a row. The problem says why, e.g. {@code cannot connect: Connection
 *       refused}. Fewer failures keep the previous status (a single blip does not reroute traffic) with a problem
 *       saying {@code check failed (1 of 3 before down): ...}.</li>
 *   <li>A <b>primary</b> that answered is <b>UP</b>.</li>
 *   <li>A <b>replica</b> that answered is <b>LAGGING</b>, lag unknown, when
 *     <ul>
 *       <li>it has no replication configured, or</li>
 *       <li>its SQL thread is stopped: it will never catch up by itself, however small its lag was, or</li>
 *       <li>its IO thread is not running (stopped, or {@code Connecting} to a source that is up or unmonitored):
 *           it receives nothing, so it falls behind by an amount nobody can see.</li>
 *     </ul></li>
 *   <li>A replica whose lag ({@code Seconds_Behind_Master}) is known is <b>LAGGING</b> when the lag exceeds its
 *       {@code maxReplicaLag}, else <b>UP</b>.</li>
 *   <li><b>Source down</b>: when the replica's source is a monitored server whose check failed in the same round
 *       (it need not be DOWN yet, so the replicas do not flap while it counts failures), a replica whose SQL thread
 *       runs and has applied everything its IO thread received keeps its last known lag and is judged by it, so
 *       readers go on reading from replicas while the primary is down. MariaDB 10.11 reports
 *       {@code Slave_IO_Running: Connecting}, {@code Seconds_Behind_Master: NULL} in that state. With no last known
 *       lag (the monitor started after the source went down) the replica is UP with the lag unknown: no reachable
 *       server has anything newer. A replica still applying what it received is LAGGING until it has.</li>
 *   <li>A server comes back to UP by itself as soon as a check passes again.</li>
 * </ol>
 * A replica that is UP because of rule 5, and a server failing but not yet DOWN, carry a problem text; otherwise UP
 * means {@code problem == null}.
 */
final class StatusRules {

    private final int failuresBeforeDown;

    StatusRules(int failuresBeforeDown) {
        if (failuresBeforeDown < 1) {
            throw new IllegalArgumentException("failuresBeforeDown must be at least 1, got " + failuresBeforeDown);
        }
        this.failuresBeforeDown = failuresBeforeDown;
    }

    ServerHealth evaluate(Observation observation) {
        if (!observation.result().ok()) {
            return failed(observation);
        }
        if (observation.server().role() == Role.PRIMARY) {
            return health(observation, Status.UP, null, false, null);
        }
        return replica(observation);
    }

    private ServerHealth failed(Observation observation) {
        ServerHealth previous = observation.previous();
        String problem = observation.result().problem();
        int failures = observation.failuresInARow();
        if (failures >= failuresBeforeDown) {
            String count = failuresBeforeDown == 1 ? "" : " (" + failures + " failed checks in a row)";
            // Last known read_only and position stay visible to the admin; the router ignores a DOWN server.
            return new ServerHealth(previous.server(), Status.DOWN, previous.readOnly(), null, false,
                    previous.position(), problem + count, observation.checkedAt());
        }
        return new ServerHealth(previous.server(), previous.status(), previous.readOnly(), previous.lagSeconds(),
                previous.replicating(), previous.position(),
                "check failed (" + failures + " of " + failuresBeforeDown + " before down): " + problem,
                observation.checkedAt());
    }

    private ServerHealth replica(Observation observation) {
        ReplicaStatus replica = observation.result().replica();
        if (replica == null) {
            return health(observation, Status.LAGGING, null, false, "replication is not configured");
        }
        if (!replica.sqlRunning()) {
            return health(observation, Status.LAGGING, null, false,
                    "SQL thread stopped" + detail(replica.lastSqlError()) + "; lag unknown");
        }
        if (replica.secondsBehind() != null) {
            return byLag(observation, replica.secondsBehind(), null);
        }
        if (observation.downSource() != null && replica.appliedAllReceived()) {
            return sourceDown(observation, replica);
        }
        return health(observation, Status.LAGGING, null, false, ioProblem(observation, replica));
    }

    /** Rule 5: nothing more can arrive, and everything that did is applied. */
    private ServerHealth sourceDown(Observation observation, ReplicaStatus replica) {
        Long lastLag = observation.previous().lagSeconds();
        String note = "source " + observation.downSource() + " is down (IO thread " + replica.ioThread()
                + "); all received transactions are applied; "
                + (lastLag == null ? "lag unknown" : "last known lag " + lastLag + " s");
        return byLag(observation, lastLag, note);
    }

    private ServerHealth byLag(Observation observation, Long lag, String note) {
        Duration max = observation.server().maxReplicaLag();
        if (lag != null && Duration.ofSeconds(lag).compareTo(max) > 0) {
            String problem = "lag " + lag + " s exceeds the allowed " + text(max);
            return health(observation, Status.LAGGING, lag, observation.result().replica().replicating(),
                    note == null ? problem : note + "; " + problem);
        }
        return health(observation, Status.UP, lag, observation.result().replica().replicating(), note);
    }

    private static String ioProblem(Observation observation, ReplicaStatus replica) {
        if (observation.downSource() != null) {
            return "source " + observation.downSource() + " is down and received transactions are still being"
                    + " applied; lag unknown";
        }
        if (replica.ioRunning()) {
            // Both threads run yet the server cannot say; seen only in passing, e.g. while the IO thread starts.
            return "replica reports no lag (Seconds_Behind_Master is NULL)";
        }
        return "IO thread " + replica.ioThread() + detail(replica.lastIoError()) + "; lag unknown";
    }

    private static ServerHealth health(Observation observation, Status status, Long lag, boolean replicating,
            String problem) {
        CheckResult result = observation.result();
        return new ServerHealth(observation.server().name(), status, result.readOnly(), lag, replicating,
                result.position(), problem, observation.checkedAt());
    }

    private static String detail(String error) {
        return error.isEmpty() ? "" : ": " + Problems.oneLine(error);
    }

    /** "5 s" or "500 ms": {@link Duration#toString()} ("PT5S") is no text for an operator. */
    static String text(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
