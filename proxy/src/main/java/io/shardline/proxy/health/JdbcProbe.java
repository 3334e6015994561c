package io.shardline.proxy.health;

import com.mysql.cj.jdbc.MysqlDataSource;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Checks one server over JDBC through its own tiny HikariCP pool.
 *
 * <p>A pool rather than a fresh connection per check: a check every 500 ms would otherwise cost a TCP and login
 * handshake each time and fill the server's connection log. Two connections at most, one kept warm; the second
 * only exists while the first is being replaced. Every timeout (borrow, connect, socket read, validation) is the
 * check timeout, so a dead or hung server cannot hold the check's thread much longer than that.
 */
final class JdbcProbe implements Probe {

    /** HikariCP refuses shorter timeouts (it silently substitutes its 30 s default). */
    static final long MIN_POOL_TIMEOUT_MS = 250;

    private final MonitoredServer server;
    private final Duration timeout;
    private final HikariDataSource pool;
    /**
     * Learned on the first successful connection and forgotten after any failure: the server that comes back
     * may have been upgraded (or replaced) meanwhile.
     */
    private Dialect dialect;

    JdbcProbe(MonitoredServer server, Duration timeout, ScheduledExecutorService housekeeping) {
        this.server = server;
        this.timeout = Duration.ofMillis(Math.max(MIN_POOL_TIMEOUT_MS, timeout.toMillis()));
        this.pool = new HikariDataSource(poolConfig(server, this.timeout, housekeeping));
    }

    static HikariConfig poolConfig(MonitoredServer server, Duration timeout, ScheduledExecutorService housekeeping) {
        long timeoutMs = timeout.toMillis();
        HikariConfig config = new HikariConfig();
        config.setPoolName("shardline-health-" + server.name());
        config.setDataSource(dataSource(server, (int) timeoutMs));
        config.setUsername(server.user());
        config.setPassword(server.password());
        config.setMaximumPoolSize(2);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(timeoutMs);
        config.setValidationTimeout(timeoutMs);
        // Start even when the server is down: that is a health result, not a reason to fail the proxy.
        config.setInitializationFailTimeout(-1);
        config.setScheduledExecutor(housekeeping);
        config.setRegisterMbeans(false);
        return config;
    }

    /**
     * A DataSource of its own rather than a JDBC URL: given a URL, HikariCP sets its connection timeout as
     * DriverManager's login timeout, which is global to the JVM and would cut short every other JDBC connect in it
     * (an embedding application's, the tests' clients).
     */
    static MysqlDataSource dataSource(MonitoredServer server, int timeoutMs) {
        MysqlDataSource result = new MysqlDataSource();
        result.setUrl(jdbcUrl(server));
        try {
            result.setConnectTimeout(timeoutMs);
            result.setSocketTimeout(timeoutMs);
            result.setTcpKeepAlive(true);
            // caching_sha2_password without TLS needs the server's RSA key (MySQL 8); MariaDB ignores it.
            result.setAllowPublicKeyRetrieval(true);
            // Tells a DBA looking at the process list what these connections are.
            result.setConnectionAttributes("program_name:shardline-health");
        } catch (SQLException e) {
            throw new IllegalStateException("Connector/J refused a health check setting: " + e.getMessage(), e);
        }
        return result;
    }

    /** IPv6 literals need brackets in a URL. */
    static String jdbcUrl(MonitoredServer server) {
        String host = server.host().indexOf(':') >= 0 && !server.host().startsWith("[")
                ? "[" + server.host() + "]" : server.host();
        return "jdbc:mysql://" + host + ":" + server.port() + "/";
    }

    @Override
    public CheckResult check() {
        return check(true);
    }

    private CheckResult check(boolean mayRetry) {
        Connection connection;
        try {
            connection = pool.getConnection();
        } catch (SQLException | RuntimeException e) {
            dialect = null;
            return CheckResult.failed(Problems.cannotConnect(e, timeout));
        }
        try {
            if (dialect == null) {
                dialect = CheckQueries.dialect(connection);
            }
            return CheckQueries.check(connection, dialect, server.role());
        } catch (SQLException | RuntimeException e) {
            dialect = null;
            // A connection that failed a check may be half-broken; the next check gets a fresh one.
            pool.evictConnection(connection);
            // A pooled connection can die on its own (killed by a DBA, wait_timeout) while its server is fine:
            // one killed connection must not mark a primary down. A fresh connection decides.
            if (!mayRetry || !isConnectionLost(e)) {
                return CheckResult.failed(Problems.queryFailed(e));
            }
        } finally {
            closeQuietly(connection);
        }
        return check(false);
    }

    /** SQLSTATE class 08: the connection broke, as opposed to the server answering with an error. */
    private static boolean isConnectionLost(Exception e) {
        return e instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08");
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // Returning a connection to the pool only fails if it is already gone; nothing to do.
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
