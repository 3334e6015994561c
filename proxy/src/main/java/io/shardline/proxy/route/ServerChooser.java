package io.shardline.proxy.route;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.shardline.proxy.backend.BackendConnection;
import io.shardline.proxy.backend.BackendPools;
import io.shardline.proxy.backend.BackendUnavailableException;
import io.shardline.proxy.backend.PoolExhaustedException;
import io.shardline.proxy.backend.InternalResult;
import io.shardline.proxy.config.ReadWriteSettings;
import io.shardline.proxy.health.Gtid;
import io.shardline.proxy.health.HealthSnapshot;
import io.shardline.proxy.health.ServerHealth;
import io.shardline.proxy.metrics.ReadWriteMetrics;
import io.shardline.proxy.session.Session;
import io.shardline.router.route.Target;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Borrows the connection a statement runs on, for one session's event loop: the writer for PRIMARY, a healthy
 * replica for REPLICA (balanced by {@link ReplicaSelector}) as long as it has applied the writes the read must see:
 * under "global-causal" every write acknowledged through this proxy on the data source, under "causal" the
 * session's own last write (GTIDs from session tracking). Known replica positions come from the health monitor
 * and from earlier checks; otherwise one {@code MASTER_GTID_WAIT(gtids, 0)} on the borrowed replica connection says
 * whether it has applied them, and if not the read goes to the primary.
 */
public final class ServerChooser {
    private final DataSourceBackends source;
    private final ReplicaSelector selector;
    private final EventLoop loop;
    private final LongSupplier nanoTime;
    private final Map<String, Map<Long, Long>> verified = new HashMap<>();
    private final ReadWriteSettings.Consistency consistency;
    private final ReadWriteMetrics metrics;

    public ServerChooser(DataSourceBackends source, EventLoop loop, LongSupplier nanoTime, ReadWriteMetrics metrics) {
        this.source = source;
        this.metrics = metrics;
        this.selector = new ReplicaSelector(source.settings().loadBalance());
        this.loop = loop;
        this.nanoTime = nanoTime;
        this.consistency = source.settings().consistency();
    }

    /**
     * A statement of some session ended and the session's last GTID changed to {@code gtid}: under global-causal
     * every later read, of any session, must see it.
     */
    public void wrote(String gtid) {
        if (consistency == ReadWriteSettings.Consistency.GLOBAL_CAUSAL && gtid != null) {
            Gtid parsed = parsed(gtid);
            if (parsed != null) {
                source.written().advance(parsed);
            }
        }
    }

    public DataSourceBackends source() {
        return source;
    }

    public ReadWriteMetrics metrics() {
        return metrics;
    }

    /**
     * The most connections one statement can hold at once on this data source from this event loop, whichever
     * server lends them: the smallest pool share of this loop among the primary and the replicas.
     */
    public int poolShare() {
        int result = source.writer().on(loop).maxSize();
        for (ReplicaBackend each : source.replicas()) {
            result = Math.min(result, each.pools().on(loop).maxSize());
        }
        return result;
    }

    /** Borrows for {@code target}, skipping replicas in {@code excluded} (they just failed this statement). */
    public Future<BackendConnection> borrow(Session session, Target target, Set<String> excluded, long timeoutMillis) {
        if (target.replicaEligible() && source.hasReplicas()) {
            if (!replicaAllowed(session)) {
                metrics.redirected(ReadWriteMetrics.WRITE_WINDOW);
                return borrowPrimary(session, timeoutMillis);
            }
            List<ReplicaBackend> candidates = source.readable();
            ReplicaBackend replica = selector.choose(candidates, excluded);
            if (replica != null) {
                return orNextReplica(borrowReplica(session, replica, timeoutMillis), session, target, replica,
                        excluded, timeoutMillis);
            }
            if (target == Target.REPLICA && source.settings().fallback() == ReadWriteSettings.Fallback.FAIL) {
                return loop.newFailedFuture(new BackendUnavailableException("no healthy replica of data source '"
                        + source.name() + "' can serve this read (replica-fallback: fail); " + describe(), null));
            }
            metrics.redirected(ReadWriteMetrics.NO_HEALTHY_REPLICA);
        }
        return borrowPrimary(session, timeoutMillis);
    }

    /**
     * A replica that cannot lend a connection (it just died and the health monitor has not noticed yet: connect
     * refused, or a pooled connection found dead while readied) is skipped for this statement: nothing of the
     * statement was sent, so trying the next server is always safe.
     */
    private Future<BackendConnection> orNextReplica(Future<BackendConnection> attempt, Session session, Target target,
                                                   ReplicaBackend replica, Set<String> excluded, long timeoutMillis) {
        if (attempt.isSuccess()) {
            return attempt;
        }
        Promise<BackendConnection> result = loop.newPromise();
        attempt.addListener(done -> {
            if (done.isSuccess()) {
                result.trySuccess((BackendConnection) done.getNow());
                return;
            }
            if (done.cause() instanceof PoolExhaustedException) {
                result.tryFailure(done.cause()); // busy, not broken: another server would not be fairer
                return;
            }
            Set<String> skip = new java.util.HashSet<>(excluded);
            skip.add(replica.name());
            borrow(session, target, skip, timeoutMillis).addListener(next -> {
                if (next.isSuccess()) {
                    result.trySuccess((BackendConnection) next.getNow());
                } else {
                    result.tryFailure(next.cause());
                }
            });
        });
        return result;
    }

