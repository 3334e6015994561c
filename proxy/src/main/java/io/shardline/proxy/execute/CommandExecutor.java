package io.shardline.proxy.execute;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.util.concurrent.Future;
import io.shardline.proxy.backend.BackendConnection;
import io.shardline.proxy.backend.BackendErrorException;
import io.shardline.proxy.backend.BackendPool;
import io.shardline.proxy.backend.InternalResult;
import io.shardline.proxy.backend.BackendUnavailableException;
import io.shardline.proxy.backend.PoolExhaustedException;
import io.shardline.proxy.backend.ResponseKind;
import io.shardline.proxy.protocol.ErrPacket;
import io.shardline.proxy.protocol.MySqlError;
import java.util.List;
import io.shardline.proxy.session.ClientTracking;
import io.shardline.proxy.session.PinReason;
import io.shardline.proxy.session.Session;

/**
 * Runs a session's forwarded commands on a backend connection, one at a time: borrow (or reuse the held
 * connection), sync the session's state onto it, send the command, relay the response, then keep or return the
 * connection. Every path ends in exactly one call of the completion callback, after which the session's next
 * command may start.
 */
public final class CommandExecutor implements Relay.RelayListener {
    private final Session session;
    private final Channel client;
    private final BackendPool pool;
    private final SessionSync sync;
    private final long acquireTimeoutMillis;
    private Relay active;
    private int replySequenceId;
    /**
     * The backend failed while the client was sending a LOCAL INFILE file: the rest of the file must be swallowed
     * (never read as commands) and the error given after the client's closing empty packet, in sequence.
     */
    private Throwable failedDuringFile;
    private StatementTraits traits = StatementTraits.NONE;
    private Runnable completion;

    public CommandExecutor(Session session, Channel client, BackendPool pool, SessionSync sync,
                           long acquireTimeoutMillis) {
        this.session = session;
        this.client = client;
        this.pool = pool;
        this.sync = sync;
        this.acquireTimeoutMillis = acquireTimeoutMillis;
    }

    /**
     * Sends {@code payload} (owned from here on) and relays its response; {@code done} runs once at the end.
     *
     * @param replySequenceId the sequence id a reply to this command starts with (for the proxy's own errors)
     */
    public void forward(ByteBuf payload, int replySequenceId, ResponseKind kind, StatementTraits statementTraits,
                        Runnable done) {
        traits = statementTraits;
        completion = done;
        this.replySequenceId = replySequenceId;
        session.holdForNextStatement(false);
        if (session.softHold()) {
            session.softHold(false);
            if (session.backend() != null) {
                pool.unholdSoftly(session.backend());
            }
        }
        BackendConnection held = session.backend();
        if (held != null && held.isUsable()) {
            runOn(held, payload, kind);
            return;
        }
        backendForSession().addListener(acquired -> {
            if (!acquired.isSuccess()) {
                payload.release();
                fail(acquired.cause(), replySequenceId);
                return;
            }
            runOn((BackendConnection) acquired.getNow(), payload, kind);
        });
    }

    /** Syncs (only when the connection does not already mirror the session) and sends. */
    private void runOn(BackendConnection connection, ByteBuf payload, ResponseKind kind) {
        session.backend(connection);
        if (sync.inSync(connection, session, traits.needsLastInsertId())) {
            send(connection, payload, kind);
            return;
        }
        sync.sync(connection, session, traits.needsLastInsertId()).addListener(synced -> {
            if (!synced.isSuccess()) {
                payload.release();
                fail(synced.cause(), replySequenceId);
                return;
            }
            send(connection, payload, kind);
        });
    }

    private void send(BackendConnection connection, ByteBuf payload, ResponseKind kind) {
        active = new Relay(session, client, connection, this);
        connection.send(payload, kind, active);
    }

