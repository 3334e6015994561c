package io.shardline.proxy.execute;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.shardline.proxy.backend.BackendConnection;
import io.shardline.proxy.backend.BackendErrorException;
import io.shardline.proxy.backend.BackendUnavailableException;
import io.shardline.proxy.backend.InternalResult;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.shardline.proxy.protocol.CommandCode;
import io.shardline.proxy.backend.PoolExhaustedException;
import io.shardline.proxy.backend.ResponseKind;
import io.shardline.proxy.protocol.ErrPacket;
import io.shardline.proxy.protocol.LogicalColumnNames;
import io.shardline.proxy.protocol.MySqlError;
import io.shardline.proxy.route.LoopChoosers;
import io.shardline.proxy.route.ServerChooser;
import io.shardline.proxy.session.Session;
import io.shardline.router.route.Target;
import io.shardline.router.plan.NodeStatement;
import java.nio.charset.Charset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Runs a session's forwarded commands on a backend connection, one at a time: borrow one where the statement
 * belongs (or reuse the one the session holds), sync the session's state onto it, send the command, relay the
 * response, then keep or return the connection. An autocommit read sent to a replica that fails before the client
 * saw any byte of its answer is sent again to another healthy server. Every path ends in exactly one call of the
 * completion callback, after which the session's next command may start.
 */
public final class CommandExecutor implements Relay.RelayListener {
    private final Session session;
    private final Channel client;
    private final LoopChoosers choosers;
    /** The chooser of the data source the current statement runs on. */
    private ServerChooser chooser;
    /** The current statement was routed to a data source by the sharding rules (not the session's home). */
    private boolean routed;
    private final SessionSync sync;
    private final long acquireTimeoutMillis;
    private final LongSupplier nanoTime;
    private final AfterStatement after;
    private Relay active;
    /** The merge streaming rows to the client now, if any: told when the client can take more or is gone. */
    private OrderedScatter ordered;
    private int replySequenceId;
    /**
     * The backend failed while the client was sending a LOCAL INFILE file: the rest of the file must be swallowed
     * (never read as commands) and the error given after the client's closing empty packet, in sequence.
     */
    private Throwable failedDuringFile;
    private StatementTraits traits = StatementTraits.NONE;
    private Runnable completion;
    private ByteBuf retryPayload;
    private ResponseKind retryKind;
    private Set<String> excluded;
    private BeforeSend beforeSend;
    private Relay.PrepareHook prepareHook;
    /** The logical names a shard's column definitions get in the relayed answer; null to relay them as they are. */
    private LogicalColumnNames columnNames;
    /**
     * The statement runs on the connection softly held for the previous statement's warnings and touches no table:
     * the server keeps that diagnostics area (SHOW WARNINGS, SELECT @@warning_count, SELECT 1 all leave it), so the
     * hold goes on unless the statement brings warnings of its own.
     */
    private boolean keepsDiagnostics;
    private static final int DEADLOCK = 1213;
    /** The statement that just ended gave an error (a transaction it ended was rolled back, not committed). */
    private boolean lastStatementFailed;
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(
            CommandExecutor.class.getName());

    public CommandExecutor(Session session, Channel client, LoopChoosers choosers, SessionSync sync,
                           long acquireTimeoutMillis, LongSupplier nanoTime) {
        this.session = session;
        this.client = client;
        this.choosers = choosers;
        this.chooser = choosers.fallback();
        this.sync = sync;
        this.acquireTimeoutMillis = acquireTimeoutMillis;
        this.nanoTime = nanoTime;
        this.after = new AfterStatement(session);
    }

    /**
     * Sends {@code payload} (owned from here on) and relays its response; {@code done} runs once at the end.
     *
     * @param replySequenceId the sequence id a reply to this command starts with (for the proxy's own errors)
     */
    public void forward(ByteBuf payload, int replySequenceId, ResponseKind kind, StatementTraits statementTraits,
                        Runnable done) {
        forward(payload, replySequenceId, kind, statementTraits, done, null, null);
    }

