package io.shardline.proxy.frontend;

import io.shardline.proxy.metrics.StatementMetrics;
import io.shardline.proxy.metrics.StatementTrace;
import io.shardline.proxy.session.Session;
import io.shardline.proxy.slowlog.SlowQuery;
import io.shardline.proxy.slowlog.SlowQueryLog;
import io.shardline.router.classify.StatementKind;
import io.shardline.router.sql.LexerOptions;

/**
 * Times one session's client statements, from arrival to the end of the response, for the statement metrics and
 * the slow query log. One per session, reused by every statement (a session runs one at a time): {@link #start}
 * returns the clock itself as the statement's completion, so timing allocates nothing. Only a slow statement
 * costs an entry for the log, whose thread digests it.
 */
final class StatementClock implements Runnable {
    private final StatementMetrics metrics;
    private final ErrorWatch errors;
    private final Session session;
    private long start;
    private StatementKind kind;
    private String sql;
    private io.shardline.proxy.session.ClientStatement statement;
    private Runnable done;

    StatementClock(StatementMetrics metrics, ErrorWatch errors, Session session) {
        this.metrics = metrics;
        this.errors = errors;
        this.session = session;
    }

    /**
     * A statement arrived: returns what to run when it is done ({@code done}, after the recording). {@code known} is
     * its kind, or null when the query's classification will tell ({@link #kind}); a cache hit answered before
     * classifying counts as a SELECT.
     */
    Runnable start(StatementKind known, Runnable done) {
        this.start = System.nanoTime();
        this.kind = known == null ? StatementKind.SELECT : known;
        this.sql = null;
        this.statement = null;
        this.done = done;
        errors.begin();
        session.trace().begin();
        return this;
    }

    void kind(StatementKind value) {
        kind = value;
    }

    /** The statement's text read byte for byte, for the slow query log's digest (kept as a reference only). */
    void sql(String latin1) {
        sql = latin1;
    }

    /** An execution of a prepared statement: its text is read only if the execution turns out slow. */
    void statement(io.shardline.proxy.session.ClientStatement value) {
        statement = value;
    }

    /**
     * The running statement's text (its bytes read one to one), or null between statements: for the session listing,
     * which reads it from another thread (a reference read: at worst the statement before or after).
     */
    String runningText() {
        io.shardline.proxy.session.ClientStatement prepared = statement;
        return prepared != null ? prepared.latin1Text() : sql;
    }

    @Override
    public void run() {
        Runnable then = done;
        if (then == null) {
            return;
        }
        done = null;
        long nanos = System.nanoTime() - start;
        StatementTrace trace = session.trace();
        int error = errors.error();
        if (error == 0) {
            error = trace.error(); // an ERR after the response began: not in its first bytes
        }
        metrics.finished(kind, trace.route(), nanos, error);
        SlowQueryLog slowLog = metrics.slowLog();
        if (slowLog != null && slowLog.isSlow(nanos)) {
            slowLog.offer(new SlowQuery(System.currentTimeMillis(), nanos, statement != null ? statement.latin1Text() : sql,
                    new LexerOptions(session.noBackslashEscapes(), session.ansiQuotes()), kind.name(), session.user(),
                    session.schema(), session.clientAddress(), trace.route(),
                    trace.route() == io.shardline.proxy.metrics.Route.CACHE ? -1 : trace.rows(), error));
        }
        sql = null;
        statement = null;
        then.run();
    }
}