    /**
     * Borrows a connection, brings it to the session's state (schema included) and gives it back: how a login that
     * names a schema learns whether the schema exists. {@code done} gets null, or the failure.
     */
    public void prepareSession(java.util.function.Consumer<Throwable> done) {
        backendForSession().addListener(acquired -> {
            if (!acquired.isSuccess()) {
                done.accept(acquired.cause());
                return;
            }
            BackendConnection connection = (BackendConnection) acquired.getNow();
            sync.sync(connection, session, false).addListener(synced -> {
                if (synced.isSuccess() || synced.cause() instanceof BackendErrorException) {
                    connection.lastSessionId(session.id());
                    pool.release(connection);
                } else {
                    pool.discard(connection);
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

    /** The held connection, if any; busy while a statement runs. */
    public BackendConnection backend() {
        return session.backend();
    }

    private Future<BackendConnection> backendForSession() {
        BackendConnection held = session.backend();
        if (held != null && held.isUsable()) {
            return client.eventLoop().newSucceededFuture(held);
        }
        if (held != null) {
            lose(held, "the connection closed while the session held it");
        }
        return pool.acquire(session.flavour(), session.id(), session.schema(), acquireTimeoutMillis);
    }

    @Override
    public void relayEnded(Relay relay) {
        active = null;
        BackendConnection connection = relay.backend();
        session.pins().addAll(traits.pins());
        session.pins().removeAll(traits.releases());
        if (traits.holdForNextStatement()) {
            session.holdForNextStatement(true);
        }
        session.softHold(relay.warnings() > 0 || relay.error());
        boolean learnTracking = traits.pins().contains(PinReason.SESSION_TRACKING);
        learnAfterStatement(connection, relay.charsetChangedWithoutCollation(), learnTracking);
    }

    /**
     * Reads back what the server did not report: collation_connection after SET NAMES ... COLLATE (MariaDB omits
     * it), and the client's own session-tracking settings after it changed them. One query, only when needed,
     * before the session's next statement.
     */
    private void learnAfterStatement(BackendConnection connection, boolean collation, boolean tracking) {
        if (!collation && !tracking) {
            finish(connection);
            return;
        }
        connection.query("SELECT @@session.collation_connection, @@session.session_track_system_variables,"
                + " @@session.session_track_schema, @@session.session_track_state_change").addListener(done -> {
                    if (done.isSuccess() && !((InternalResult) done.getNow()).rows().isEmpty()) {
                        List<String> row = ((InternalResult) done.getNow()).rows().get(0);
                        if (collation && row.get(0) != null) {
                            session.variable("collation_connection", row.get(0));
                            connection.state().variables().put("collation_connection", row.get(0));
                        }
                        if (tracking) {
                            session.tracking(ClientTracking.parse(row.get(1), row.get(2), row.get(3)));
                        }
                    } else {
                        session.pin(PinReason.UNTRACKED_STATE);
                    }
                    finish(connection);
                });
    }

    private void finish(BackendConnection connection) {
        // The statement's tracked changes went to both sides, so the connection still mirrors the session.
        connection.state().mirror(session.id(), session.stateVersion());
        if (session.keepsBackend()) {
            session.softHold(false);
        } else if (session.softHold()) {
            pool.holdSoftly(connection, () -> {
                if (session.backend() == connection) {
                    session.backend(null);
                }
                session.softHold(false);
            });
        } else {
            session.backend(null);
            connection.lastSessionId(session.id());
            pool.release(connection);
        }
        complete();
    }

    @Override
    public void relayFailed(Relay relay, Throwable cause) {
        active = null;
        if (relay.awaitsClientData()) {
            failedDuringFile = cause;
            return;
        }
        if (relay.midPacket()) {
            lose(relay.backend(), cause.getMessage());
            client.close();
            complete();
            return;
        }
        fail(cause, relay.forwardedAny() ? relay.nextSequenceId() : replySequenceId);
    }

    /** Ends the command with an ERR packet for {@code cause}, cleaning up the backend as needed. */
    private void fail(Throwable cause, int sequenceId) {
        ErrPacket error = errorFor(cause);
        BackendConnection held = session.backend();
        if (cause instanceof BackendErrorException) {
            // The backend refused our own sync command: the connection is fine but its state is unknown now.
            if (held != null && !session.keepsBackend()) {
                session.backend(null);
                pool.discard(held);
            }
        } else if (held != null) {
            lose(held, cause.getMessage());
        }
        client.writeAndFlush(error.encode(client.alloc(), sequenceId));
        complete();
    }

    private void lose(BackendConnection connection, String reason) {
        boolean hadTransaction = session.inTransaction();
        session.backendLost();
        pool.discard(connection);
        if (hadTransaction) {
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
                    + " source: Shardline " + cause.getMessage());
        }
        if (cause instanceof PoolExhaustedException) {
            return ErrPacket.of(MySqlError.ER_CON_COUNT_ERROR, "Too many connections: " + cause.getMessage());
        }
        return ErrPacket.of(MySqlError.ER_QUERY_INTERRUPTED, "Query execution was interrupted: Shardline "
                + cause.getMessage() + "; the statement may not have completed, check before retrying");
    }

    private void complete() {
        Runnable done = completion;
        completion = null;
        traits = StatementTraits.NONE;
        if (done != null) {
            done.run();
        }
    }

    /** Closes the connection the session holds, if any (the session's server-side state goes with it). */
    public void dropHeldBackend() {
        BackendConnection held = session.backend();
        if (held != null) {
            session.backend(null);
            pool.discard(held);
        }
    }

    /** The client went away: give back or close the backend connection so no state leaks into the pool. */
    public void clientClosed() {
        BackendConnection held = session.backend();
        if (held == null) {
            return;
        }
        session.backend(null);
        if (held.isBusy() || session.keepsBackend() || active != null) {
            pool.discard(held);
        } else {
            pool.release(held);
        }
    }
}
