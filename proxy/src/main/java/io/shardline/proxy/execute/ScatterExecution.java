package io.shardline.proxy.execute;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.shardline.proxy.backend.BackendConnection;
import io.shardline.proxy.backend.BackendErrorException;
import io.shardline.proxy.backend.PacketKind;
import io.shardline.proxy.backend.ResponseHandler;
import io.shardline.proxy.backend.ResponseKind;
import io.shardline.proxy.backend.ResponseTracker;
import io.shardline.proxy.protocol.ColumnDefinition;
import io.shardline.proxy.protocol.CommandCode;
import io.shardline.proxy.protocol.MySqlError;
import io.shardline.proxy.protocol.WireFormat;
import io.shardline.proxy.session.Collations;
import io.shardline.router.merge.ColumnInfo;
import io.shardline.router.merge.MergePlan;
import io.shardline.router.merge.RowMerger;
import io.shardline.router.merge.RowOrder;
import io.shardline.router.merge.StreamingMerge;
import io.shardline.router.merge.RowRewrite;
import java.util.ArrayList;
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
 * <p>A SELECT whose merge is only an ORDER BY (with OFFSET and LIMIT), or a GROUP BY or DISTINCT whose shards sort
 * their rows by its keys, is not collected when the statements may run at the same time: {@link OrderedScatter}
 * merges its rows as they come. What still collects here (an aggregate without GROUP BY, COUNT(DISTINCT ...), an
 * ORDER BY other than the group keys, a rewrite, anything in a transaction) is held within
 * {@code sharding.merge-memory-limit}.
 *
 * <p>A failure stops the run: statements already done on other shards stay done (there is no cross-shard
 * atomicity yet), and the error says which ran.
 */
public final class ScatterExecution {
    private static final int DEADLOCK = 1213;
    private final ScatterContext context;
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
    /** The rows to merge outgrew the budget: the rest is read and dropped, then the statement fails. */
    private boolean overBudget;
    /**
     * The ORDER BY every shard's rows must follow for an order-only merge (null when it has none, or is not
     * built yet): a shard breaking it means Shardline's model of the order disagrees with the server's.
     */
    private RowOrder shardOrder;
    private boolean shardOrderKnown;
    /** A shard's rows broke {@link #shardOrder}: the statement fails rather than answer out of order. */
    private ErrPacket misordered;
    private final WriteSummary summary = new WriteSummary();
    /** How to merge the shards' rows; null when they are concatenated as they come. */
    private final MergePlan merge;
    private final RowRewrite rewrite;
    private final boolean binaryRows;
    private final Collations collations;
    private final long mergeBudgetBytes;
    /** The first shard's column definitions, and every shard's rows, while a merge collects them. */
    private List<ColumnDefinition> columns;
    private final List<byte[][]> rows = new ArrayList<>();
    private long bufferedBytes;
    private final MergeSettings settings;
    /** Every statement at once, each on a connection of its own (see {@link #start()}). */
    private final boolean parallel;
    private int pending;
    private int succeeded;
    private ErrPacket firstError;
    private String failedSource;

    /**
     * @param charset how the statements' text is encoded for the backends (the client's own encoding)
     * @param target where on each data source the statements run: PRIMARY, or REPLICA for an autocommit read
     * @param reply the sequence id the answer starts with
     * @param parallel run the statements all at once, each on a connection borrowed for it: allowed when their
     *     answers are collected (not streamed in order) and the session holds no connection they must share
     */
    ScatterExecution(ScatterContext context, List<NodeStatement> plan, MergeSettings mergeSettings, Charset charset,
                     Target target, int reply, Runnable done, boolean parallel) {
        this.parallel = parallel && plan.size() > 1;
        this.merge = mergeSettings.plan();
        this.rewrite = mergeSettings.rewrite();
        this.binaryRows = mergeSettings.binaryRows();
        this.collations = mergeSettings.collations();
        this.mergeBudgetBytes = mergeSettings.budgetBytes();
        this.settings = mergeSettings;
        this.context = context;
        this.session = context.session();
        this.client = context.client();
        this.choosers = context.choosers();
        this.sync = context.sync();
        this.acquireTimeoutMillis = context.acquireTimeoutMillis();
        this.plan = List.copyOf(plan);
        this.charset = charset;
        this.target = target;
        this.sequenceId = reply;
        this.done = done;
    }