    /**
     * As {@link #forward(ByteBuf, int, ResponseKind, StatementTraits, Runnable)}, with a step that readies the
     * connection and payload after sync (prepared statements), and a hook for the answer to a client's prepare.
     */
    public void forward(ByteBuf payload, int replySequenceId, ResponseKind kind, StatementTraits statementTraits,
                        Runnable done, BeforeSend step, Relay.PrepareHook hook) {
        chooser = choosers.home(session.schema());
        routed = false;
        columnNames = null;
        start(payload, replySequenceId, kind, statementTraits, done, step, hook);
    }

    /**
     * Runs a statement the sharding rules placed on {@code dataSource}. The caller has made sure that a session
     * pinned to a connection (a transaction, a lock) holds it on that same data source.
     */
    public void forwardTo(String dataSource, ByteBuf payload, int replySequenceId, StatementTraits statementTraits,
                          Runnable done) {
        forwardTo(dataSource, payload, replySequenceId, ResponseKind.RESULT, statementTraits, done, null, null);
    }

    /**
     * As above, with the logical names to put in the column definitions of the answer (a shard's statement):
     * null to relay them as they come.
     */
    public void forwardTo(String dataSource, ByteBuf payload, int replySequenceId, StatementTraits statementTraits,
                          Runnable done, LogicalColumnNames names) {
        forwardTo(dataSource, payload, replySequenceId, ResponseKind.RESULT, statementTraits, done, null, names);
    }

    /** As above, for any command kind, with a hook for the answer to a prepare. */
    public void forwardTo(String dataSource, ByteBuf payload, int replySequenceId, ResponseKind kind,
                          StatementTraits statementTraits, Runnable done, Relay.PrepareHook hook,
                          LogicalColumnNames names) {
        forwardTo(dataSource, payload, replySequenceId, kind, statementTraits, done, null, hook, names);
    }

    /** As above, with a step that readies the connection and payload after sync (a prepared execution). */
    public void forwardTo(String dataSource, ByteBuf payload, int replySequenceId, ResponseKind kind,
                          StatementTraits statementTraits, Runnable done, BeforeSend step, Relay.PrepareHook hook,
                          LogicalColumnNames names) {
        chooser = choosers.of(dataSource);
        routed = true;
        columnNames = names;
        start(payload, replySequenceId, kind, statementTraits, done, step, hook);
    }

    private void start(ByteBuf payload, int replySequenceId, ResponseKind kind, StatementTraits statementTraits,
                       Runnable done, BeforeSend step, Relay.PrepareHook hook) {
        traits = statementTraits;
        completion = done;
        this.replySequenceId = replySequenceId;
        beforeSend = step;
        prepareHook = hook;
        excluded = null;
        keepsDiagnostics = false;
        retryKind = kind;
        if (traits.retryable()) {
            retryPayload = payload.retain();
        }
        session.holdForNextStatement(false);
        BackendConnection held = heldFor(traits);
        if (held != null) {
            runOn(held, payload, kind, false);
            return;
        }
        borrowAndRun(payload, kind);
    }

    /**
     * The connection the session holds, if this statement must (or may) run on it. A soft hold (warnings to show)
     * serves diagnostics, reads of no table, or a statement bound for the same kind of server; otherwise it goes
     * back.
     */
    private BackendConnection heldFor(StatementTraits statement) {
        BackendConnection held = session.backend();
        if (held == null || !held.isUsable()) {
            return null;
        }
        boolean elsewhere = !held.server().dataSource().equals(chooser.source().name());
        if (session.softHold()) {
            session.softHold(false);
            held.owner().unholdSoftly(held);
            keepsDiagnostics = !routed && (statement.diagnostics() || statement.target() == Target.ANY);
            if (!keepsDiagnostics && !session.keepsBackend()
                    && (elsewhere || isReplica(held) != statement.target().replicaEligible())) {
                session.backend(null);
                held.owner().release(held);
                return null;
            }
        }
        // Pinned (or keeping its diagnostics), the session's statements follow the connection it holds.
        chooser = choosers.of(held.server().dataSource());
        return held;
    }

    private boolean isReplica(BackendConnection connection) {
        return connection.server() != choosers.of(connection.server().dataSource()).source().writer().server();
    }

