package io.shardline.proxy.health;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The SQL of one check, on a borrowed connection: two or three small queries (one more after each reconnect, for
 * the version), each bounded by the connection's socket timeout.
 */
final class CheckQueries {

    private CheckQueries() {}

    /** {@code SELECT VERSION()}, to pick the {@link Dialect}. */
    static Dialect dialect(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT VERSION()")) {
            return Dialect.ofVersion(rs.next() ? rs.getString(1) : null);
        }
    }

    /** The liveness query and the variables every server reports, then the replica status for a replica. */
    static CheckResult check(Connection connection, Dialect dialect, Role role) throws SQLException {
        boolean readOnly;
        GtidPosition position;
        String appliedFromSource;
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(dialect.variablesSql)) {
            if (!rs.next()) {
                throw new SQLException("'" + dialect.variablesSql + "' returned no row");
            }
            readOnly = rs.getBoolean(1);
            position = dialect.isMariaDb() ? positionOrNull(rs.getString(2)) : null;
            appliedFromSource = dialect.isMariaDb() ? nullToEmpty(rs.getString(3)) : null;
        }
        ReplicaStatus replica = role == Role.REPLICA ? replicaStatus(connection, dialect, appliedFromSource) : null;
        return CheckResult.answered(readOnly, position, replica);
    }

    /**
     * Null when the server has no replication configured (an empty result). The second query MySQL needs runs
     * while the status row is open, which is fine: Connector/J reads whole results before returning them.
     */
    private static ReplicaStatus replicaStatus(Connection connection, Dialect dialect, String appliedFromSource)
            throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(dialect.replicaStatusSql)) {
            if (!rs.next()) {
                return null;
            }
            String received = nullToEmpty(rs.getString(dialect.receivedColumn));
            boolean appliedAll = dialect.isMariaDb() ? covers(appliedFromSource, received)
                    : mysqlApplied(connection, received);
            return new ReplicaStatus(rs.getString(dialect.ioColumn), rs.getString(dialect.sqlColumn),
                    lag(rs.getString(dialect.lagColumn)), rs.getString(dialect.sourceHostColumn),
                    rs.getInt(dialect.sourcePortColumn), appliedAll, rs.getString("Last_IO_Error"),
                    rs.getString("Last_SQL_Error"));
        }
    }

    /** A position MariaDB reports is always readable; if one ever is not, the server is still up, just unplaced. */
    private static GtidPosition positionOrNull(String text) {
        try {
            return GtidPosition.parse(nullToEmpty(text));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** MariaDB: what the replica applied from its source covers what its IO thread received. */
    private static boolean covers(String applied, String received) {
        try {
            return GtidPosition.parse(applied).coversAll(GtidPosition.parse(received));
        } catch (IllegalArgumentException e) {
            // Unreadable positions cannot prove the replica is complete; the cautious answer is "not yet".
            return false;
        }
    }

    /** MySQL: the server compares its own GTID sets, which saves modelling them here. */
    private static boolean mysqlApplied(Connection connection, String received) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT GTID_SUBSET(?, @@gtid_executed)")) {
            statement.setString(1, received);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() && rs.getInt(1) == 1;
            }
        }
    }

    private static Long lag(String text) {
        return text == null || text.isBlank() ? null : Long.valueOf(text.strip());
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