    public void start() {
        if (!parallel) {
            next();
            return;
        }
        pending = plan.size();
        java.util.Map<String, Lane> lanes = new java.util.TreeMap<>();
        for (int i = 0; i < plan.size(); i++) {
            lanes.computeIfAbsent(plan.get(i).dataSource(), Lane::new).nodes.add(i);
        }
        acquire(new ArrayList<>(lanes.values()));
    }

    /**
     * The statements of one data source in a parallel run: they share one connection, one after another, while
     * the other data sources' lanes run at the same time.
     */
    private static final class Lane {
        final String dataSource;
        final List<Integer> nodes = new ArrayList<>();
        BackendConnection connection;
        int position;

        Lane(String dataSource) {
            this.dataSource = dataSource;
        }
    }

    /** Borrows one connection per lane, in data-source order ({@link OrderedBorrow}), then runs every lane. */
    private void acquire(List<Lane> lanes) {
        List<String> sources = new ArrayList<>(lanes.size());
        lanes.forEach(each -> sources.add(each.dataSource));
        OrderedBorrow.borrow(context, target, sources, new OrderedBorrow.Outcome() {
            @Override
            public void borrowed(List<BackendConnection> connections) {
                for (int i = 0; i < lanes.size(); i++) {
                    lanes.get(i).connection = connections.get(i);
                }
                lanes.forEach(ScatterExecution.this::runLane);
            }

            @Override
            public void failed(int position, Throwable cause) {
                fail(CommandExecutor.errorFor(cause));
            }
        });
    }

    /** Runs the lane's next statement, or gives its connection back after the last. */
    private void runLane(Lane lane) {
        if (lane.position == lane.nodes.size()) {
            lane.connection.lastSessionId(session.id());
            lane.connection.owner().release(lane.connection);
            return;
        }
        int nodeIndex = lane.nodes.get(lane.position++);
        runOn(lane.connection, plan.get(nodeIndex), nodeIndex, false, false, lane);
    }

    /** The lane's connection failed: its statements not yet run fail with it. */
    private void abandonLane(Lane lane, ErrPacket error) {
        while (lane.position < lane.nodes.size()) {
            nodeFinished(lane.nodes.get(lane.position++), error);
        }
    }

    /** One statement of a parallel run ended; the last one to end answers the client. */
    private void nodeFinished(int nodeIndex, ErrPacket error) {
        if (error == null) {
            succeeded++;
        } else if (firstError == null) {
            firstError = error;
            failedSource = plan.get(nodeIndex).dataSource();
        }
        if (--pending > 0) {
            return;
        }
        if (firstError == null) {
            index = plan.size();
            next();
            return;
        }
        ErrPacket told = firstError;
        if (summary.count() > 0) {
            told = new ErrPacket(firstError.code(), firstError.sqlState(), firstError.message() + " (Shardline: it"
                    + " failed on data source " + failedSource + "; " + succeeded + " of " + plan.size()
                    + " statements ran, at the same time, and are not undone)");
        }
        session.trace().failed(told.code());
        client.writeAndFlush(told.encode(client.alloc(), sequenceId));
        done.run();
    }

    private void next() {
        if (!client.isActive() && index < plan.size()) {
            // The client went away: nothing more runs for it (what it held is closed by then).
            done.run();
            return;
        }
        if (index == plan.size()) {
            if (merge != null) {
                writeMerged();
                return;
            }
            if (!headerSent) {
                client.writeAndFlush(summary.ok(session).encode(client.alloc(), sequenceId, session.capabilities()));
            }
            done.run();
            return;
        }
        NodeStatement node = plan.get(index);
        BackendConnection held = session.backend();
        if (held != null && held.isUsable() && session.keepsBackend()
                && held.server().dataSource().equals(node.dataSource())) {
            runOn(held, node, index, false, false);
            return;
        }
        BackendConnection branch = session.branches().get(node.dataSource());
        if (branch != null && branch.isUsable()) {
            runOn(branch, node, index, false, false);
            return;
        }
        // A transaction open elsewhere gets a branch here, which must begin before the statement runs.
        boolean opensBranch = held != null && session.inTransaction();
        choosers.of(node.dataSource()).borrow(session, opensBranch ? Target.PRIMARY : target, Set.of(),
                acquireTimeoutMillis).addListener(acquired -> {
                    if (!acquired.isSuccess()) {
                        fail(CommandExecutor.errorFor(acquired.cause()));
                        return;
                    }
                    runOn((BackendConnection) acquired.getNow(), node, index, true, opensBranch);
                });
    }

