package io.shardline.proxy.sandbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The accounts the sandbox creates. Created on the primary, they are binlogged and so reach the replicas the
 * same way any other write does; writing them on a replica directly would give it GTIDs of its own and break
 * GTID strict mode. Shards are standalone and get the backend account locally.
 */
public final class Accounts {

    /** The proxy's backend account on every sandbox server. */
    public static final String BACKEND_USER = "shardline";
    public static final String BACKEND_PASSWORD = "shardline";
    /** Used only by the replicas' IO threads to read the primary's binlog. */
    public static final String REPLICATION_USER = "repl";
    public static final String REPLICATION_PASSWORD = "repl";
    /** Every sandbox connection is TCP from 127.0.0.1, and the servers skip name resolution. */
    static final String HOST = "127.0.0.1";

    private Accounts() {}

    /** Returns true if anything was created, so that an {@code up} with nothing to do stays silent. */
    static boolean ensureOnPrimary(Connection connection) throws SQLException {
        boolean backend = ensureUser(connection, BACKEND_USER, BACKEND_PASSWORD,
                "ALL PRIVILEGES ON *.*", true);
        if (backend) {
            denyWritesOnReadOnlyServers(connection);
        }
        boolean replication = ensureUser(connection, REPLICATION_USER, REPLICATION_PASSWORD,
                "REPLICATION SLAVE ON *.*", false);
        return backend || replication;
    }

    /**
     * On MariaDB, ALL PRIVILEGES includes READ_ONLY ADMIN, which lets an account write on a read_only replica; a
     * write that reaches a replica by mistake would then silently break GTID replication. Without it such a write
     * fails loudly. (MySQL has no such privilege; the REVOKE then fails and is not needed.)
     */
    private static void denyWritesOnReadOnlyServers(Connection connection) {
        try {
            Jdbc.execute(connection, "REVOKE READ_ONLY ADMIN ON *.* FROM '" + BACKEND_USER + "'@'" + HOST + "'");
        } catch (SQLException ex) {
            // Not MariaDB 10.11+: read_only already binds accounts without SUPER-like rights there.
        }
    }

    static boolean ensureOnShard(Connection connection) throws SQLException {
        return ensureUser(connection, BACKEND_USER, BACKEND_PASSWORD, "ALL PRIVILEGES ON *.*", true);
    }

    /**
     * Creates the account only when it is missing: re-running CREATE/GRANT would write a new binlog event on
     * every {@code up}, and a repeated {@code up} is meant to change nothing.
     */
    private static boolean ensureUser(Connection connection, String user, String password, String grant,
            boolean grantOption) throws SQLException {
        if (exists(connection, user)) {
            return false;
        }
        String account = "'" + user + "'@'" + HOST + "'";
        Jdbc.execute(connection, "CREATE USER " + account + " IDENTIFIED BY '" + password + "'");
        Jdbc.execute(connection, "GRANT " + grant + " TO " + account + (grantOption ? " WITH GRANT OPTION" : ""));
        return true;
    }

    private static boolean exists(Connection connection, String user) throws SQLException {
        try (PreparedStatement statement =
                connection.prepareStatement("SELECT COUNT(*) FROM mysql.user WHERE User = ? AND Host = ?")) {
            statement.setString(1, user);
            statement.setString(2, HOST);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() && rs.getLong(1) > 0;
            }
        }
    }
}
