package io.shardline.proxy;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.shardline.proxy.backend.BackendConnector;
import io.shardline.proxy.backend.BackendPools;
import io.shardline.proxy.backend.BackendServer;
import io.shardline.proxy.config.DataSourceChanges;
import io.shardline.proxy.config.DataSourceSpec;
import io.shardline.proxy.config.Endpoint;
import io.shardline.proxy.config.ReplicaSpec;
import io.shardline.proxy.health.HealthMonitor;
import io.shardline.proxy.health.MonitoredServer;
import io.shardline.proxy.health.Role;
import io.shardline.proxy.metrics.BackendMetrics;
import io.shardline.proxy.metrics.ReadWriteMetrics;
import io.shardline.proxy.route.DataSourceBackends;
import io.shardline.proxy.route.LoopChoosers;
import io.shardline.proxy.route.ReplicaBackend;
import io.shardline.proxy.route.ServerChooser;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The data sources the proxy runs, by name in file order, and the one way to start another on a running proxy
 * ({@link #add}, a configuration reload). Starting one takes the same steps as at start, in an order that keeps
 * statements away from it until it is ready: pools, then health (checked once), meters, a chooser on every event
 * loop, and only then the listing the admin API and rules validation read. The rules that route statements to it
 * are applied after all of that, by the caller.
 *
 * <p>The map is replaced whole (copy on write) and read with one volatile read, off the query path: the query
 * path finds its data sources through its event loop's {@link LoopChoosers}.
 */
final class RunningSources implements ConfigReload.DataSources {
    /** How long a reload waits for an event loop to take a new chooser: loops run short tasks only. */
    private static final long LOOP_WAIT_SECONDS = 10;
    /** How often a removed replica's pools are looked at until nothing borrows from them. */
    private static final long DRAIN_CHECK_MILLIS = 200;

    private final EventLoopGroup workers;
    private final BackendConnector connector;
    private final MeterRegistry meters;
    private volatile Map<String, DataSourceBackends> running = Map.of();
    private final Map<String, ReadWriteMetrics> metrics = new java.util.concurrent.ConcurrentHashMap<>();
    private HealthMonitor health;
    private Map<EventLoop, LoopChoosers> choosers;

    /** Builds every data source's pools and meters; nothing is checked or routed to yet. */
    RunningSources(Iterable<DataSourceSpec> specs, EventLoopGroup workers, BackendConnector connector,
                   MeterRegistry meters) {
        this.workers = workers;
        this.connector = connector;
        this.meters = meters;
        Map<String, DataSourceBackends> built = new LinkedHashMap<>();
        for (DataSourceSpec each : specs) {
            DataSourceBackends backends = backends(each);
            built.put(each.name(), backends);
            metrics.put(each.name(), new ReadWriteMetrics(meters, backends));
        }
        running = Collections.unmodifiableMap(built);
    }

    /** The data sources running now, by name, in file order (then in the order reloads added them). */
    Map<String, DataSourceBackends> all() {
        return running;
    }

    /** Every server of every data source, as the health monitor watches them. */
    List<MonitoredServer> monitored(Map<String, DataSourceSpec> specs) {
        List<MonitoredServer> result = new ArrayList<>();
        running.forEach((name, backends) -> result.addAll(monitored(specs.get(name), backends)));
        return result;
    }

    /** One chooser per data source for {@code loop}. */
    Map<String, ServerChooser> choosersOn(EventLoop loop) {
        Map<String, ServerChooser> result = new LinkedHashMap<>();
        running.forEach((name, backends) -> result.put(name, new ServerChooser(backends, loop, System::nanoTime,
                metrics.get(name))));
        return result;
    }

    /** What {@link #add} needs once the proxy runs: the monitor, and the event loops' choosers. */
    void attach(HealthMonitor monitor, Map<EventLoop, LoopChoosers> loops) {
        this.health = monitor;
        this.choosers = loops;
    }

    /**
     * Starts a data source the proxy does not run yet. Its servers are checked once before this returns, so
     * statements that rules send there next find their health known (a server down then is DOWN, not unknown).
     */
    @Override
    public synchronized void add(DataSourceSpec spec) {
        if (running.containsKey(spec.name())) {
            throw new IllegalStateException("data source " + spec.name() + " is running already");
        }
        DataSourceBackends backends = backends(spec);
        try {
            health.add(monitored(spec, backends));
        } catch (RuntimeException ex) {
            backends.close();
            throw ex;
        }
        health.addListener(backends::health);
        health.checkNow();
        backends.health(health.current());
        ReadWriteMetrics sourceMetrics = new ReadWriteMetrics(meters, backends);
        metrics.put(spec.name(), sourceMetrics);
        for (Map.Entry<EventLoop, LoopChoosers> each : choosers.entrySet()) {
            ServerChooser chooser = new ServerChooser(backends, each.getKey(), System::nanoTime, sourceMetrics);
            onLoop(each.getKey(), () -> each.getValue().add(spec.name(), chooser));
        }
        Map<String, DataSourceBackends> next = new LinkedHashMap<>(running);
        next.put(spec.name(), backends);
        running = Collections.unmodifiableMap(next);
    }

    /** A replica's configured weight; returns its weight in force after it (an operator's, when set). */
    @Override
    public synchronized int weight(DataSourceChanges.WeightChange change) {
        DataSourceBackends source = running.get(change.dataSource());
        String replica = serverName(change.dataSource(), "replica", change.replica());
        source.configuredWeight(replica, change.to());
        return source.weightOf(replica);
    }

    /**
     * Adds a replica to a running data source (checked once before it takes reads), or removes one: drained like
     * {@code shardctl backend offline} (no new statement; running ones and pinned sessions finish; connections close
     * as they are given back), then forgotten by the health monitor and the meters, its pools closed once nothing
     * borrows from them.
     */
    @Override
    public synchronized void replica(DataSourceSpec spec, DataSourceChanges.ReplicaChange change) {
        DataSourceBackends source = running.get(spec.name());
        ReadWriteMetrics sourceMetrics = metrics.get(spec.name());
        BackendServer server = backendServer(spec, "replica", change.replica().address());
        if (!change.added()) {
            BackendPools pools = source.removeReplica(server.name());
            if (pools != null) {
                pools.retire(true);
                health.remove(java.util.Set.of(server.name()));
                sourceMetrics.replicaRemoved(server.name());
                closeWhenIdle(pools, (EventLoop) workers.next());
            }
            return;
        }
        ReplicaBackend replica = replicaBackend(server, change.replica().weight());
        try {
            health.add(List.of(monitored(spec, server, Role.REPLICA)));
        } catch (RuntimeException ex) {
            replica.pools().close();
            throw ex;
        }
        health.checkNow();
        source.addReplica(replica);
        source.health(health.current());
        sourceMetrics.replicaAdded(replica);
    }

    /** A removed replica's pools: retired (given-back connections close), closed once none is lent out. */
    private static void closeWhenIdle(BackendPools pools, EventLoop loop) {
        loop.schedule(() -> {
            if (pools.borrowed() == 0) {
                pools.close();
            } else {
                closeWhenIdle(pools, loop);
            }
        }, DRAIN_CHECK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** {@link LoopChoosers} is confined to its loop: the change runs there, and this waits for it. */
    private static void onLoop(EventLoop loop, Runnable task) {
        try {
            loop.submit(task).get(LOOP_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while adding a data source to an event loop", ex);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ex) {
            throw new IllegalStateException("an event loop did not take the new data source: " + ex, ex);
        }
    }

    static String serverName(String source, String role, Endpoint address) {
        return source + "/" + role + "@" + address;
    }

    static BackendServer backendServer(DataSourceSpec source, String role, Endpoint address) {
        return new BackendServer(serverName(source.name(), role, address), source.name(), address.host(),
                address.port(), source.user(), source.password(), source.tls(), source.pool());
    }

    private DataSourceBackends backends(DataSourceSpec source) {
        BackendServer primary = backendServer(source, "primary", source.primary());
        List<ReplicaBackend> replicas = new ArrayList<>();
        for (ReplicaSpec each : source.replicas()) {
            replicas.add(replicaBackend(backendServer(source, "replica", each.address()), each.weight()));
        }
        return new DataSourceBackends(source.name(), new BackendPools(primary, workers, connector,
                BackendMetrics.poolWaits(meters, primary)), replicas, source.readWrite());
    }

    private ReplicaBackend replicaBackend(BackendServer server, int weight) {
        return new ReplicaBackend(new BackendPools(server, workers, connector, BackendMetrics.poolWaits(meters, server)),
                weight);
    }

    /** Every server of the data source, by the same names the pools use (health is looked up by name). */
    private static List<MonitoredServer> monitored(DataSourceSpec source, DataSourceBackends backends) {
        List<MonitoredServer> result = new ArrayList<>();
        result.add(monitored(source, backends.primary().server(), Role.PRIMARY));
        for (ReplicaBackend each : backends.replicas()) {
            result.add(monitored(source, each.pools().server(), Role.REPLICA));
        }
        return result;
    }

    private static MonitoredServer monitored(DataSourceSpec source, BackendServer server, Role role) {
        return new MonitoredServer(server.name(), server.host(), server.port(), source.user(), source.password(),
                role, source.readWrite().maxReplicaLag());
    }

    void close() {
        running.values().forEach(DataSourceBackends::close);
    }
}
