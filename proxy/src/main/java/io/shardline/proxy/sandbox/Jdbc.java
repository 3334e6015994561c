package io.shardline.proxy.sandbox;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Plain JDBC to sandbox servers. Setup runs a handful of statements, so there is no pool: connect, run, close.
 */
public final class Jdbc {

    /** The account mariadb-install-db creates: root with an empty password, usable from 127.0.0.1. */
    public static final String ROOT_USER = "root";

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(30);

    private Jdbc() {}

    /** URL without credentials, e.g. {@code jdbc:mysql://127.0.0.1:3316/?sslMode=DISABLED&...}. */
    public static String url(int port) {
        // The sandbox has no TLS certificates worth verifying; public-key retrieval lets MySQL 8's
        // caching_sha2_password work without TLS.
        return "jdbc:mysql://127.0.0.1:" + port + "/?sslMode=DISABLED&allowPublicKeyRetrieval=true";
    }

    public static Connection connect(int port, String user, String password) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        // Short timeouts: a server that is still starting should fail fast so the caller can poll again.
        props.setProperty("connectTimeout", Long.toString(CONNECT_TIMEOUT.toMillis()));
        props.setProperty("socketTimeout", Long.toString(SOCKET_TIMEOUT.toMillis()));
        return DriverManager.getConnection(url(port), props);
    }

    public static Connection root(int port) throws SQLException {
        return connect(port, ROOT_USER, "");
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** First column of the first row, as text; empty if there is no row or the value is NULL. */
    static Optional<String> queryString(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
        }
    }

    /** Like {@link #queryString(Connection, String)}, with bind parameters. */
    static Optional<String> queryString(Connection connection, String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** The first row as column label to text (NULL stays null); empty map if there is no row. */
    static Map<String, String> queryRow(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            Map<String, String> row = new LinkedHashMap<>();
            if (rs.next()) {
                ResultSetMetaData meta = rs.getMetaData();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i), rs.getString(i));
                }
            }
            return row;
        }
    }
}
