package io.shardline.proxy.execute;

import io.netty.channel.Channel;
import io.shardline.proxy.backend.BackendConnection;
import io.shardline.proxy.backend.PoolExhaustedException;
import io.shardline.proxy.protocol.ColumnDefinition;
import io.shardline.proxy.protocol.ErrPacket;
import io.shardline.proxy.protocol.MySqlError;
import io.shardline.router.merge.ColumnInfo;
import io.shardline.router.merge.MergeStream;
import io.shardline.router.merge.StreamingMerge;
import io.shardline.router.plan.NodeStatement;
import io.shardline.router.route.Target;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a SELECT over several shards whose merge can stream ({@link MergeStream}: an ORDER BY with OFFSET, LIMIT and
 * hidden ORDER BY columns; or a GROUP BY or DISTINCT whose shards sort their rows by its keys, grouped as they come)
 * by merging the shards' rows as they arrive: the proxy holds a few rows per shard (and one group being built),
 * whatever the result's size.
 *
 * <p>Each node statement gets a connection of its own, since every shard's result stays open while the others
 * are read; all are borrowed before anything is sent ({@link OrderedBorrow}: by data source name, then node
 * order). When a pool cannot lend a data source's further connections at once, the statement is collected
 * instead ({@link ScatterExecution}, one connection per data source, within the merge budget). Each node's rows
 * are decoded into its queue of a {@link StreamingMerge}, and the least head row goes to
 * the client once every node still sending has one queued. Back-pressure works both ways: a node whose queue is
 * over the high-water mark is not read (auto-read off) until it is back under the low-water mark, and while the
 * client's channel is not writable no row is written; the session's executor calls {@link #pump} when it is
 * writable again. One statement holds about nodes × {@link #MARKS} (plus one network read per node), so no merge
 * budget applies.
 *
 * <p>Threading: the session's choosers are its event loop's, whose pools lend connections on that loop only
 * ({@code BackendPools.on(loop)}), so the client channel and every backend channel here call back on one thread
 * and nothing is locked.
 *
 * <p>Endings, each giving every borrowed connection back exactly once ({@link NodeStream#giveBack}):
 * <ul>
 * <li>All rows out: the terminator, once every node's response ended (each connection released as it ends).
 * <li>The LIMIT is reached first: the terminator goes at once; the rest of each shard's rows is read and dropped,
 *     and the connections go back to the pool. Reading on is cheap because each shard was asked for at most
 *     {@code offset + limit} rows (the rewriter's LIMIT); closing instead would make the server notice a dead
 *     socket and the pool log in again for the next statement. Under HAVING the shards have no LIMIT (a group
 *     may fail it once merged), so connections still sending are closed instead.
 * <li>A shard's ERR, or a lost connection: before the header it is the answer, after rows it ends the result (as a
 *     server's mid-result error does). The other nodes' connections are closed, since what they still have to send
 *     is unbounded.
 * <li>The client goes away: every connection still answering is closed.
 * </ul>
 * {@code done} runs once, when every connection is back.
 */
final class OrderedScatter {
    /** A node's queue pauses its reads here (rows or bytes) and resumes under half of both. */
    static final StreamingMerge.QueueMarks MARKS = new StreamingMerge.QueueMarks(256, 256 * 1024);
    /** A shard's rows broke the merge's order (see {@link StreamingMerge.OrderMismatch}): the answer ends with it. */
    private ErrPacket broken;

    private final ScatterContext context;
    private final Channel client;
    private final List<NodeStatement> plan;
    private final MergeSettings settings;
    private final Charset charset;
    private final Target target;
    private ResultWriter writer;
    private Runnable done;
    /** By node index; null while the connections are being borrowed. */
    private NodeStream[] nodes;
    /** Made when the first node's column definitions are complete (the merge compares in their types). */
    private MergeStream merge;
    /** The client has its whole answer, or is gone: what the shards still send is dropped. */
    private boolean answered;
    private boolean finished;

    OrderedScatter(ScatterContext context, List<NodeStatement> plan, MergeSettings settings, Charset charset,
                   Target target) {
        this.context = context;
        this.client = context.client();
        this.plan = List.copyOf(plan);
        this.settings = settings;
        this.charset = charset;
        this.target = target;
    }

    /**
     * Whether the plan's rows can stream through a merge: a SELECT with an order-only merge, and on every data
     * source no more node statements than one statement can hold connections at once from this event loop's pools
     * (a plan of four nodes on a pool of two collects instead, as it did before).
     */
    static boolean applies(ScatterContext context, List<NodeStatement> plan, MergeSettings settings) {
        if (!settings.streams()) {
            return false;
        }
        Map<String, Integer> perSource = new HashMap<>();
        plan.forEach(each -> perSource.merge(each.dataSource(), 1, Integer::sum));
        for (Map.Entry<String, Integer> each : perSource.entrySet()) {
            if (each.getValue() > context.choosers().of(each.getKey()).poolShare()) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param reply the sequence id the answer starts with
     * @param collectInstead runs the statement by collecting instead, when a pool cannot lend a data source's
     *     further connections now (see {@link OrderedBorrow}); {@code done} is then not called here
     */
    void start(int reply, Runnable done, Runnable collectInstead) {
        this.writer = new ResultWriter(client, context.session(), settings.binaryRows(), reply);
        this.done = done;
        List<Integer> order = new ArrayList<>(plan.size());
        for (int i = 0; i < plan.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing((Integer each) -> plan.get(each).dataSource()).thenComparing(each -> each));
        List<String> sources = order.stream().map(each -> plan.get(each).dataSource()).toList();
        OrderedBorrow.borrow(context, target, sources, new OrderedBorrow.Outcome() {
            @Override
            public void borrowed(List<BackendConnection> connections) {
                begin(order, connections);
            }

            @Override
            public void failed(int position, Throwable cause) {
                if (cause instanceof PoolExhaustedException && position > 0
                        && sources.get(position).equals(sources.get(position - 1))) {
                    // The pool has no further connection free now: one per data source (collecting) will do.
                    collectInstead.run();
                    return;
                }
                answered = true;
                writer.error(CommandExecutor.errorFor(cause));
                finish();
            }
        });
    }

    private void begin(List<Integer> order, List<BackendConnection> connections) {
        nodes = new NodeStream[plan.size()];
        for (int i = 0; i < order.size(); i++) {
            int index = order.get(i);
            // The lock-free design rests on this: a pool lends connections of the event loop it belongs to.
            assert connections.get(i).channel().eventLoop() == client.eventLoop() : "backend on another loop";
            nodes[index] = new NodeStream(this, context, index, plan.get(index), connections.get(i));
        }
        if (!client.isActive()) {
            clientGone();
            return;
        }
        for (NodeStream each : nodes) {
            if (!answered) {
                each.start(charset);
            }
        }
    }

    /** Whether rows are still wanted: not once the client has its answer (or is gone). */
    boolean wantsRows() {
        return !answered;
    }

    /** A node's column definitions are complete: the first such node's types set up the merge. */
    void columnsKnown(NodeStream node) {
        if (merge != null || answered) {
            return;
        }
        List<ColumnInfo> infos = MergedColumns.infos(node.columns(), settings.collations());
        merge = MergeStream.of(settings.plan(), infos, nodes.length, MARKS);
        for (NodeStream each : nodes) {
            if (each.ended() && each.error() == null) {
                merge.finish(each.index());
            }
        }
    }

    void row(int node, byte[][] values) {
        if (broken != null) {
            return;
        }
        try {
            merge.add(node, values);
        } catch (StreamingMerge.OrderMismatch e) {
            // Failed at the next pump, outside the node's packet handling: the answer ends with this error.
            broken = new ErrPacket(e.errorCode(), e.sqlState(), e.getMessage());
        }
    }

    /**
     * Writes every row that can go now while the client takes them, ends the result when all are out, and pauses
     * or resumes each node's reads by its queue.
     */
    void pump() {
        if (answered || merge == null) {
            return;
        }
        if (broken != null) {
            fail(broken);
            return;
        }
        if (!client.isActive()) {
            clientGone();
            return;
        }
        boolean wrote = false;
        byte[][] row;
        while (client.isWritable() && (row = merge.poll()) != null) {
            writeHeaderOnce();
            writer.row(row);
            wrote = true;
        }
        if (merge.exhausted()) {
            writeHeaderOnce();
            writer.end();
            answered = true;
            boolean restIsShort = !merge.limitReached() || MergeStream.shardsLimited(settings.plan());
            for (NodeStream each : nodes) {
                if (restIsShort) {
                    each.resume(); // the rest is read and dropped (see the class comment)
                } else {
                    each.giveBack(); // closed if still sending: its groups are not limited
                }
            }
            finishWhenBack();
            return;
        }
        if (wrote) {
            client.flush();
        }
        for (NodeStream each : nodes) {
            if (merge.overHighWater(each.index())) {
                each.pause();
            } else if (merge.underLowWater(each.index())) {
                each.resume();
            }
        }
    }

    /** The header is the first node's column definitions (the lowest-numbered that has them), visible ones only. */
    private void writeHeaderOnce() {
        if (writer.headerSent()) {
            return;
        }
        for (NodeStream each : nodes) {
            List<ColumnDefinition> columns = each.columns();
            if (columns != null) {
                List<ColumnDefinition> visible = new ArrayList<>();
                for (int i = 0; i < columns.size() - settings.plan().hiddenColumns(); i++) {
                    visible.add(MergedColumns.visible(settings.named(columns.get(i)), settings.plan(), i));
                }
                writer.header(visible);
                return;
            }
        }
        throw new IllegalStateException("no node sent column definitions");
    }

    /** A node's response ended (its connection is back) or its statement turned out not to be needed. */
    void nodeEnded(NodeStream node) {
        if (!answered && node.error() != null) {
            fail(node.error());
            return;
        }
        if (!answered && node.columns() == null) {
            fail(ErrPacket.of(MySqlError.ER_QUERY_INTERRUPTED, "Query execution was interrupted: Shardline: data"
                    + " source " + plan.get(node.index()).dataSource() + " answered this SELECT without rows"));
            return;
        }
        if (merge != null && !answered) {
            merge.finish(node.index());
        }
        pump();
        finishWhenBack();
    }

    /** A node's connection failed, or a command of the proxy's own on it did. */
    void nodeFailed(NodeStream node, Throwable cause) {
        node.discard();
        if (!answered) {
            fail(CommandExecutor.errorFor(cause));
        }
        finishWhenBack();
    }

    /** Ends the answer with {@code error}; connections still answering are closed. */
    private void fail(ErrPacket error) {
        answered = true;
        for (NodeStream each : nodes) {
            each.giveBack();
        }
        if (client.isActive()) {
            writer.error(error);
        }
        finishWhenBack();
    }

    /** The client went away: every connection still answering is closed. */
    void clientGone() {
        answered = true;
        if (nodes == null) {
            return; // still borrowing: the outcome finds the client gone
        }
        for (NodeStream each : nodes) {
            each.giveBack();
        }
        finishWhenBack();
    }

    /**
     * Runs {@code done} once the client has its answer and every connection is back. Connections may all be back
     * before the answer is out: the last rows wait in the queues for the client to take them.
     */
    private void finishWhenBack() {
        if (!answered || nodes == null) {
            return;
        }
        for (NodeStream each : nodes) {
            if (!each.givenBack()) {
                return;
            }
        }
        finish();
    }

    private void finish() {
        if (!finished) {
            finished = true;
            done.run();
        }
    }
}
