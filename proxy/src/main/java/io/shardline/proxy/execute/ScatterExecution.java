package io.shardline.proxy.execute;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.shardline.proxy.backend.BackendConnection;
import io.shardline.proxy.backend.BackendErrorException;
import io.shardline.proxy.backend.PacketKind;
import io.shardline.proxy.backend.ResponseHandler;
import io.shardline.proxy.backend.ResponseKind;
import io.shardline.proxy.backend.ResponseTracker;
import io.shardline.proxy.protocol.CommandCode;
import io.shardline.proxy.protocol.EofPacket;
import io.shardline.proxy.protocol.ErrPacket;
import io.shardline.proxy.protocol.OkPacket;
import io.shardline.proxy.protocol.Packets;
import io.shardline.proxy.protocol.ServerStatus;
import io.shardline.proxy.protocol.SessionStateChanges;
import io.shardline.proxy.route.LoopChoosers;
import io.shardline.proxy.route.ServerChooser;
import io.shardline.proxy.session.Session;
import io.shardline.router.plan.NodeStatement;
import io.shardline.router.route.Target;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Set;

/**
 * Runs a plan that reaches several shards, its statements one after another, each on a connection of its data
 * source, and gives the client one answer as one server would: the OKs of a write added up into one OK (affected
 * rows, warnings, the counts in its info text), the rows of a read one shard after another under the first shard's
 * column definitions, with sequence ids renumbered in place. Rows stream: the client's back-pressure pauses the
 * shard being read, as for a relayed statement.
 *
 * <p>The planner only hands over reads whose concatenated rows are exactly one server's answer (no ORDER BY, LIMIT,
 * GROUP BY, aggregates or DISTINCT). A session pinned to a connection (a transaction) runs every statement on it;
 * the caller has checked they all belong to its data source.
 *
 * <p>A failure stops the run: statements already done on other shards stay done (there is no cross-shard
 * atomicity yet), and the error says which ran.
 */
public final class ScatterExecution {
    private final Session session;
    private final Channel client;
    private final LoopChoosers choosers;
    private final SessionSync sync;
    private final long acquireTimeoutMillis;
    private final List<NodeStatement> plan;
    private final Charset charset;
    private final Target target;
    private final Runnable done;
    private int index;
    private int sequenceId;
    /** The first shard's column definitions went to the client: later shards send rows only. */
    private boolean headerSent;
    private final WriteSummary summary = new WriteSummary();

    /**
     * @param charset how the statements' text is encoded for the backends (the client's own encoding)
     * @param target where on each data source the statements run: PRIMARY, or REPLICA for an autocommit read
     * @param reply the sequence id the answer starts with
     */
    public ScatterExecution(Session session, Channel client, LoopChoosers choosers, SessionSync sync,
                            long acquireTimeoutMillis, List<NodeStatement> plan, Charset charset, Target target,
                            int reply, Runnable done) {
        this.session = session;
        this.client = client;
        this.choosers = choosers;
        this.sync = sync;
        this.acquireTimeoutMillis = acquireTimeoutMillis;
        this.plan = List.copyOf(plan);
        this.charset = charset;
        this.target = target;
        this.sequenceId = reply;
        this.done = done;
    }

    public void start() {
        next();
    }

    private void next() {
        if (index == plan.size()) {
            if (!headerSent) {
                client.writeAndFlush(summary.ok(session).encode(client.alloc(), sequenceId, session.capabilities()));
            }
            done.run();
            return;
        }
        NodeStatement node = plan.get(index);
        BackendConnection held = session.backend();
        if (held != null && held.isUsable() && session.keepsBackend()) {
            runOn(held, node, false);
            return;
        }
        choosers.of(node.dataSource()).borrow(session, target, Set.of(), acquireTimeoutMillis)
                .addListener(acquired -> {
                    if (!acquired.isSuccess()) {
                        fail(CommandExecutor.errorFor(acquired.cause()));
                        return;
                    }
                    runOn((BackendConnection) acquired.getNow(), node, true);
                });
    }

    private void runOn(BackendConnection connection, NodeStatement node, boolean borrowed) {
        session.backend(connection);
        if (sync.inSync(connection, session, false, borrowed)) {
            send(connection, node, borrowed);
            return;
        }
        sync.sync(connection, session, false, borrowed).addListener(synced -> {
            if (synced.isSuccess()) {
                send(connection, node, borrowed);
                return;
            }
            if (synced.cause() instanceof BackendErrorException) {
                session.backend(null);
                connection.owner().discard(connection); // its state is unknown now
            } else {
                lose(connection);
            }
            fail(CommandExecutor.errorFor(synced.cause()));
        });
    }

    private void send(BackendConnection connection, NodeStatement node, boolean borrowed) {
        ServerChooser chooser = choosers.of(node.dataSource());
        chooser.metrics().ranOn(connection.server(), connection.server() != chooser.source().writer().server());
        byte[] sql = node.sql().getBytes(charset);
        ByteBuf payload = connection.channel().alloc().buffer(1 + sql.length).writeByte(CommandCode.COM_QUERY)
                .writeBytes(sql);
        connection.send(payload, ResponseKind.RESULT, new NodeResponse(connection, chooser, borrowed, node.copy()));
    }

