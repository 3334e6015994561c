package io.shardline.proxy.it;

import io.shardline.proxy.ShardlineServer;
import io.shardline.proxy.config.ConfigLoader;
import io.shardline.proxy.config.PasswordHash;
import io.shardline.proxy.config.ProxyConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real Shardline proxy, started once per test JVM in front of the sandbox primary (see {@link SandboxFixture}),
 * on a free port, with TLS (self-signed) and a few users. Tests reach it through real drivers; they reach the
 * same primary directly through {@link #directUrl} to compare answers.
 */
public final class ProxyFixture {
    public static final String SCHEMA = "shardline_it";
    public static final String USER = "app";
    public static final String PASSWORD = "secret";
    public static final String SHA2_USER = "sha2";
    public static final String SHA2_PASSWORD = "sha2pass";
    public static final String PBKDF2_USER = "salted";
    public static final String PBKDF2_PASSWORD = "saltedpass";
    public static final String LIMITED_USER = "limited";
    public static final String LIMITED_PASSWORD = "limitedpass";

    private static ProxyFixture instance;

    private final SandboxFixture sandbox;
    private final ShardlineServer server;

    private ProxyFixture(SandboxFixture sandbox, ShardlineServer server) {
        this.sandbox = sandbox;
        this.server = server;
    }

    public static synchronized ProxyFixture get() {
        if (instance == null) {
            try {
                SandboxFixture sandbox = SandboxFixture.get();
                createSchema(sandbox);
                ShardlineServer server = new ShardlineServer(config(sandbox)).start();
                Runtime.getRuntime().addShutdownHook(new Thread(server::close, "proxy-fixture-stop"));
                instance = new ProxyFixture(sandbox, server);
            } catch (Exception ex) {
                throw new IllegalStateException("cannot start the proxy for integration tests: " + ex, ex);
            }
        }
        return instance;
    }

    private static void createSchema(SandboxFixture sandbox) throws SQLException {
        try (Connection connection = sandbox.rootConnection(sandbox.primaryPort());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE IF NOT EXISTS " + SCHEMA + " CHARACTER SET utf8mb4");
        }
    }

    static ProxyConfig config(SandboxFixture sandbox) throws Exception {
        return config(sandbox, "", "{ max-size: 400 }", sandbox.primaryPort());
    }

    /**
     * A proxy of its own, for tests that need other settings (one event loop and a tiny pool, so sessions share
     * backend connections; TLS required; another backend). The caller closes it.
     */
    public static ShardlineServer startDedicated(String serverExtras, String pool, int backendPort) throws Exception {
        return new ShardlineServer(config(SandboxFixture.get(), serverExtras, pool, backendPort)).start();
    }

    /**
     * A proxy of its own over the sandbox's primary and both replicas, health-checked every 100 ms.
     * {@code dataSourceExtras} are more lines under the data source (indented four spaces), e.g. read/write
     * settings; {@code serverExtras} lines under {@code server:}. The caller closes it.
     */
    public static ShardlineServer startReplicated(String serverExtras, String dataSourceExtras) throws Exception {
        return startReplicated(serverExtras, dataSourceExtras, "");
    }

    /** {@link #startReplicated(String, String)} with more top-level lines, e.g. a {@code management:} section. */
    public static ShardlineServer startReplicated(String serverExtras, String dataSourceExtras, String topLevelExtras)
            throws Exception {
        SandboxFixture sandbox = SandboxFixture.get();
        StringBuilder lines = new StringBuilder();
        if (!dataSourceExtras.contains("replicas:")) {
            lines.append("    replicas:\n");
            for (int port : sandbox.replicaPorts()) {
                lines.append("      - { address: 127.0.0.1:").append(port).append(", weight: 1 }\n");
            }
        }
        lines.append(dataSourceExtras);
        return new ShardlineServer(config(sandbox, serverExtras, "{ max-size: 100 }", sandbox.primaryPort(),
                lines.toString(), "health: { interval: 100ms, timeout: 1s }\n" + topLevelExtras)).start();
    }

    static ProxyConfig config(SandboxFixture sandbox, String serverExtras, String pool, int backendPort)
            throws Exception {
        return config(sandbox, serverExtras, pool, backendPort, "", "");
    }

    static ProxyConfig config(SandboxFixture sandbox, String serverExtras, String pool, int backendPort,
                              String dataSourceExtras, String topLevelExtras) throws Exception {
        return load(yaml(sandbox, serverExtras, pool, backendPort, dataSourceExtras, topLevelExtras));
    }

    /** The configuration {@link #config} loads, as YAML text (for a proxy run as a process of its own). */
    static String yaml(SandboxFixture sandbox, String serverExtras, String pool, int backendPort,
                       String dataSourceExtras, String topLevelExtras) {
        return String.join("\n",
                "server:",
                "  listen: 127.0.0.1:0",
                "  max-allowed-packet: 64MiB",
                serverExtras.contains("backend-acquire-timeout") ? "" : "  backend-acquire-timeout: 10s",
                serverExtras.contains("tls:") ? "" : "  tls: { mode: self-signed }",
                serverExtras,
                // Many proxies share a test JVM (and other test runs share the machine): never the fixed default port.
                topLevelExtras.contains("management:") ? "" : "management: { listen: 127.0.0.1:0 }",
                "users:",
                "  - { name: " + USER + ", password: \"" + PasswordHash.nativeHashOf(PASSWORD).text() + "\" }",
                "  - { name: " + SHA2_USER + ", password: \"" + PasswordHash.nativeHashOf(SHA2_PASSWORD).text()
                        + "\", auth-plugin: caching_sha2_password }",
                "  - { name: " + PBKDF2_USER + ", password: \"" + PasswordHash.pbkdf2Of(PBKDF2_PASSWORD).text() + "\" }",
                "  - { name: " + LIMITED_USER + ", password: \"" + PasswordHash.nativeHashOf(LIMITED_PASSWORD).text()
                        + "\", schemas: [" + SCHEMA + "] }",
                "datasources:",
                "  main:",
                "    primary: 127.0.0.1:" + backendPort,
                "    user: shardline",
                "    password: shardline",
                "    pool: " + pool,
                dataSourceExtras,
                topLevelExtras,
                "");
    }

    static ProxyConfig load(String yaml) throws Exception {
        Path file = Files.createTempFile("shardline-it", ".yaml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        file.toFile().deleteOnExit();
        return ConfigLoader.load(file);
    }

    public int port() {
        return server.address().getPort();
    }

    /** Connector/J URL to any proxy on {@code port}. */
    public static String mysqlUrl(int port, String options) {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + SCHEMA + "?user=" + USER + "&password=" + PASSWORD
                + "&sslMode=DISABLED&allowPublicKeyRetrieval=true" + (options.isEmpty() ? "" : "&" + options);
    }

    public ShardlineServer server() {
        return server;
    }

    public SandboxFixture sandbox() {
        return sandbox;
    }

    /** Connector/J URL through the proxy; {@code options} are appended as URL parameters. */
    public String mysqlUrl(String options) {
        return "jdbc:mysql://127.0.0.1:" + port() + "/" + SCHEMA + "?user=" + USER + "&password=" + PASSWORD
                + "&sslMode=DISABLED&allowPublicKeyRetrieval=true" + (options.isEmpty() ? "" : "&" + options);
    }

    /** MariaDB Connector/J URL to any proxy on {@code port}. */
    public static String mariadbUrl(int port, String options) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + SCHEMA + "?user=" + USER + "&password=" + PASSWORD
                + (options.isEmpty() ? "" : "&" + options);
    }

    /** A URL to a proxy on {@code port} whose prepared statements are the server's, for "mysql" or "mariadb". */
    public static String serverPreparedUrl(String driver, int port) {
        return driver.equals("mysql") ? mysqlUrl(port, "useServerPrepStmts=true&cachePrepStmts=true")
                : mariadbUrl(port, "useServerPrepStmts=true");
    }

    /** MariaDB Connector/J URL through the proxy. */
    public String mariadbUrl(String options) {
        return "jdbc:mariadb://127.0.0.1:" + port() + "/" + SCHEMA + "?user=" + USER + "&password=" + PASSWORD
                + (options.isEmpty() ? "" : "&" + options);
    }

    /** Connector/J URL straight to the primary, as the proxy's own account: the reference for comparisons. */
    public String directUrl(String options) {
        return "jdbc:mysql://127.0.0.1:" + sandbox.primaryPort() + "/" + SCHEMA
                + "?user=shardline&password=shardline&sslMode=DISABLED&allowPublicKeyRetrieval=true"
                + (options.isEmpty() ? "" : "&" + options);
    }

    /** MariaDB Connector/J URL straight to the primary. */
    public String directMariadbUrl(String options) {
        return "jdbc:mariadb://127.0.0.1:" + sandbox.primaryPort() + "/" + SCHEMA + "?user=shardline&password=shardline"
                + (options.isEmpty() ? "" : "&" + options);
    }

    public Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url);
    }
}