    /**
     * @param borrowed taken from a pool for this statement
     * @param beginFirst start a transaction on it before the statement (a new branch of an open transaction)
     */
    private void runOn(BackendConnection connection, NodeStatement node, int nodeIndex, boolean borrowed,
                       boolean beginFirst) {
        runOn(connection, node, nodeIndex, borrowed, beginFirst, null);
    }

    /** @param lane the lane of a parallel run the statement belongs to; null when run one by one */
    private void runOn(BackendConnection connection, NodeStatement node, int nodeIndex, boolean borrowed,
                       boolean beginFirst, Lane lane) {
        if (!parallel) {
            session.streaming(connection);
        }
        io.netty.util.concurrent.Future<Void> synced = sync.inSync(connection, session, false, borrowed)
                ? connection.channel().eventLoop().newSucceededFuture(null)
                : sync.sync(connection, session, false, borrowed);
        synced.addListener(ready -> {
            if (!ready.isSuccess()) {
                if (lane != null) {
                    lose(connection);
                    ErrPacket error = CommandExecutor.errorFor(ready.cause());
                    nodeFinished(nodeIndex, error);
                    abandonLane(lane, error);
                    return;
                }
                failOn(connection, ready.cause());
                return;
            }
            if (!beginFirst) {
                send(connection, node, nodeIndex, borrowed, lane);
                return;
            }
            connection.query("START TRANSACTION").addListener(begun -> {
                if (begun.isSuccess() && !client.isActive()) {
                    connection.owner().discard(connection); // a branch of a session that is gone
                    done.run();
                } else if (begun.isSuccess()) {
                    session.branches().put(node.dataSource(), connection);
                    send(connection, node, nodeIndex, false, null);
                } else {
                    failOn(connection, begun.cause());
                }
            });
        });
    }

    /** A command of the proxy's own failed on {@code connection} before the statement was sent. */
    private void failOn(BackendConnection connection, Throwable cause) {
        session.streaming(null);
        session.branches().values().remove(connection);
        if (cause instanceof BackendErrorException) {
            connection.owner().discard(connection); // its state is unknown now
        } else {
            lose(connection);
        }
        fail(CommandExecutor.errorFor(cause));
    }

    private void send(BackendConnection connection, NodeStatement node, int nodeIndex, boolean borrowed, Lane lane) {
        ServerChooser chooser = choosers.of(node.dataSource());
        chooser.metrics().ranOn(connection.server(), connection.server() != chooser.source().writer().server());
        byte[] sql = node.sql().getBytes(charset);
        ByteBuf payload = connection.channel().alloc().buffer(1 + sql.length).writeByte(CommandCode.COM_QUERY)
                .writeBytes(sql);
        connection.send(payload, ResponseKind.RESULT, new NodeResponse(connection, chooser, nodeIndex, borrowed,
                node.copy(), lane));
    }

    /** The order an order-only merge's shards send their rows in (see {@link #shardOrder}), once columns are known. */
    private RowOrder shardOrder() {
        if (!shardOrderKnown && columns != null) {
            shardOrderKnown = true;
            if (StreamingMerge.supports(merge) && !merge.order().isEmpty()) {
                List<ColumnInfo> infos = MergedColumns.infos(columns, collations);
                shardOrder = new RowOrder(merge.order(), infos, infos.size() - merge.hiddenColumns());
            }
        }
        return shardOrder;
    }

    private ErrPacket budgetError() {
        return ErrPacket.of(MySqlError.ER_OUT_OF_SORTMEMORY, "Out of sort memory: Shardline: merging the rows of "
                + plan.size() + " shards would hold more than " + (mergeBudgetBytes >> 20) + " MiB"
                + " (sharding.merge-memory-limit); narrow the statement with WHERE or LIMIT, or raise the limit");
    }

