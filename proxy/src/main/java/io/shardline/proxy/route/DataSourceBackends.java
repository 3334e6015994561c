package io.shardline.proxy.route;

import io.shardline.proxy.backend.BackendPools;
import io.shardline.proxy.config.ReadWriteSettings;
import io.shardline.proxy.health.HealthSnapshot;
import io.shardline.proxy.health.ServerHealth;
import io.shardline.proxy.health.Status;
import java.util.ArrayList;
import java.util.List;

/**
 * One data source's servers as the query path sees them: who takes writes, which replicas may serve reads right
 * now. Health comes from the monitor thread as immutable snapshots, read here with one volatile read; nothing on
 * the query path waits for a health check.
 */
public final class DataSourceBackends {
    private final String name;
    private final BackendPools primary;
    private final List<ReplicaBackend> replicas;
    private final ReadWriteSettings settings;
    private final WrittenPositions written = new WrittenPositions();
    private volatile View view;

    public DataSourceBackends(String name, BackendPools primary, List<ReplicaBackend> replicas,
                              ReadWriteSettings settings) {
        this.name = name;
        this.primary = primary;
        this.replicas = List.copyOf(replicas);
        this.settings = settings;
        this.view = View.unchecked(primary);
    }

    public String name() {
        return name;
    }

    public ReadWriteSettings settings() {
        return settings;
    }

    public boolean hasReplicas() {
        return !replicas.isEmpty();
    }

    public List<ReplicaBackend> replicas() {
        return replicas;
    }

    public BackendPools primary() {
        return primary;
    }

    /** What writes through this proxy reached on this data source (for {@code global-causal} reads). */
    public WrittenPositions written() {
        return written;
    }

    /** Called by the health monitor after each round that changed something (never on the query path). */
    public void health(HealthSnapshot snapshot) {
        view = View.of(snapshot, primary, replicas, settings);
    }

    public HealthSnapshot health() {
        return view.snapshot();
    }

    /**
     * Where writes go: the configured primary, unless {@code follow-read-only} is on and an outside failover
     * made the primary read_only and exactly one replica writable.
     */
    public BackendPools writer() {
        return view.writer();
    }

    /** Why the writer cannot take statements now, or null when it can (as far as the last check knows). */
    public String writerProblem() {
        return view.writerProblem();
    }

    /** Replicas that may serve reads now: checked and UP (not down, not lagging), weighted, and not the writer. */
    public List<ReplicaBackend> readable() {
        return view.readable();
    }

    /**
     * What one health snapshot means for routing, worked out once per snapshot on the monitor's thread so that
     * the query path only reads it.
     */
    private record View(HealthSnapshot snapshot, BackendPools writer, String writerProblem,
                        List<ReplicaBackend> readable) {

        static View unchecked(BackendPools primary) {
            return new View(null, primary, null, List.of());
        }

        static View of(HealthSnapshot snapshot, BackendPools primary, List<ReplicaBackend> replicas,
                       ReadWriteSettings settings) {
            BackendPools writer = settings.followReadOnly() ? promoted(snapshot, primary, replicas) : primary;
            ServerHealth writerHealth = snapshot.byServer().get(writer.server().name());
            String problem = writerHealth != null && writerHealth.status() == Status.DOWN
                    ? nonNull(writerHealth.problem()) : null;
            List<ReplicaBackend> readable = new ArrayList<>(replicas.size());
            for (ReplicaBackend each : replicas) {
                ServerHealth state = snapshot.byServer().get(each.name());
                if (each.weight() > 0 && each.pools() != writer && state != null && state.status() == Status.UP) {
                    readable.add(each);
                }
            }
            return new View(snapshot, writer, problem, List.copyOf(readable));
        }

        private static BackendPools promoted(HealthSnapshot snapshot, BackendPools primary,
                                             List<ReplicaBackend> replicas) {
            ServerHealth primaryHealth = snapshot.byServer().get(primary.server().name());
            if (primaryHealth == null || !primaryHealth.readOnly() || primaryHealth.status() == Status.DOWN) {
                return primary;
            }
            BackendPools promoted = null;
            for (ReplicaBackend each : replicas) {
                ServerHealth replica = snapshot.byServer().get(each.name());
                if (replica != null && replica.status() != Status.DOWN && !replica.readOnly()) {
                    if (promoted != null) {
                        return primary; // two writable replicas: not a failover we can follow safely
                    }
                    promoted = each.pools();
                }
            }
            return promoted != null ? promoted : primary;
        }

        private static String nonNull(String problem) {
            return problem == null ? "no answer to health checks" : problem;
        }
    }

    public void close() {
        primary.close();
        for (ReplicaBackend each : replicas) {
            each.pools().close();
        }
    }
}
