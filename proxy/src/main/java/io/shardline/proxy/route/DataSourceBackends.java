package io.shardline.proxy.route;

import io.shardline.proxy.backend.BackendPools;
import io.shardline.proxy.config.ReadWriteSettings;
import io.shardline.proxy.health.HealthSnapshot;
import io.shardline.proxy.health.ServerHealth;
import io.shardline.proxy.health.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One data source's servers as the query path sees them: who takes writes, which replicas may serve reads right
 * now. Two inputs decide it: health, from the monitor thread as immutable snapshots, and what operators set through
 * the admin API ({@link AdminOverrides}: servers taken offline, replicas' weights). Either change recomputes one
 * immutable {@link View} under this object's lock; the query path reads it with one volatile read, never takes the
 * lock and never waits for a health check or an operator.
 */
public final class DataSourceBackends {
    private final String name;
    private final BackendPools primary;
    private final ReadWriteSettings settings;
    private final WrittenPositions written = new WrittenPositions();
    /**
     * The inputs of the view, written under this object's lock only. The replicas carry their configured weights,
     * which a configuration reload may change ({@link #configuredWeight}).
     */
    private List<ReplicaBackend> replicas;
    private HealthSnapshot snapshot;
    private AdminOverrides overrides = AdminOverrides.NONE;
    private volatile View view;

    public DataSourceBackends(String name, BackendPools primary, List<ReplicaBackend> replicas,
                              ReadWriteSettings settings) {
        this.name = name;
        this.primary = primary;
        this.replicas = List.copyOf(replicas);
        this.settings = settings;
        this.view = View.of(this, null, AdminOverrides.NONE);
    }

    public String name() {
        return name;
    }

    public ReadWriteSettings settings() {
        return settings;
    }

    public boolean hasReplicas() {
        return !view.replicas().isEmpty();
    }

    /** The replicas, each with its configured weight (an operator's override is in {@link #overrides()}). */
    public List<ReplicaBackend> replicas() {
        return view.replicas();
    }

    public BackendPools primary() {
        return primary;
    }

    /** What writes through this proxy reached on this data source (for {@code global-causal} reads). */
    public WrittenPositions written() {
        return written;
    }

    /** Called by the health monitor after each round that changed something (never on the query path). */
    public synchronized void health(HealthSnapshot snapshot) {
        this.snapshot = snapshot;
        view = View.of(this, snapshot, overrides);
    }

    /**
     * Takes {@code server} (the primary or a replica of this data source) out of service or back. Offline, no new
     * statement is sent to it: statements running on it finish, sessions holding one of its connections (a
     * transaction, locks, temporary tables) keep it until they give it back, and its pooled connections close as
     * they become idle. The view changes first, so once this returns no statement starts there.
     */
    public void offline(String server, boolean offline) {
        BackendPools pools = pools(server);
        synchronized (this) {
            overrides = overrides.offline(server, offline);
            view = View.of(this, snapshot, overrides);
        }
        pools.retire(offline);
    }

    /** Gives a replica another share of reads (0 to 1000; 0: none) from its next read on. */
    public synchronized void weight(String replica, int weight) {
        if (weight < 0 || weight > 1000) {
            throw new IllegalArgumentException("a weight is 0 to 1000, not " + weight);
        }
        if (replicas.stream().noneMatch(each -> each.name().equals(replica))) {
            throw new IllegalArgumentException(replica + " is not a replica of data source '" + name + "'");
        }
        overrides = overrides.weight(replica, weight);
        view = View.of(this, snapshot, overrides);
    }

    /**
     * A replica's weight as the configuration file gives it, changed by a reload. An operator's weight set through
     * the admin API still wins until the proxy restarts: it was set on purpose on this running proxy, and the file
     * may simply not have caught up with it (docs/operations.md, "Reloading the configuration").
     */
    public synchronized void configuredWeight(String replica, int weight) {
        if (weight < 0 || weight > 1000) {
            throw new IllegalArgumentException("a weight is 0 to 1000, not " + weight);
        }
        List<ReplicaBackend> next = new ArrayList<>(replicas.size());
        boolean found = false;
        for (ReplicaBackend each : replicas) {
            found |= each.name().equals(replica);
            next.add(each.name().equals(replica) ? new ReplicaBackend(each.pools(), weight) : each);
        }
        if (!found) {
            throw new IllegalArgumentException(replica + " is not a replica of data source '" + name + "'");
        }
        replicas = List.copyOf(next);
        view = View.of(this, snapshot, overrides);
    }

    /**
     * A replica added by a configuration reload: it takes reads once the health snapshot has it UP (the caller
     * has it checked first), as the others do.
     */
    public synchronized void addReplica(ReplicaBackend replica) {
        if (replicas.stream().anyMatch(each -> each.name().equals(replica.name()))) {
            throw new IllegalArgumentException(replica.name() + " is a replica of data source '" + name + "' already");
        }
        List<ReplicaBackend> next = new ArrayList<>(replicas);
        next.add(replica);
        replicas = List.copyOf(next);
        view = View.of(this, snapshot, overrides);
    }

    /**
     * Takes a replica out of this data source for good (a configuration reload removed it): once this returns no
     * new read goes to it, as with {@link #offline}. Returns its pools, which the caller retires and closes once
     * nothing borrows from them; null when there is no such replica.
     */
    public synchronized BackendPools removeReplica(String replica) {
        ReplicaBackend removed = null;
        List<ReplicaBackend> next = new ArrayList<>(replicas);
        for (ReplicaBackend each : replicas) {
            if (each.name().equals(replica)) {
                removed = each;
                next.remove(each);
            }
        }
        if (removed == null) {
            return null;
        }
        replicas = List.copyOf(next);
        overrides = overrides.forget(replica);
        view = View.of(this, snapshot, overrides);
        return removed.pools();
    }

    /** A replica's share of reads now: an operator's weight, else the configured one; -1 when there is none. */
    public int weightOf(String replica) {
        View now = view;
        for (ReplicaBackend each : now.replicas()) {
            if (each.name().equals(replica)) {
                return now.overrides().weightOf(each);
            }
        }
        return -1;
    }

    /** What operators have set, as the current view uses it. */
    public AdminOverrides overrides() {
        return view.overrides();
    }

    private BackendPools pools(String server) {
        if (primary.server().name().equals(server)) {
            return primary;
        }
        for (ReplicaBackend each : view.replicas()) {
            if (each.name().equals(server)) {
                return each.pools();
            }
        }
        throw new IllegalArgumentException("no server " + server + " in data source '" + name + "'");
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

    /**
     * The error message for a statement that needs the writer when it may not take one (down, or taken offline by
     * an operator), or null when it may.
     */
    public String writerRefusal() {
        return view.writerRefusal();
    }

    /**
     * Replicas that may serve reads now: checked and UP (not down, not lagging), online, with a weight above 0 (an
     * operator's, else the configured one), and not the writer.
     */
    public List<ReplicaBackend> readable() {
        return view.readable();
    }

    /**
     * What one health snapshot and the operators' overrides mean for routing, worked out once per change on the
     * monitor's or the management port's thread so that the query path only reads it.
     *
     * @param snapshot null before the first health check
     */
    private record View(HealthSnapshot snapshot, AdminOverrides overrides, List<ReplicaBackend> replicas,
                        BackendPools writer, String writerProblem, String writerRefusal,
                        List<ReplicaBackend> readable) {

        static View of(DataSourceBackends source, HealthSnapshot snapshot, AdminOverrides overrides) {
            Map<String, ServerHealth> health = snapshot == null ? Map.of() : snapshot.byServer();
            BackendPools writer = source.settings.followReadOnly()
                    ? promoted(health, source.primary, source.replicas) : source.primary;
            ServerHealth writerHealth = health.get(writer.server().name());
            String problem = writerHealth != null && writerHealth.status() == Status.DOWN
                    ? nonNull(writerHealth.problem()) : null;
            List<ReplicaBackend> readable = new ArrayList<>(source.replicas.size());
            for (ReplicaBackend each : source.replicas) {
                ServerHealth state = health.get(each.name());
                int weight = overrides.weightOf(each);
                if (weight > 0 && each.pools() != writer && !overrides.isOffline(each.name()) && state != null
                        && state.status() == Status.UP) {
                    readable.add(weight == each.weight() ? each : new ReplicaBackend(each.pools(), weight));
                }
            }
            return new View(snapshot, overrides, source.replicas, writer, problem,
                    refusal(source.name, writer.server().name(), problem, overrides), List.copyOf(readable));
        }

        private static String refusal(String source, String writer, String problem, AdminOverrides overrides) {
            if (overrides.isOffline(writer)) {
                return "the primary of data source '" + source + "' is offline (" + writer + " was taken out of"
                        + " service through the admin API); nothing was executed; retry once an operator brings it"
                        + " back ('shardctl backend online " + writer + "')";
            }
            return problem == null ? null : "the primary of data source '" + source + "' is down (" + problem
                    + "); nothing was executed; retry once it is back";
        }

        private static BackendPools promoted(Map<String, ServerHealth> health, BackendPools primary,
                                             List<ReplicaBackend> replicas) {
            ServerHealth primaryHealth = health.get(primary.server().name());
            if (primaryHealth == null || !primaryHealth.readOnly() || primaryHealth.status() == Status.DOWN) {
                return primary;
            }
            BackendPools promoted = null;
            for (ReplicaBackend each : replicas) {
                ServerHealth replica = health.get(each.name());
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
        for (ReplicaBackend each : view.replicas()) {
            each.pools().close();
        }
    }
}