    /** Ends the statement with {@code error}, naming the statements that already ran when some did. */
    private void fail(ErrPacket error) {
        ErrPacket told = error;
        if (index > 0 && !headerSent) {
            told = new ErrPacket(error.code(), error.sqlState(), error.message() + " (Shardline: statement "
                    + (index + 1) + " of " + plan.size() + " failed on data source " + plan.get(index).dataSource()
                    + "; statements 1 to " + index + " had already run and are not undone)");
        }
        client.writeAndFlush(told.encode(client.alloc(), sequenceId));
        done.run();
    }

    private void lose(BackendConnection connection) {
        boolean hadTransaction = session.inTransaction();
        session.backendLost();
        connection.owner().discard(connection);
        if (hadTransaction) {
            session.transactionLost("the connection to " + connection.server().name() + " failed");
        }
    }

    /** One shard's response: rows forwarded (renumbered), OKs added up, session state learnt. */
    private final class NodeResponse implements ResponseHandler {
        private final BackendConnection connection;
        private final ServerChooser chooser;
        private final boolean borrowed;
        private final boolean copy;
        private final boolean last = index == plan.size() - 1;
        private boolean inRows;
        private ErrPacket error;

        NodeResponse(BackendConnection connection, ServerChooser chooser, boolean borrowed, boolean copy) {
            this.copy = copy;
            this.connection = connection;
            this.chooser = chooser;
            this.borrowed = borrowed;
        }

        @Override
        public int onPacket(ByteBuf buf, int frameIndex, int payloadLength) {
            int payloadIndex = frameIndex + Packets.HEADER_SIZE;
            ResponseTracker tracker = connection.tracker();
            PacketKind kind = tracker.accept(buf, payloadIndex, payloadLength);
            boolean end = tracker.isDone();
            boolean forward = switch (kind) {
                case COLUMN_COUNT, COLUMN_DEFINITION -> !headerSent;
                case EOF -> eof(buf.slice(payloadIndex, payloadLength), end);
                case ROW, CONTINUATION -> true;
                case OK, TERMINATOR_OK -> ok(OkPacket.decode(buf.slice(payloadIndex, payloadLength),
                        connection.capabilities()), kind == PacketKind.TERMINATOR_OK);
                case ERR -> {
                    error = ErrPacket.decode(buf.slice(payloadIndex, payloadLength));
                    yield false;
                }
                default -> false;
            };
            if (kind == PacketKind.COLUMN_COUNT) {
                inRows = true;
            }
            if (!forward) {
                return end ? CONSUME | END : CONSUME;
            }
            buf.setByte(frameIndex + 3, sequenceId);
            sequenceId = (sequenceId + 1) & 0xff;
            return end ? FORWARD | END : FORWARD;
        }

        /** The EOF after column definitions goes with the header; the one ending the rows only from the last shard. */
        private boolean eof(ByteBuf payload, boolean end) {
            if (!end) {
                return !headerSent;
            }
            session.status(EofPacket.decode(payload).status());
            return last;
        }

        private boolean ok(OkPacket ok, boolean endsRows) {
            SessionStateChanges changes = ok.sessionStateChanges();
            if (!changes.isEmpty()) {
                session.apply(changes);
                connection.state().apply(changes);
                String gtid = changes.systemVariables().get("last_gtid");
                if (gtid != null && !gtid.isEmpty()) {
                    chooser.wrote(gtid);
                }
            }
            if (ok.affectedRows() > 0 || changes.systemVariables().containsKey("last_gtid")) {
                session.wrote(System.nanoTime());
            }
            if (ok.lastInsertId() != 0) {
                session.lastInsertId(ok.lastInsertId());
                connection.state().lastInsertId(ok.lastInsertId());
            }
            session.status(ok.status());
            if (endsRows) {
                return last;
            }
            if (!copy) {
                summary.add(ok);
            }
            return false;
        }

        @Override
        public void writeSpan(ByteBuf span) {
            client.write(span, client.voidPromise());
        }

        @Override
        public void onReadComplete() {
            client.flush();
            if (!client.isWritable()) {
                connection.channel().config().setAutoRead(false);
            }
        }

        @Override
        public void onEnd() {
            client.flush();
            connection.channel().config().setAutoRead(true);
            headerSent |= inRows && error == null;
            connection.state().mirror(session.id(), session.stateVersion());
            if (borrowed && !session.keepsBackend()) {
                session.backend(null);
                connection.lastSessionId(session.id());
                connection.owner().release(connection);
            }
            if (error != null) {
                fail(error);
                return;
            }
            index++;
            next();
        }

        @Override
        public void onFailure(Throwable cause) {
            lose(connection);
            fail(CommandExecutor.errorFor(cause));
        }
    }
}