    private void borrowAndRun(ByteBuf payload, ResponseKind kind) {
        chooser.borrow(session, traits.target(), excluded == null ? Set.of() : excluded, acquireTimeoutMillis)
                .addListener(acquired -> {
                    if (!acquired.isSuccess()) {
                        payload.release();
                        fail(acquired.cause(), replySequenceId);
                        return;
                    }
                    runOn((BackendConnection) acquired.getNow(), payload, kind, true);
                });
    }

    /**
     * Syncs (only when the connection does not already mirror the session), readies and sends.
     *
     * @param borrowed taken from a pool for this statement, rather than held by the session
     */
    private void runOn(BackendConnection connection, ByteBuf payload, ResponseKind kind, boolean borrowed) {
        session.backend(connection);
        if (sync.inSync(connection, session, traits.needsLastInsertId(), borrowed)) {
            ready(connection, payload, kind);
            return;
        }
        sync.sync(connection, session, traits.needsLastInsertId(), borrowed).addListener(synced -> {
            if (!synced.isSuccess()) {
                payload.release();
                if (!(synced.cause() instanceof BackendErrorException) && retry(connection, synced.cause(), true)) {
                    return;
                }
                fail(synced.cause(), replySequenceId);
                return;
            }
            ready(connection, payload, kind);
        });
    }

    private void ready(BackendConnection connection, ByteBuf payload, ResponseKind kind) {
        if (beforeSend == null) {
            send(connection, payload, kind);
            return;
        }
        beforeSend.apply(connection, payload).addListener(readied -> {
            if (readied.isSuccess()) {
                send(connection, (ByteBuf) readied.getNow(), kind);
            } else {
                fail(readied.cause(), replySequenceId);
            }
        });
    }

    private void send(BackendConnection connection, ByteBuf payload, ResponseKind kind) {
        boolean replica = isReplica(connection);
        chooser.metrics().ranOn(connection.server(), replica);
        session.trace().ranOn(replica);
        boolean canRetry = retryPayload != null && replica && !session.inTransaction();
        active = new Relay(session, client, connection, this, canRetry, prepareHook, columnNames);
        connection.send(payload, kind, active);
    }

    /**
     * COMMIT or ROLLBACK of a transaction that reached several data sources: its branches end first (see
     * {@link TransactionBranches}), then the statement runs on the held connection as usual. When a branch fails
     * to commit, the rest is rolled back (the held connection is closed, which rolls it back) and the client gets
     * the error naming what had committed.
     */
    public void endTransaction(boolean commit, ByteBuf payload, int replySequenceId, StatementTraits statementTraits,
                               Runnable done) {
        TransactionBranches.end(session, commit, failure -> {
            if (failure == null) {
                forward(payload, replySequenceId, ResponseKind.RESULT, statementTraits, done);
                return;
            }
            payload.release();
            BackendConnection held = session.backend();
            session.backendLost();
            if (held != null) {
                held.owner().discard(held);
            }
            client.writeAndFlush(failure.error().encode(client.alloc(), replySequenceId));
            done.run();
        });
    }

    /**
     * Runs a plan that reaches several shards (see {@link ScatterExecution}); {@code done} runs once at the end.
     * A connection softly held for warnings goes back first: the shards' statements bring their own.
     *
     * @param collected the answers are collected before the client gets one (a merge, OKs added up), rather than
     *     streamed shard after shard: the statements may then run at the same time
     */
    public void scatter(List<NodeStatement> plan, MergeSettings merge, Charset charset, Target target,
                        int replySequenceId, Runnable done, boolean collected) {
        BackendConnection held = session.backend();
        if (held != null && session.softHold()) {
            session.softHold(false);
            held.owner().unholdSoftly(held);
            if (!session.keepsBackend()) {
                session.backend(null);
                held.owner().release(held);
            }
        }
        // At once when nothing streams in order and no connection of the session must serve them one by one.
        boolean parallel = collected && !session.keepsBackend() && session.autocommit() && !session.inTransaction()
                && session.branches().isEmpty();
        ScatterContext context = new ScatterContext(session, client, choosers, sync, acquireTimeoutMillis);
        ScatterExecution collecting = new ScatterExecution(context, plan, merge, charset, target, replySequenceId,
                done, parallel);
        if (parallel && OrderedScatter.applies(context, plan, merge)) {
            OrderedScatter streaming = new OrderedScatter(context, plan, merge, charset, target);
            ordered = streaming;
            streaming.start(replySequenceId, () -> {
                ordered = null;
                done.run();
            }, () -> {
                ordered = null;
                collecting.start();
            });
            return;
        }
        collecting.start();
    }