    /** Sends the merged rows as one result set: the first shard's column definitions, rows, terminator. */
    private void writeMerged() {
        if (columns == null) {
            // The shards answered with OKs (a write, or a statement collected only to be rewritten).
            client.writeAndFlush(summary.ok(session).encode(client.alloc(), sequenceId, session.capabilities()));
            done.run();
            return;
        }
        List<ColumnInfo> infos = MergedColumns.infos(columns, collations);
        RowMerger merger = new RowMerger(merge, infos);
        List<byte[][]> merged = merger.merge(rows);
        rows.clear();
        if (rewrite != null) {
            List<String> names = new ArrayList<>(merger.visibleColumns());
            for (int i = 0; i < merger.visibleColumns(); i++) {
                names.add(columns.get(i).name());
            }
            merged = rewrite.apply(names, merged);
        }
        List<ColumnDefinition> visible = new ArrayList<>(merger.visibleColumns());
        for (int i = 0; i < merger.visibleColumns(); i++) {
            ColumnDefinition column = settings.named(columns.get(i));
            String label = rewrite == null ? column.name() : rewrite.label(i, column.name());
            if (!label.equals(column.name())) {
                column = column.withName(label);
            }
            visible.add(MergedColumns.visible(column, merge, i));
        }
        ResultWriter writer = new ResultWriter(client, session, binaryRows, sequenceId);
        writer.header(visible);
        for (byte[][] row : merged) {
            writer.row(row);
        }
        writer.end();
        done.run();
    }

    /** Ends the statement with {@code error}, naming the statements that already ran when some did. */
    private void fail(ErrPacket error) {
        ErrPacket told = error;
        if (index > 0 && !headerSent && summary.count() > 0) {
            told = new ErrPacket(error.code(), error.sqlState(), error.message() + " (Shardline: statement "
                    + (index + 1) + " of " + plan.size() + " failed on data source " + plan.get(index).dataSource()
                    + "; statements 1 to " + index + " had already run and are not undone)");
        }
        session.trace().failed(told.code());
        client.writeAndFlush(told.encode(client.alloc(), sequenceId));
        done.run();
    }

    /**
     * A connection of the statement failed. In a transaction that loses the whole transaction: every branch and the
     * held connection are closed (the servers roll them back) and the session is told so on its next statement.
     */
    private void lose(BackendConnection connection) {
        boolean transaction = session.inTransaction() || !session.branches().isEmpty();
        session.branches().values().remove(connection);
        connection.owner().discard(connection);
        if (transaction || connection == session.backend()) {
            BackendConnection held = session.backend();
            session.backendLost();
            if (held != null && held != connection) {
                held.owner().discard(held);
            }
            TransactionBranches.discardAll(session);
            if (transaction) {
                session.transactionLost("the connection to " + connection.server().name() + " failed");
            }
        }
    }

    /** One shard's response: rows forwarded (renumbered), OKs added up, session state learnt. */
    private final class NodeResponse implements ResponseHandler {
        private final BackendConnection connection;
        private final ServerChooser chooser;
        private final boolean borrowed;
        private final boolean copy;
        private final int nodeIndex;
        private final boolean last;
        private final Lane lane;
        private boolean inRows;
        private ErrPacket error;
        private int columnCount;
        private List<ColumnDefinition> definitions;
        /** The status of this connection's last OK or EOF: whether it is in a transaction now. */
        private int lastStatus;
        /** A first shard's column definition with logical names, written in place of the one it sent. */
        private ByteBuf replacement;
        /** This shard's previous row, to check its rows follow the merge's order. */
        private byte[][] previousRow;

        NodeResponse(BackendConnection connection, ServerChooser chooser, int nodeIndex, boolean borrowed,
                     boolean copy, Lane lane) {
            this.lane = lane;
            this.nodeIndex = nodeIndex;
            this.last = nodeIndex == plan.size() - 1;
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
            if (merge != null && kind != PacketKind.ERR && kind != PacketKind.OK) {
                collect(kind, buf.slice(payloadIndex, payloadLength), end);
                return end ? CONSUME | END : CONSUME;
            }
            if (kind == PacketKind.COLUMN_DEFINITION && !headerSent && settings.columnNames() != null) {
                replacement = settings.columnNames().rewrite(buf, payloadIndex, payloadLength, sequenceId,
                        client.alloc());
                if (replacement != null) {
                    sequenceId = (sequenceId + 1) & 0xff;
                    return end ? REPLACE | END : REPLACE;
                }
            }
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
            } else if (kind == PacketKind.ROW) {
                session.trace().rowSent();
            }
            if (!forward) {
                return end ? CONSUME | END : CONSUME;
            }
            buf.setByte(frameIndex + 3, sequenceId);
            sequenceId = (sequenceId + 1) & 0xff;
            return end ? FORWARD | END : FORWARD;
        }

