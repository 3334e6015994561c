package io.shardline.proxy.health;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;

/**
 * Turns exceptions into the one line of text a {@link ServerHealth#problem()} and a log line carry.
 *
 * <p>JDBC failures arrive wrapped (HikariCP's "connection is not available" around Connector/J's "communications
 * link failure" around the socket's "Connection refused"); the innermost message is the one that says what went
 * wrong. Server errors such as "Access denied" are SQLExceptions without a cause and come through whole. Neither
 * driver nor server ever puts a password into a message.
 */
final class Problems {

    private Problems() {}

    /**
     * Borrowing a connection failed: {@code cannot connect: Connection refused}. When the pool gave up before any
     * connection attempt failed (the server accepts TCP but never greets), HikariCP has no cause to offer, only its
     * own long message; that case reads {@code cannot connect: no connection within 1000 ms}.
     */
    static String cannotConnect(Throwable error, Duration timeout) {
        if (error instanceof SQLTransientConnectionException && error.getCause() == null) {
            return "cannot connect: no connection within " + timeout.toMillis() + " ms";
        }
        return "cannot connect: " + rootMessage(error);
    }

    /**
     * Connected, but a check query failed. SQLSTATE class 08 means the connection itself broke, typically because
     * the server went away since the previous check; saying so reads better than "query failed".
     */
    static String queryFailed(Throwable error) {
        boolean lost = error instanceof SQLException && ((SQLException) error).getSQLState() != null
                && ((SQLException) error).getSQLState().startsWith("08");
        return (lost ? "connection lost: " : "check query failed: ") + rootMessage(error);
    }

    /** The innermost cause's message on one line, or its class name if it has none. */
    static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        if (message == null || message.isBlank()) {
            return root.getClass().getSimpleName();
        }
        return oneLine(message);
    }

    /** Log lines and admin output are one line per server; drivers like multi-line messages. */
    static String oneLine(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }
}