    /** The client can take more: a merge streaming to it writes on (a relayed response is resumed elsewhere). */
    public void clientWritable() {
        if (ordered != null) {
            ordered.pump();
        }
    }

    /**
     * Runs a query of the proxy's own on a connection of {@code dataSource}'s primary (borrowed and given back),
     * such as reading a table's columns from information_schema.
     */
    public Future<InternalResult> ask(String dataSource,
                                                                                        String sql) {
        return ask(dataSource, connection -> connection.query(sql));
    }

    /**
     * Asks the server whether it can prepare {@code sql} (in the session's schema): the prepared statement, closed
     * at once, or the server's error (a syntax error, a missing table).
     */
    public Future<InternalResult> askPrepare(String dataSource,
                                                                                               byte[] sql) {
        return ask(dataSource, connection -> {
            Promise<InternalResult> result =
                    connection.channel().eventLoop().newPromise();
            sync.sync(connection, session, false, true).addListener(synced -> {
                if (!synced.isSuccess()) {
                    result.tryFailure(synced.cause());
                    return;
                }
                connection.prepare(sql).addListener(prepared -> {
                    if (!prepared.isSuccess()) {
                        result.tryFailure(prepared.cause());
                        return;
                    }
                    InternalResult answer =
                            (InternalResult) prepared.getNow();
                    connection.sendNoReply(connection.channel().alloc().buffer(5)
                            .writeByte(CommandCode.COM_STMT_CLOSE)
                            .writeIntLE((int) answer.prepared().statementId()));
                    result.trySuccess(answer);
                });
            });
            return result;
        });
    }

    private Future<InternalResult> ask(String dataSource,
            java.util.function.Function<BackendConnection,
                    Future<InternalResult>> question) {
        Promise<InternalResult> result =
                client.eventLoop().newPromise();
        choosers.of(dataSource).borrow(session, Target.PRIMARY, Set.of(), acquireTimeoutMillis)
                .addListener(acquired -> {
                    if (!acquired.isSuccess()) {
                        result.tryFailure(acquired.cause());
                        return;
                    }
                    BackendConnection connection = (BackendConnection) acquired.getNow();
                    question.apply(connection).addListener(done -> {
                        if (done.isSuccess() || done.cause() instanceof BackendErrorException) {
                            connection.owner().release(connection);
                        } else {
                            connection.owner().discard(connection);
                        }
                        if (done.isSuccess()) {
                            result.trySuccess((InternalResult) done.getNow());
                        } else {
                            result.tryFailure(done.cause());
                        }
                    });
                });
        return result;
    }

    /**
     * Borrows a connection, brings it to the session's state (schema included) and gives it back: how a login that
     * names a schema learns whether the schema exists. {@code done} gets null, or the failure.
     */
    public void prepareSession(Consumer<Throwable> done) {
        choosers.home(session.schema()).borrow(session, Target.PRIMARY, Set.of(), acquireTimeoutMillis).addListener(acquired -> {
            if (!acquired.isSuccess()) {
                done.accept(acquired.cause());
                return;
            }
            BackendConnection connection = (BackendConnection) acquired.getNow();
            sync.sync(connection, session, false, true).addListener(synced -> {
                if (synced.isSuccess() || synced.cause() instanceof BackendErrorException) {
                    connection.lastSessionId(session.id());
                    connection.owner().release(connection);
                } else {
                    connection.owner().discard(connection);
                }
                done.accept(synced.isSuccess() ? null : synced.cause());
            });
        });
    }

    /** Packets the client sends while the backend waits for LOCAL INFILE data; the empty one ends the file. */
    public boolean acceptsClientData() {
        return failedDuringFile != null || active != null && active.awaitsClientData();
    }

