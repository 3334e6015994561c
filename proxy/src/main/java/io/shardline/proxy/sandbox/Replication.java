package io.shardline.proxy.sandbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * GTID replication from the primary to a replica: configure it once, then confirm it works.
 *
 * <p>The replicas start from copies of the same pristine template and have never written anything of their own,
 * so an empty GTID position is correct for them: they fetch the primary's binlog from its very first event,
 * which includes the accounts created there.
 */
final class Replication {

    private static final Duration POLL = Duration.ofMillis(200);

    private final Flavor flavor;
    private final Progress progress;

    Replication(Flavor flavor, Progress progress) {
        this.flavor = flavor;
        this.progress = progress;
    }

    /**
     * Points the replica at the primary unless it already is, and (re)starts its threads if they are stopped.
     * A replica that already replicates is left alone, so a repeated {@code up} changes nothing.
     */
    void ensureConfigured(Connection replicaConnection, ServerSpec primary, ServerSpec replica)
            throws SQLException {
        Map<String, String> row = Jdbc.queryRow(replicaConnection, flavor.replicaStatusSql());
        String sourcePort = row.get(flavor.columns().sourcePort());
        if (row.isEmpty() || !Integer.toString(primary.port()).equals(sourcePort)) {
            progress.step(replica.describe() + ": replicating from " + primary.describe() + " by GTID");
            if (!row.isEmpty()) {
                Jdbc.execute(replicaConnection, flavor.stopReplicaSql());
            }
            Jdbc.execute(replicaConnection, flavor.changeSourceSql(primary.port(), Accounts.REPLICATION_USER,
                    Accounts.REPLICATION_PASSWORD));
            Jdbc.execute(replicaConnection, flavor.startReplicaSql());
        } else if ("No".equals(row.get(flavor.columns().ioRunning()))
                || "No".equals(row.get(flavor.columns().sqlRunning()))) {
            // "Connecting" counts as running: the IO thread retries every second on its own.
            progress.step(replica.describe() + ": starting replication threads");
            Jdbc.execute(replicaConnection, flavor.startReplicaSql());
        }
    }

    /**
     * Waits until the replica's threads run and it has applied everything the primary had written when the wait
     * began. An SQL thread that stopped on an error fails at once; an IO thread gets until the timeout, since it
     * retries by itself, e.g. while the primary is still starting.
     */
    void awaitCaughtUp(Connection replicaConnection, ServerSpec primary, ServerSpec replica, Duration timeout)
            throws SQLException {
        String target;
        try (Connection connection = Jdbc.root(primary.port())) {
            target = Jdbc.queryString(connection, flavor.binlogPositionSql()).orElse("");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        Optional<ReplicaState> state = Optional.empty();
        try {
            while (System.nanoTime() < deadline) {
                state = readState(replicaConnection);
                if (state.isPresent() && state.get().healthy() && reached(replicaConnection, target)) {
                    progress.step(replica.describe() + " caught up" + (target.isEmpty() ? "" : " at GTID " + target));
                    return;
                }
                if (state.isPresent() && sqlThreadFailed(state.get())) {
                    throw notReplicating(replica, state, "");
                }
                Thread.sleep(POLL.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted while waiting for " + replica.describe(), e);
        }
        throw notReplicating(replica, state, " within " + timeout.toSeconds() + " s");
    }

    /** Waits at most a second, so a replica that breaks meanwhile is noticed by the next status read. */
    private boolean reached(Connection connection, String target) throws SQLException {
        return flavor.waitSucceeded(Jdbc.queryString(connection, flavor.waitForPositionSql(), target, 1));
    }

    private static boolean sqlThreadFailed(ReplicaState state) {
        return "No".equals(state.sqlRunning()) && !state.lastError().isEmpty();
    }

    private static SandboxException notReplicating(ServerSpec replica, Optional<ReplicaState> state,
            String within) {
        String detail = state.map(s -> s.threads() + (s.lastError().isEmpty() ? "" : ", last error: " + s.lastError()))
                .orElse("replication is not configured");
        // A broken GTID history does not heal itself; starting over is the sandbox's answer.
        return new SandboxException(replica.describe() + " is not replicating" + within
                + " (" + detail + "); see " + replica.logFile()
                + ". If it does not recover, 'down --purge' and 'up' start the sandbox afresh.");
    }

    /** The replica's replication state, or empty if it has none configured (a shard, or a fresh replica). */
    Optional<ReplicaState> readState(Connection connection) throws SQLException {
        Map<String, String> row = Jdbc.queryRow(connection, flavor.replicaStatusSql());
        if (row.isEmpty()) {
            return Optional.empty();
        }
        Flavor.StatusColumns columns = flavor.columns();
        String lag = row.get(columns.lag());
        String lastError = Stream.of(row.get("Last_IO_Error"), row.get("Last_SQL_Error"))
                .filter(error -> error != null && !error.isBlank())
                .collect(Collectors.joining("; "));
        String applied = Jdbc.queryString(connection, flavor.appliedPositionSql()).orElse("");
        return Optional.of(new ReplicaState(row.get(columns.ioRunning()), row.get(columns.sqlRunning()),
                lag == null ? null : Long.valueOf(lag), row.get(columns.gtidReceived()), applied, lastError));
    }
}
