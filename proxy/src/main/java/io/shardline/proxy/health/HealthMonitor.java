package io.shardline.proxy.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;

/**
 * Watches every backend server and publishes an immutable {@link HealthSnapshot} after each round of checks.
 *
 * <p><b>Threads.</b> Rounds run on one scheduler thread ({@code shardline-health}), never on a Netty event loop:
 * they block on JDBC. Within a round every server is checked in parallel on a fixed pool of
 * {@code min(servers, 16)} threads ({@code shardline-health-check}), so a dead server delays nobody else; the
 * servers' HikariCP pools share one housekeeping thread. Event loops only ever call {@link #current()}, a
 * volatile read.
 *
 * <p><b>Timing.</b> The first round runs as soon as {@link #start()} is called, then one starts every
 * {@code interval}; a round takes as long as its slowest server, at most {@code timeout} plus a 200 ms grace. A
 * round that overruns the interval delays the next one instead of overlapping it.
 *
 * <p>What each status means is decided by {@link StatusRules}; this class keeps the count of failures in a row,
 * finds each replica's source, publishes, logs status changes and calls listeners.
 */
public final class HealthMonitor implements AutoCloseable {

    static final int MAX_CHECK_THREADS = 16;

    /** The servers watched; grows when a reload adds a data source. Read and written under {@link #roundLock}. */
    private List<MonitoredServer> servers;
    private final Duration interval;
    private final Duration timeout;
    private final Clock clock;
    private final StatusRules rules;
    private SourceResolver sources;
    private final Probe.Factory probeFactory;
    private final Map<String, Probe> probes;
    private final ExecutorService workers;
    private final ScheduledExecutorService scheduler;
    private final HealthRound round;
    private final List<Consumer<HealthSnapshot>> listeners = new CopyOnWriteArrayList<>();
    /** Serialises rounds: the scheduler's and any {@link #checkNow()} caller's. */
    private final Object roundLock = new Object();
    private final Map<String, Integer> failuresInARow = new HashMap<>();
    private final Object lifecycle = new Object();
    private boolean started;
    private volatile boolean closed;
    private volatile HealthSnapshot current;

    /**
     * Opens one small JDBC pool per server (they connect in the background) but checks nothing until
     * {@link #start()} or {@link #checkNow()}.
     *
     * @param servers the servers to watch; names must be unique
     * @param clock   the time stamped on each {@link ServerHealth#checkedAt()}
     */
    public HealthMonitor(List<MonitoredServer> servers, HealthSettings settings, Clock clock) {
        this(validated(servers), Objects.requireNonNull(settings, "settings"), clock,
                new JdbcProbeFactory(settings.timeout()));
    }