    /**
     * One packet of a LOCAL INFILE file (owned from here on); {@code last} is the closing empty packet whose
     * sequence id is {@code lastSequenceId}.
     */
    public void forwardClientData(ByteBuf frame, boolean last, int lastSequenceId) {
        if (failedDuringFile != null) {
            frame.release();
            if (last) {
                Throwable cause = failedDuringFile;
                failedDuringFile = null;
                fail(cause, (lastSequenceId + 1) & 0xff);
            }
            return;
        }
        BackendConnection connection = active.backend();
        connection.sendRaw(frame);
        if (last) {
            connection.tracker().clientDataSent();
        }
    }

    /**
     * Notices a held connection that died while the session was idle (server restart, KILL, timeout), so that a
     * transaction it carried is known lost before the next statement is routed anywhere.
     */
    public void noticeLostBackend() {
        BackendConnection held = session.backend();
        if (held != null && !held.isUsable()) {
            lose(held, "the connection closed while the session held it");
        }
    }

    /**
     * Recorded before the OK reaches the client: a client told "done" may at once read on another connection,
     * served by another event loop, and global-causal reads there must already require this write.
     */
    @Override
    public void wroteGtid(String gtid) {
        chooser.wrote(gtid);
    }

    @Override
    public void relayEnded(Relay relay) {
        active = null;
        BackendConnection connection = relay.backend();
        if (relay.retryableError() != null) {
            if (retry(connection, relay.retryableError(), false)) {
                return;
            }
            client.writeAndFlush(relay.retryableError().error().encode(client.alloc(), replySequenceId));
        }
        dropRetryPayload();
        if (relay.wrote()) {
            session.wrote(nanoTime.getAsLong());
        }
        session.pins().addAll(traits.pins());
        session.pins().removeAll(traits.releases());
        if (traits.holdForNextStatement()) {
            session.holdForNextStatement(true);
        }
        lastStatementFailed = relay.error();
        if (relay.errorCode() == DEADLOCK && !session.branches().isEmpty()) {
            // The server rolled back the transaction on its first connection: its branches are rolled back too
            // (closed), as one server rolls back the whole transaction; a later COMMIT commits nothing.
            TransactionBranches.discardAll(session);
        }
        boolean leftDiagnostics = relay.warnings() > 0 || relay.error();
        if (leftDiagnostics || traits.clearsDiagnostics()) {
            connection.state().diagnosticsLeft(leftDiagnostics);
        }
        session.softHold(leftDiagnostics || keepsDiagnostics);
        after.learn(connection, relay.charsetChangedWithoutCollation(), traits.pins(), () -> finish(connection));
    }

    private void finish(BackendConnection connection) {
        if (session.backend() != connection) {
            // The client went away while the statement's last steps ran: clientClosed() has given the connection
            // back (or closed it) already; giving it back again would lend it to two sessions.
            complete();
            return;
        }
        if (!session.branches().isEmpty() && !session.inTransaction() && connection == session.backend()) {
            // The transaction ended without COMMIT or ROLLBACK (SET autocommit = 1, DDL, BEGIN commit it; an
            // error such as a deadlock rolls it back): its branches end the same way.
            boolean commit = !lastStatementFailed;
            TransactionBranches.end(session, commit, failure -> {
                if (failure != null) {
                    LOG.warning("session " + session.id() + ": the implicit commit of a transaction across data"
                            + " sources failed: " + failure.error().message());
                }
                finish(connection);
            });
            return;
        }
        // The statement's tracked changes went to both sides, so the connection still mirrors the session.
        connection.state().mirror(session.id(), session.stateVersion());
        if (session.keepsBackend()) {
            // Held anyway; a soft hold still set outlives the pin (warnings of a cursor's last fetch).
            complete();
            return;
        }
        if (session.softHold()) {
            connection.owner().holdSoftly(connection, () -> {
                if (session.backend() == connection) {
                    session.backend(null);
                }
                session.softHold(false);
            });
        } else {
            session.backend(null);
            connection.lastSessionId(session.id());
            connection.owner().release(connection);
        }
        complete();
    }

    @Override
    public void relayFailed(Relay relay, Throwable cause) {
        active = null;
        if (relay.awaitsClientData()) {
            dropRetryPayload();
            failedDuringFile = cause;
            return;
        }
        if (!relay.forwardedAny() && retry(relay.backend(), cause, true)) {
            return;
        }
        dropRetryPayload();
        if (relay.midPacket()) {
            lose(relay.backend(), cause.getMessage());
            client.close();
            complete();
            return;
        }
        fail(cause, relay.forwardedAny() ? relay.nextSequenceId() : replySequenceId);
    }

