package io.shardline.proxy.it;

import io.shardline.proxy.sandbox.Accounts;
import io.shardline.proxy.sandbox.Jdbc;
import io.shardline.proxy.sandbox.Progress;
import io.shardline.proxy.sandbox.Sandbox;
import io.shardline.proxy.sandbox.SandboxLayout;
import io.shardline.proxy.sandbox.ServerSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The sandbox for integration tests: started once per JVM, shared by every test class, and stopped when the
 * JVM exits if this JVM started it.
 *
 * <p>It is the same {@link Sandbox} as {@code bin/sandbox}, on its own base port ({@value #DEFAULT_BASE_PORT}
 * unless {@code -Dshardline.it.basePort=N}) so a test run never disturbs a developer's demo sandbox on 3316.
 * Servers that were already running (a kept sandbox from an earlier run) are reused and left running; that
 * makes a second test run start in well under a second. {@code -Dshardline.sandbox.keep=true} keeps the servers
 * this JVM started, too.
 *
 * <p>Use {@link #get()} from a {@code @BeforeAll}, or {@code @ExtendWith(SandboxFixture.Extension.class)} and
 * take a {@code SandboxFixture} parameter.
 */
public final class SandboxFixture {

    public static final String BASE_PORT_PROPERTY = "shardline.it.basePort";
    public static final String REPO_ROOT_PROPERTY = "shardline.repo.root";
    public static final String KEEP_PROPERTY = "shardline.sandbox.keep";
    public static final int DEFAULT_BASE_PORT = 23316;

    private static SandboxFixture instance;
    /** A failed start is remembered, so the rest of the suite fails at once instead of retrying for minutes. */
    private static RuntimeException startFailure;

    private final Sandbox sandbox;
    private final Set<ServerSpec> startedHere = new HashSet<>();

    private SandboxFixture(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    /** The shared sandbox, started on first use; every server accepts connections and replication runs. */
    public static synchronized SandboxFixture get() {
        if (startFailure != null) {
            throw new IllegalStateException("the sandbox failed to start earlier in this JVM", startFailure);
        }
        if (instance == null) {
            int basePort = Integer.getInteger(BASE_PORT_PROPERTY, DEFAULT_BASE_PORT);
            SandboxLayout layout = SandboxLayout.of(repoRoot(), basePort);
            SandboxFixture fixture = new SandboxFixture(new Sandbox(layout, Progress.to(System.out)));
            Runtime.getRuntime().addShutdownHook(new Thread(fixture::stopWhatThisJvmStarted, "sandbox-stop"));
            try {
                fixture.ensureUp();
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
            instance = fixture;
        }
        return instance;
    }

    /**
     * Runs {@link Sandbox#up()} again, e.g. after a test stopped a server on purpose, and remembers whatever it
     * started so the shutdown hook stops that too. Returns the servers it started.
     */
    public List<ServerSpec> ensureUp() {
        synchronized (startedHere) {
            Set<ServerSpec> before = Set.copyOf(sandbox.running());
            try {
                return sandbox.up();
            } finally {
                // Also after a failed up: whatever came up meanwhile is ours to stop.
                sandbox.running().stream().filter(s -> !before.contains(s)).forEach(startedHere::add);
            }
        }
    }

    private void stopWhatThisJvmStarted() {
        synchronized (startedHere) {
            if (Boolean.getBoolean(KEEP_PROPERTY) || startedHere.isEmpty()) {
                return;
            }
            sandbox.down(List.copyOf(startedHere));
        }
    }

    /**
     * {@code -Dshardline.repo.root} (Failsafe sets it), else the nearest directory upwards from the current one
     * that holds both {@code router/} and {@code proxy/}.
     */
    static Path repoRoot() {
        String configured = System.getProperty(REPO_ROOT_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("router")) && Files.isDirectory(dir.resolve("proxy"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the repository root above " + start
                + "; set -D" + REPO_ROOT_PROPERTY);
    }

    public Sandbox sandbox() {
        return sandbox;
    }

    public SandboxLayout layout() {
        return sandbox.layout();
    }

    public int basePort() {
        return layout().basePort();
    }

    public Path workDir() {
        return layout().workDir();
    }

    /** The servers this JVM started (and will stop on exit unless kept). */
    public Set<ServerSpec> startedByThisJvm() {
        synchronized (startedHere) {
            return Set.copyOf(startedHere);
        }
    }

    public ServerSpec primary() {
        return layout().primary();
    }

    public List<ServerSpec> replicas() {
        return layout().replicas();
    }

    public List<ServerSpec> shards() {
        return layout().shards();
    }

    public int primaryPort() {
        return primary().port();
    }

    public List<Integer> replicaPorts() {
        return replicas().stream().map(ServerSpec::port).toList();
    }

    public List<Integer> shardPorts() {
        return shards().stream().map(ServerSpec::port).toList();
    }

    /** JDBC URL (MySQL Connector/J) without credentials; add user and password as properties. */
    public String jdbcUrl(int port) {
        return Jdbc.url(port);
    }

    public String primaryJdbcUrl() {
        return jdbcUrl(primaryPort());
    }

    public List<String> replicaJdbcUrls() {
        return replicaPorts().stream().map(this::jdbcUrl).toList();
    }

    public List<String> shardJdbcUrls() {
        return shardPorts().stream().map(this::jdbcUrl).toList();
    }

    /** A new connection as root (empty password) to the sandbox server on {@code port}; the caller closes it. */
    public Connection rootConnection(int port) throws SQLException {
        return Jdbc.root(port);
    }

    public Connection rootConnection(ServerSpec server) throws SQLException {
        return rootConnection(server.port());
    }

    /** A new connection as the proxy's backend account ({@code shardline}/{@code shardline}). */
    public Connection backendConnection(int port) throws SQLException {
        return Jdbc.connect(port, Accounts.BACKEND_USER, Accounts.BACKEND_PASSWORD);
    }

    /** JUnit 5 glue: starts the sandbox before the class and injects the fixture into test parameters. */
    public static final class Extension implements BeforeAllCallback, ParameterResolver {

        @Override
        public void beforeAll(ExtensionContext context) {
            get();
        }

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == SandboxFixture.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return get();
        }
    }
}
