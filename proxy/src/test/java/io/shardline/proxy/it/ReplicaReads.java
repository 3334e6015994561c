package io.shardline.proxy.it;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/** Which server answers a session's reads: each read reports the port of the server that ran it. */
final class ReplicaReads {
    private ReplicaReads() {}

    /** The port of the server that ran one read of {@code table} (a real table, so the read goes to a backend). */
    static int port(Statement statement, String table) throws SQLException {
        try (ResultSet rs = statement.executeQuery("SELECT @@port, COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** How many of {@code count} reads of {@code table} each server's port answered. */
    static Map<Integer, Integer> reads(Statement statement, String table, int count) throws SQLException {
        Map<Integer, Integer> result = new HashMap<>();
        for (int i = 0; i < count; i++) {
            result.merge(port(statement, table), 1, Integer::sum);
        }
        return result;
    }
}