    /**
     * Sends a replica read again elsewhere (another replica, in the end the primary) when nothing of its answer
     * reached the client. Returns false when it cannot be retried.
     */
    private boolean retry(BackendConnection failed, Throwable cause, boolean connectionBroken) {
        if (retryPayload == null || !isReplica(failed)) {
            // Only replica reads are retried: once a retry lands on the primary, its outcome is final.
            return false;
        }
        keepsDiagnostics = false;
        chooser.metrics().retried(failed.server());
        excluded = excluded == null ? new HashSet<>() : excluded;
        excluded.add(failed.server().name());
        if (connectionBroken) {
            lose(failed, cause.getMessage());
        } else {
            session.backend(null);
            failed.owner().release(failed);
        }
        ByteBuf payload = retryPayload;
        retryPayload = payload.retain();
        borrowAndRun(payload, retryKind);
        return true;
    }

    private void dropRetryPayload() {
        if (retryPayload != null) {
            retryPayload.release();
            retryPayload = null;
        }
    }

    /** Ends the command with an ERR packet for {@code cause}, cleaning up the backend as needed. */
    private void fail(Throwable cause, int sequenceId) {
        ErrPacket error = errorFor(cause);
        BackendConnection held = session.backend();
        if (cause instanceof BackendErrorException) {
            // The backend refused our own sync command: the connection is fine but its state is unknown now.
            if (held != null && !session.keepsBackend()) {
                session.backend(null);
                held.owner().discard(held);
            }
        } else if (held != null) {
            lose(held, cause.getMessage());
        }
        client.writeAndFlush(error.encode(client.alloc(), sequenceId));
        complete();
    }

    private void lose(BackendConnection connection, String reason) {
        boolean hadTransaction = session.inTransaction() || !session.branches().isEmpty();
        session.backendLost();
        connection.owner().discard(connection);
        if (hadTransaction) {
            TransactionBranches.discardAll(session);
            session.transactionLost(reason);
        }
    }

    /** The ERR packet a client gets for a failure on the backend side. */
    public static ErrPacket errorFor(Throwable cause) {
        if (cause instanceof BackendErrorException backendError) {
            return backendError.error();
        }
        if (cause instanceof BackendUnavailableException) {
            return ErrPacket.of(MySqlError.ER_CONNECT_TO_FOREIGN_DATA_SOURCE, "Unable to connect to foreign data"
                    + " source: Shardline: " + cause.getMessage());
        }
        if (cause instanceof PoolExhaustedException) {
            return ErrPacket.of(MySqlError.ER_CON_COUNT_ERROR, "Too many connections: " + cause.getMessage());
        }
        return ErrPacket.of(MySqlError.ER_QUERY_INTERRUPTED, "Query execution was interrupted: Shardline: "
                + cause.getMessage() + "; the statement may not have completed, check before retrying");
    }

    private void complete() {
        Runnable done = completion;
        completion = null;
        traits = StatementTraits.NONE;
        beforeSend = null;
        prepareHook = null;
        dropRetryPayload();
        if (done != null) {
            done.run();
        }
    }

    /** Closes the connection the session holds, if any (the session's server-side state goes with it). */
    public void dropHeldBackend() {
        TransactionBranches.discardAll(session);
        BackendConnection held = session.backend();
        if (held != null) {
            session.backend(null);
            held.owner().discard(held);
        }
    }

    /** The client went away: give back or close the backend connection so no state leaks into the pool. */
    public void clientClosed() {
        dropRetryPayload();
        if (ordered != null) {
            ordered.clientGone();
        }
        TransactionBranches.discardAll(session);
        BackendConnection streaming = session.streaming();
        if (streaming != null && streaming != session.backend()) {
            session.streaming(null);
            streaming.owner().discard(streaming);
        }
        BackendConnection held = session.backend();
        if (held == null) {
            return;
        }
        session.backend(null);
        if (held.isBusy() || session.keepsBackend() || active != null || session.streaming() == held) {
            held.owner().discard(held);
        } else {
            held.owner().release(held);
        }
    }
}