        private void checkOrder(byte[][] row) {
            RowOrder order = shardOrder();
            if (order != null && previousRow != null && misordered == null && order.compare(row, previousRow) < 0) {
                StreamingMerge.OrderMismatch mismatch = new StreamingMerge.OrderMismatch(nodeIndex);
                misordered = new ErrPacket(mismatch.errorCode(), mismatch.sqlState(), mismatch.getMessage());
            }
            previousRow = row;
        }

        /** Keeps the first shard's column definitions and every shard's rows, within the memory budget. */
        private void collect(PacketKind kind, ByteBuf payload, boolean end) {
            switch (kind) {
                case COLUMN_COUNT -> {
                    columnCount = (int) WireFormat.readLenencInt(payload);
                    definitions = new ArrayList<>(columnCount);
                }
                case COLUMN_DEFINITION -> definitions.add(ColumnDefinition.decode(payload, connection.capabilities()));
                case ROW -> {
                    if (columns == null) {
                        columns = definitions;
                    }
                    if (overBudget) {
                        return;
                    }
                    bufferedBytes += payload.readableBytes() + 16L * columnCount;
                    if (bufferedBytes > mergeBudgetBytes) {
                        overBudget = true;
                        rows.clear();
                        return;
                    }
                    byte[][] row = WireFormat.readTextRow(payload, columnCount);
                    checkOrder(row);
                    rows.add(row);
                }
                case EOF, TERMINATOR_OK -> {
                    if (end) {
                        lastStatus = kind == PacketKind.EOF ? EofPacket.decode(payload).status()
                                : OkPacket.decode(payload, connection.capabilities()).status();
                        session.status(lastStatus);
                    }
                    if (columns == null && definitions != null && definitions.size() == columnCount) {
                        columns = definitions;
                    }
                }
                default -> { }
            }
        }

        /** The EOF after column definitions goes with the header; the one ending the rows only from the last shard. */
        private boolean eof(ByteBuf payload, boolean end) {
            if (!end) {
                return !headerSent;
            }
            lastStatus = EofPacket.decode(payload).status();
            session.status(lastStatus);
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
            lastStatus = ok.status();
            session.status(lastStatus);
            if (endsRows) {
                return last;
            }
            if (!copy) {
                summary.add(ok);
                session.trace().affected(ok.affectedRows());
            }
            return false;
        }

        @Override
        public void writeSpan(ByteBuf span) {
            client.write(span, client.voidPromise());
        }

        @Override
        public ByteBuf takeReplacement() {
            ByteBuf result = replacement;
            replacement = null;
            return result;
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
            if (!parallel) {
                session.streaming(null);
            }
            if (borrowed) {
                keepOrRelease();
            }
            if (lane != null) {
                nodeFinished(nodeIndex, overBudget ? budgetError() : misordered != null ? misordered : error);
                runLane(lane);
                return;
            }
            if (error != null && error.code() == DEADLOCK && !session.branches().isEmpty()) {
                // The server rolled this connection's part back: the rest of the transaction must not commit.
                lose(connection);
            }
            if (error != null) {
                fail(error);
                return;
            }
            if (misordered != null) {
                fail(misordered);
                return;
            }
            if (overBudget) {
                fail(budgetError());
                return;
            }
            index++;
            next();
        }

        /**
         * A borrowed connection goes back, unless the statement opened a transaction on it (autocommit off): then
         * it is the transaction's first connection, or a branch when the session holds one already.
         */
        private void keepOrRelease() {
            if (!client.isActive()) {
                connection.owner().discard(connection); // nobody is left to end what it holds
            } else if (!ServerStatus.has(lastStatus, ServerStatus.IN_TRANS)) {
                connection.lastSessionId(session.id());
                connection.owner().release(connection);
            } else if (session.backend() == null) {
                session.backend(connection);
            } else {
                session.branches().put(connection.server().dataSource(), connection);
            }
        }

        @Override
        public void onFailure(Throwable cause) {
            if (!parallel) {
                session.streaming(null);
            }
            lose(connection);
            if (lane != null) {
                ErrPacket error = CommandExecutor.errorFor(cause);
                nodeFinished(nodeIndex, error);
                abandonLane(lane, error);
                return;
            }
            fail(CommandExecutor.errorFor(cause));
        }
    }
}
