package io.shardline.proxy.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The sandbox facade: {@link #up}, {@link #down}, {@link #status} for one {@link SandboxLayout}.
 *
 * <p>The CLI, the quickstart and the integration tests all go through this class, so the topology the tests
 * prove is the topology developers run. Every operation is safe to repeat: {@code up} only does what is missing,
 * {@code down} only stops what runs.
 */
public final class Sandbox {

    static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    static final Duration REPLICATION_TIMEOUT = Duration.ofSeconds(60);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final SandboxLayout layout;
    private final Progress progress;

    public Sandbox(SandboxLayout layout, Progress progress) {
        this.layout = Objects.requireNonNull(layout, "layout");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /** The default layout under {@code repoRoot}, reporting progress on standard output. */
    public Sandbox(Path repoRoot, int basePort) {
        this(SandboxLayout.of(repoRoot, basePort), Progress.to(System.out));
    }

    public SandboxLayout layout() {
        return layout;
    }

    /**
     * Brings the whole topology up and returns once every server accepts connections and both replicas have
     * caught up with the primary.
     *
     * @return the servers this call started; empty if everything was already running
     * @throws SandboxException naming the server (and its log file) that failed
     */
    public List<ServerSpec> up() {
        return WorkDirLock.holding(layout, this::upHoldingLock);
    }

    private List<ServerSpec> upHoldingLock() {
        long start = System.nanoTime();
        List<ServerProcess> processes = layout.servers().stream().map(ServerProcess::new).toList();
        List<ServerProcess> stopped = stoppedOnes(processes);
        ServerBinaries binaries = ServerBinaries.locate(progress);
        if (!stopped.isEmpty()) {
            progress.step("using " + binaries.shortVersion() + " (" + binaries.server() + ")");
            prepareDatadirs(stopped, binaries);
        }
        startServers(processes, stopped, binaries);
        createAccounts();
        setUpReplication(binaries.flavor());
        progress.step(String.format(java.util.Locale.ROOT, "sandbox %d is up: %d of %d servers started, %.1f s",
                layout.basePort(), stopped.size(), processes.size(), (System.nanoTime() - start) / 1e9));
        return stopped.stream().map(ServerProcess::spec).toList();
    }

    private List<ServerProcess> stoppedOnes(List<ServerProcess> processes) {
        List<ServerProcess> stopped = new ArrayList<>();
        for (ServerProcess process : processes) {
            process.runningPid().ifPresentOrElse(
                    pid -> progress.step(process.spec().describe() + " already running (pid " + pid + ")"),
                    () -> stopped.add(process));
        }
        return stopped;
    }

    /** All at once: each server spends most of its start-up waiting on its own disk I/O. */
    private void startServers(List<ServerProcess> processes, List<ServerProcess> stopped, ServerBinaries binaries) {
        Parallel.forEach(processes, process -> {
            boolean starting = stopped.contains(process);
            if (starting) {
                progress.step("starting " + process.spec().name() + " on " + process.spec().port() + "…");
                process.start(binaries);
            }
            // Also for servers that were running: one that is itself still starting must be waited for.
            process.awaitReady(START_TIMEOUT);
            if (starting) {
                progress.step(process.spec().describe() + " accepts connections");
            }
        });
    }

    /** Sequential on purpose: the template must exist before the first copy, and copying takes milliseconds. */
    private void prepareDatadirs(List<ServerProcess> stopped, ServerBinaries binaries) {
        DatadirInstaller installer = new DatadirInstaller(binaries, layout, progress);
        for (ServerProcess process : stopped) {
            if (!DatadirInstaller.hasDatadir(process.spec())) {
                installer.createDatadir(process.spec());
                progress.step("created datadir for " + process.spec().describe());
            }
        }
    }

    private void createAccounts() {
        sql(layout.primary(), connection -> {
            if (Accounts.ensureOnPrimary(connection)) {
                progress.step("created accounts " + Accounts.BACKEND_USER + " and " + Accounts.REPLICATION_USER
                        + " on " + layout.primary().describe());
            }
        });
        for (ServerSpec shard : layout.shards()) {
            sql(shard, connection -> {
                if (Accounts.ensureOnShard(connection)) {
                    progress.step("created account " + Accounts.BACKEND_USER + " on " + shard.describe());
                }
            });
        }
    }

    private void setUpReplication(Flavor flavor) {
        Replication replication = new Replication(flavor, progress);
        ServerSpec primary = layout.primary();
        for (ServerSpec replica : layout.replicas()) {
            sql(replica, connection -> replication.ensureConfigured(connection, primary, replica));
        }
        Parallel.forEach(layout.replicas(), replica -> sql(replica,
                connection -> replication.awaitCaughtUp(connection, primary, replica, REPLICATION_TIMEOUT)));
    }

    /** A status snapshot; never starts or installs anything. */
    public SandboxStatus status() {
        return new StatusProbe(layout, installedFlavor()).probe();
    }

    /** The servers of this layout that are running now. */
    public List<ServerSpec> running() {
        return layout.servers().stream()
                .filter(spec -> new ServerProcess(spec).runningPid().isPresent())
                .toList();
    }

    /** Stops every running server of the layout; datadirs are kept. Returns the servers it stopped. */
    public List<ServerSpec> down() {
        return down(layout.servers());
    }

    /**
     * Stops the given servers, all at once: SIGTERM to every one first, then wait, so five clean InnoDB
     * shutdowns overlap instead of queueing. A server that outlives the timeout is killed.
     */
    public List<ServerSpec> down(Collection<ServerSpec> servers) {
        if (!Files.isDirectory(layout.workDir())) {
            // Nothing can run without a work folder; do not create one (the lock would) just to say so.
            progress.step("nothing was running: " + layout.workDir() + " does not exist");
            return List.of();
        }
        List<ServerSpec> stopped = WorkDirLock.holding(layout, () -> stop(servers));
        progress.step(stopped.isEmpty() ? "nothing was running in " + layout.workDir()
                : "stopped " + stopped.size() + " server(s); datadirs kept in " + layout.workDir());
        return stopped;
    }

    private List<ServerSpec> stop(Collection<ServerSpec> servers) {
        Map<ServerSpec, ProcessHandle> stopping = new java.util.LinkedHashMap<>();
        for (ServerSpec spec : servers) {
            new ServerProcess(spec).requestStop().ifPresent(handle -> {
                progress.step("stopping " + spec.describe() + ", pid " + handle.pid() + "…");
                stopping.put(spec, handle);
            });
        }
        stopping.forEach((spec, handle) -> {
            if (!ServerProcess.awaitExit(handle, STOP_TIMEOUT)) {
                progress.step(spec.describe() + " did not stop within " + STOP_TIMEOUT.toSeconds() + " s; killed");
            }
        });
        return List.copyOf(stopping.keySet());
    }

    /** Stops every server, then deletes the work folder: the next {@code up} starts from scratch. */
    public void purge() {
        Path workDir = layout.workDir();
        if (!Files.isDirectory(workDir)) {
            progress.step("nothing to purge: " + workDir + " does not exist");
            return;
        }
        // Never delete a folder this class did not create: every up or down leaves the lock file in it.
        if (!Files.exists(layout.lockFile())) {
            throw new SandboxException("refusing to delete " + workDir + ": it does not look like a sandbox folder");
        }
        List<ServerSpec> stopped = WorkDirLock.holding(layout, () -> stop(layout.servers()));
        if (!stopped.isEmpty()) {
            progress.step("stopped " + stopped.size() + " server(s)");
        }
        try {
            DatadirInstaller.deleteTree(workDir);
        } catch (IOException e) {
            throw new SandboxException("cannot delete " + workDir + ": " + e.getMessage(), e);
        }
        progress.step("deleted " + workDir);
    }

    /** The flavour decides the SQL dialect; without any server installed, MariaDB's is the natural guess. */
    private static Flavor installedFlavor() {
        return ServerBinaries.find().map(ServerBinaries::flavor).orElse(Flavor.MARIADB);
    }

    @FunctionalInterface
    private interface SqlWork {
        void run(Connection connection) throws SQLException;
    }

    private static void sql(ServerSpec spec, SqlWork work) {
        try (Connection connection = Jdbc.root(spec.port())) {
            work.run(connection);
        } catch (SQLException e) {
            throw new SandboxException(spec.describe() + ": " + e.getMessage() + "; see " + spec.logFile(), e);
        }
    }
}