    private boolean replicaAllowed(Session session) {
        long sinceWrite = nanoTime.getAsLong() - session.lastWriteNanos();
        boolean recentWrite = session.lastWriteNanos() != 0 && sinceWrite < source.settings().writeWindow().toNanos();
        if (source.settings().consistency() == ReadWriteSettings.Consistency.PRIMARY_AFTER_WRITE) {
            return !recentWrite;
        }
        // Causal, but a write that produced no GTID (binary log off) cannot be checked: hold reads on the primary.
        return !(recentWrite && session.lastGtid() == null);
    }

    private Future<BackendConnection> borrowPrimary(Session session, long timeoutMillis) {
        String refusal = source.writerRefusal();
        if (refusal != null) {
            return loop.newFailedFuture(new BackendUnavailableException(refusal, null));
        }
        BackendPools writer = source.writer();
        return writer.on(loop).acquire(session.flavour(), session.id(), session.schema(), timeoutMillis);
    }

    private Future<BackendConnection> borrowReplica(Session session, ReplicaBackend replica, long timeoutMillis) {
        // primary-after-write trusts its time window alone: no check per read, and reads after the window may
        // be as old as the replica's lag (documented).
        List<Gtid> needed = List.of();
        if (consistency != ReadWriteSettings.Consistency.PRIMARY_AFTER_WRITE && session.lastGtid() != null) {
            Gtid own = parsed(session.lastGtid());
            if (own == null) {
                metrics.redirected(ReadWriteMetrics.NOT_CAUGHT_UP);
                return borrowPrimary(session, timeoutMillis);
            }
            needed = consistency == ReadWriteSettings.Consistency.CAUSAL ? List.of(own) : source.written().newest();
        } else if (consistency == ReadWriteSettings.Consistency.GLOBAL_CAUSAL) {
            needed = source.written().newest();
        }
        Future<BackendConnection> acquired = replica.pools().on(loop).acquire(session.flavour(), session.id(),
                session.schema(), timeoutMillis);
        if (known(replica.name(), needed)) {
            return acquired;
        }
        List<Gtid> wanted = needed;
        Promise<BackendConnection> result = loop.newPromise();
        acquired.addListener(done -> {
            if (!done.isSuccess()) {
                result.tryFailure(done.cause());
                return;
            }
            checkApplied((BackendConnection) done.getNow(), session, wanted, timeoutMillis, result);
        });
        return result;
    }

    private void checkApplied(BackendConnection connection, Session session, List<Gtid> needed, long timeoutMillis,
                              Promise<BackendConnection> result) {
        StringBuilder list = new StringBuilder();
        for (Gtid each : needed) {
            list.append(list.isEmpty() ? "" : ",").append(each);
        }
        connection.query("SELECT MASTER_GTID_WAIT('" + list + "', 0)").addListener(waited -> {
            boolean applied = waited.isSuccess() && !((InternalResult) waited.getNow()).rows().isEmpty()
                    && "0".equals(((InternalResult) waited.getNow()).rows().get(0).get(0));
            if (applied) {
                remember(connection.server().name(), needed);
                result.trySuccess(connection);
                return;
            }
            connection.owner().release(connection);
            metrics.redirected(ReadWriteMetrics.NOT_CAUGHT_UP);
            borrowPrimary(session, timeoutMillis).addListener(primary -> {
                if (primary.isSuccess()) {
                    result.trySuccess((BackendConnection) primary.getNow());
                } else {
                    result.tryFailure(primary.cause());
                }
            });
        });
    }

    /** A GTID the proxy cannot read (a MySQL uuid:n) is never covered: such reads go to the primary. */
    private static Gtid parsed(String gtid) {
        try {
            return Gtid.parse(gtid);
        } catch (IllegalArgumentException ex) {
            return null;
        }
    }

    /** Whether {@code server} is known to have applied every GTID of {@code needed}. */
    private boolean known(String server, List<Gtid> needed) {
        for (Gtid each : needed) {
            if (!known(server, each)) {
                return false;
            }
        }
        return true;
    }

    private boolean known(String server, Gtid needed) {
        Long seen = verified.getOrDefault(server, Map.of()).get(needed.domain());
        if (seen != null && seen >= needed.sequence()) {
            return true;
        }
        HealthSnapshot snapshot = source.health();
        ServerHealth health = snapshot == null ? null : snapshot.of(server);
        return health != null && health.position() != null && health.position().covers(needed);
    }

    private void remember(String server, List<Gtid> applied) {
        Map<Long, Long> seen = verified.computeIfAbsent(server, key -> new HashMap<>());
        for (Gtid each : applied) {
            seen.merge(each.domain(), each.sequence(), Math::max);
        }
    }

    private String describe() {
        HealthSnapshot snapshot = source.health();
        StringBuilder result = new StringBuilder();
        AdminOverrides overrides = source.overrides();
        for (ReplicaBackend each : source.replicas()) {
            ServerHealth health = snapshot == null ? null : snapshot.of(each.name());
            result.append(each.name()).append(": ").append(health == null ? "not checked yet"
                    : health.status() + (health.problem() == null ? "" : " (" + health.problem() + ")"));
            if (overrides.isOffline(each.name())) {
                result.append(", offline (admin)");
            } else if (overrides.weightOf(each) == 0) {
                result.append(", weight 0");
            }
            result.append("; ");
        }
        return result.toString();
    }
}