    /** With probes of the caller's choice: unit tests check the bookkeeping without a database. */
    HealthMonitor(List<MonitoredServer> servers, HealthSettings settings, Clock clock, Probe.Factory probeFactory) {
        this.servers = validated(servers);
        this.interval = settings.interval();
        this.timeout = settings.timeout();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.rules = new StatusRules(settings.failuresBeforeDown());
        this.sources = new SourceResolver(this.servers);
        this.probeFactory = probeFactory;
        this.probes = openAll(this.servers, probeFactory);
        this.workers = Executors.newFixedThreadPool(Math.min(this.servers.size(), MAX_CHECK_THREADS),
                DaemonThreads.named("shardline-health-check"));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("shardline-health"));
        this.round = new HealthRound(workers, timeout);
        this.current = initialSnapshot(this.servers);
    }

    private static List<MonitoredServer> validated(List<MonitoredServer> servers) {
        Objects.requireNonNull(servers, "servers");
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("the health monitor needs at least one server");
        }
        Set<String> names = new HashSet<>();
        for (MonitoredServer server : servers) {
            if (!names.add(Objects.requireNonNull(server, "server").name())) {
                throw new IllegalArgumentException("two monitored servers are named '" + server.name() + "'");
            }
        }
        return List.copyOf(servers);
    }

    /** If one probe cannot be made, the ones already made are closed: nothing of a failed start stays open. */
    private static Map<String, Probe> openAll(List<MonitoredServer> servers, Probe.Factory factory) {
        try {
            return openProbes(servers, factory);
        } catch (RuntimeException e) {
            factory.close();
            throw e;
        }
    }

    /** Opens one probe per server; if one fails, those already opened are closed (the factory stays open). */
    private static Map<String, Probe> openProbes(List<MonitoredServer> servers, Probe.Factory factory) {
        Map<String, Probe> opened = new LinkedHashMap<>();
        try {
            for (MonitoredServer server : servers) {
                opened.put(server.name(), factory.open(server));
            }
            return opened;
        } catch (RuntimeException e) {
            opened.values().forEach(HealthMonitor::closeQuietly);
            throw e;
        }
    }

    private static HealthSnapshot initialSnapshot(List<MonitoredServer> servers) {
        Map<String, ServerHealth> unknown = new LinkedHashMap<>();
        servers.forEach(server -> unknown.put(server.name(), ServerHealth.unknown(server.name())));
        return new HealthSnapshot(unknown, 0);
    }

    /**
     * Starts checking: the first round at once, then every interval, on the monitor's own thread.
     *
     * @throws IllegalStateException if already started or closed
     */
    public void start() {
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("the health monitor is closed");
            }
            if (started) {
                throw new IllegalStateException("the health monitor is already started");
            }
            started = true;
        }
        scheduler.scheduleAtFixedRate(this::scheduledRound, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The latest snapshot; a volatile read that never blocks, safe from any thread. */
    public HealthSnapshot current() {
        return current;
    }

    /**
     * Runs one round now, on the calling thread, and returns once its snapshot is published (or the round was
     * abandoned because the monitor is closing). Waits for a scheduled round that is running to finish first.
     *
     * @throws IllegalStateException if the monitor is closed
     */
    public void checkNow() {
        if (closed) {
            throw new IllegalStateException("the health monitor is closed");
        }
        runRound();
    }

    /**
     * Calls {@code listener} with the new snapshot after every round that changed anything but the time stamps,
     * on the thread that ran the round (the monitor's, or a {@link #checkNow()} caller's). Listeners must be quick
     * and must not block; one that throws is logged and does not disturb the others.
     */
    public void addListener(Consumer<HealthSnapshot> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Watches more servers from the next round on (a configuration reload added them). They appear in
     * {@link #current()} at once as not checked yet, as every server does before the first round; callers that must
     * not use them unchecked run {@link #checkNow()} next. Waits for a round in progress to end.
     *
     * @throws IllegalArgumentException when a name is already watched (nothing changes)
     */
    public void add(List<MonitoredServer> added) {
        synchronized (roundLock) {
            List<MonitoredServer> next = new ArrayList<>(servers);
            next.addAll(added);
            List<MonitoredServer> checked = validated(next);
            requireOpen();
            probes.putAll(openProbes(added, probeFactory));
            Map<String, ServerHealth> health = new LinkedHashMap<>(current.byServer());
            added.forEach(server -> health.put(server.name(), ServerHealth.unknown(server.name())));
            watch(checked, health);
            int threads = Math.min(checked.size(), MAX_CHECK_THREADS);
            if (workers instanceof ThreadPoolExecutor pool && pool.getMaximumPoolSize() < threads) {
                pool.setMaximumPoolSize(threads); // first: a core size above the maximum is refused
                pool.setCorePoolSize(threads);
            }
        }
    }

    /** Stops watching {@code names} (a reload removed them) and closes their probes; unknown names are ignored. */
    public void remove(Set<String> names) {
        synchronized (roundLock) {
            requireOpen();
            List<MonitoredServer> next = servers.stream().filter(each -> !names.contains(each.name())).toList();
            names.forEach(name -> {
                Probe probe = probes.remove(name);
                if (probe != null) {
                    closeQuietly(probe);
                }
                failuresInARow.remove(name);
            });
            Map<String, ServerHealth> health = new LinkedHashMap<>(current.byServer());
            health.keySet().removeAll(names);
            watch(next, health);
        }
    }

    /** Under the round lock: the servers the next round checks, and the snapshot that says so. */
    private void watch(List<MonitoredServer> next, Map<String, ServerHealth> health) {
        servers = List.copyOf(next);
        sources = new SourceResolver(servers);
        current = new HealthSnapshot(health, current.version() + 1);
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the health monitor is closed");
        }
    }

    /** A scheduled task that throws is never run again; a round must fail loudly but keep the schedule alive. */
    private void scheduledRound() {
        try {
            runRound();
        } catch (RuntimeException e) {
            StatusChangeLog.LOG.log(Level.SEVERE, "health check round failed", e);
        }
    }

    private void runRound() {
        synchronized (roundLock) {
            if (closed) {
                return;
            }
            Map<String, CheckResult> results = round.run(probes);
            // A round cut short by close() would report every server as failed; nobody should act on that.
            if (closed || Thread.currentThread().isInterrupted()) {
                return;
            }
            publish(evaluate(results, clock.instant()));
        }
    }

    private Map<String, ServerHealth> evaluate(Map<String, CheckResult> results, Instant checkedAt) {
        HealthSnapshot before = current;
        Map<String, ServerHealth> next = new LinkedHashMap<>();
        for (MonitoredServer server : servers) {
            CheckResult result = results.get(server.name());
            Observation observation = new Observation(server, result, countFailure(server.name(), result),
                    before.of(server.name()), downSource(result, results), checkedAt);
            next.put(server.name(), rules.evaluate(observation));
        }
        return next;
    }

    private int countFailure(String server, CheckResult result) {
        if (result.ok()) {
            failuresInARow.remove(server);
            return 0;
        }
        return failuresInARow.merge(server, 1, Integer::sum);
    }

    /** The replica's source, when it is one of ours and its own check failed in this round. */
    private String downSource(CheckResult result, Map<String, CheckResult> results) {
        if (!result.ok() || result.replica() == null) {
            return null;
        }
        String source = sources.sourceOf(result.replica());
        return source != null && !results.get(source).ok() ? source : null;
    }

    /** Every round publishes (fresh time stamps); only a changed one bumps the version, logs and notifies. */
    private void publish(Map<String, ServerHealth> next) {
        HealthSnapshot before = current;
        HealthSnapshot same = new HealthSnapshot(next, before.version());
        boolean changed = !same.sameAs(before);
        HealthSnapshot published = changed ? new HealthSnapshot(next, before.version() + 1) : same;
        current = published;
        if (changed) {
            StatusChangeLog.log(before, published);
            notifyListeners(published);
        }
    }

    private void notifyListeners(HealthSnapshot snapshot) {
        for (Consumer<HealthSnapshot> listener : listeners) {
            try {
                listener.accept(snapshot);
            } catch (RuntimeException e) {
                StatusChangeLog.LOG.log(Level.WARNING, "health listener " + listener + " failed", e);
            }
        }
    }

    /**
     * Stops the rounds and closes every pool. A round in progress is abandoned, not published. Idempotent.
     */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
        }
        scheduler.shutdownNow();
        workers.shutdownNow();
        awaitQuietly(scheduler, timeout.plus(HealthRound.GRACE));
        // Taking the round lock waits out a checkNow() in progress, so no probe is closed under a running check.
        synchronized (roundLock) {
            probes.values().forEach(HealthMonitor::closeQuietly);
            probeFactory.close();
        }
    }

    private static void awaitQuietly(ExecutorService executor, Duration atMost) {
        try {
            executor.awaitTermination(atMost.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Probe probe) {
        try {
            probe.close();
        } catch (RuntimeException e) {
            StatusChangeLog.LOG.log(Level.FINE, "closing a health probe failed", e);
        }
    }
}
