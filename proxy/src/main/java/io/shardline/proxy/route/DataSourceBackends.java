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
    private volatile HealthSnapshot health;

    public DataSourceBackends(String name, BackendPools primary, List<ReplicaBackend> replicas,
                              ReadWriteSettings settings) {
        this.name = name;
        this.primary = primary;
        this.replicas = List.copyOf(replicas);
        this.settings = settings;
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

    /** Called by the health monitor after each round that changed something. */
    public void health(HealthSnapshot snapshot) {
        health = snapshot;
    }

    public HealthSnapshot health() {
        return health;
    }

    /**
     * Where writes go: the configured primary, unless {@code follow-read-only} is on and an outside failover
     * made the primary read_only and exactly one replica writable.
     */
    public BackendPools writer() {
        HealthSnapshot snapshot = health;
        if (!settings.followReadOnly() || snapshot == null) {
            return primary;
        }
        ServerHealth primaryHealth = snapshot.of(primary.server().name());
        if (primaryHealth == null || !primaryHealth.readOnly() || primaryHealth.status() == Status.DOWN) {
            return primary;
        }
        BackendPools promoted = null;
        for (ReplicaBackend each : replicas) {
            ServerHealth replica = snapshot.of(each.name());
            if (replica != null && replica.status() != Status.DOWN && !replica.readOnly()) {
                if (promoted != null) {
                    return primary;
                }
                promoted = each.pools();
            }
        }
        return promoted != null ? promoted : primary;
    }

    /** Why the writer cannot take statements now, or null when it can (as far as the last check knows). */
    public String writerProblem() {
        HealthSnapshot snapshot = health;
        if (snapshot == null) {
            return null;
        }
        ServerHealth writer = snapshot.of(writer().server().name());
        return writer != null && writer.status() == Status.DOWN ? writer.problem() : null;
    }

    /** Replicas that may serve reads now: checked and UP (not down, not lagging), and not the writer. */
    public List<ReplicaBackend> readable() {
        HealthSnapshot snapshot = health;
        List<ReplicaBackend> result = new ArrayList<>(replicas.size());
        if (snapshot == null) {
            return result;
        }
        BackendPools writer = writer();
        for (ReplicaBackend each : replicas) {
            ServerHealth state = snapshot.of(each.name());
            if (each.weight() > 0 && each.pools() != writer && state != null && state.status() == Status.UP) {
                result.add(each);
            }
        }
        return result;
    }

    public void close() {
        primary.close();
        for (ReplicaBackend each : replicas) {
            each.pools().close();
        }
    }
}
