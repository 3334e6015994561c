package io.shardline.proxy.slowlog;

import io.shardline.proxy.metrics.Route;
import io.shardline.router.sql.LexerOptions;

/**
 * One statement for the slow query log, as the event loop hands it over: the raw facts, cheap to gather. The
 * statement's text is only read on the log's own thread, which turns it into its digest; the text itself (with
 * its literal values, which may be secrets) is never written.
 *
 * @param endMillis when the response ended (epoch milliseconds)
 * @param nanos from the command's arrival to the end of its response
 * @param sql the statement's text read byte for byte (ISO-8859-1), as it was classified; null when unknown
 * @param options how the session's SQL is read (sql_mode's quotes and escapes), for the digest
 * @param kind the statement kind's name (SELECT, INSERT, ...)
 * @param schema the session's schema; null when none
 * @param rows rows sent for a result set plus rows a write affected; -1 when unknown (a result-cache hit)
 * @param error the MySQL error code the client got; 0 when none
 */
public record SlowQuery(long endMillis, long nanos, String sql, LexerOptions options, String kind, String user,
                        String schema, String client, Route route, long rows, int error) {
    @Override
    public String toString() {
        return "SlowQuery[sql=REDACTED, nanos=" + nanos + ", route=" + route + "]";
    }
}
