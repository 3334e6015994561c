package io.shardline.proxy.execute;

import io.netty.buffer.ByteBuf;
import io.shardline.proxy.backend.BackendConnection;
import io.shardline.proxy.backend.PacketKind;
import io.shardline.proxy.backend.ResponseHandler;
import io.shardline.proxy.backend.ResponseKind;
import io.shardline.proxy.backend.ResponseTracker;
import io.shardline.proxy.protocol.ColumnDefinition;
import io.shardline.proxy.protocol.CommandCode;
import io.shardline.proxy.protocol.EofPacket;
import io.shardline.proxy.protocol.ErrPacket;
import io.shardline.proxy.protocol.OkPacket;
import io.shardline.proxy.protocol.Packets;
import io.shardline.proxy.protocol.WireFormat;
import io.shardline.proxy.route.ServerChooser;
import io.shardline.proxy.session.Session;
import io.shardline.router.plan.NodeStatement;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;

/**
 * One node statement of an {@link OrderedScatter} on the connection borrowed for it: brings the connection to the
 * session's state, sends the statement, decodes its column definitions and rows for the merge, and gives the
 * connection back exactly once ({@link #giveBack}). Runs on the session's event loop, like the scatter.
 */
final class NodeStream implements ResponseHandler {
    private final OrderedScatter scatter;
    private final ScatterContext context;
    private final int index;
    private final NodeStatement statement;
    /** The borrowed connection; null once given back, after which nothing it reports is listened to. */
    private BackendConnection connection;
    private int columnCount;
    private List<ColumnDefinition> definitions;
    private ErrPacket error;
    private int endStatus = -1;
    private boolean ended;
    private boolean paused;

    NodeStream(OrderedScatter scatter, ScatterContext context, int index, NodeStatement statement,
               BackendConnection connection) {
        this.scatter = scatter;
        this.context = context;
        this.index = index;
        this.statement = statement;
        this.connection = connection;
    }

    int index() {
        return index;
    }

    /** The column definitions, once all have come; null before (or when the answer had none). */
    List<ColumnDefinition> columns() {
        return definitions != null && definitions.size() == columnCount ? definitions : null;
    }

    /** The shard's error that ended its response, or null. */
    ErrPacket error() {
        return error;
    }

    /** The response ended (rows, an OK or an ERR), or the statement was never sent because it was not needed. */
    boolean ended() {
        return ended;
    }

    /** Whether the connection went back to its pool (or was closed): nothing more comes from this node. */
    boolean givenBack() {
        return connection == null;
    }

    /** Syncs the connection to the session, then sends the statement (unless the scatter no longer needs it). */
    void start(Charset charset) {
        Session session = context.session();
        if (context.sync().inSync(connection, session, false, true)) {
            send(charset);
            return;
        }
        BackendConnection syncing = connection;
        context.sync().sync(syncing, session, false, true).addListener(ready -> {
            if (connection != syncing) {
                return; // given back meanwhile: the statement ended without this node
            }
            if (!ready.isSuccess()) {
                scatter.nodeFailed(this, ready.cause());
            } else if (!scatter.wantsRows()) {
                ended = true;
                giveBack();
                scatter.nodeEnded(this);
            } else {
                send(charset);
            }
        });
    }

    private void send(Charset charset) {
        ServerChooser chooser = context.choosers().of(statement.dataSource());
        chooser.metrics().ranOn(connection.server(), connection.server() != chooser.source().writer().server());
        byte[] sql = statement.sql().getBytes(charset);
        ByteBuf payload = connection.channel().alloc().buffer(1 + sql.length).writeByte(CommandCode.COM_QUERY)
                .writeBytes(sql);
        connection.send(payload, ResponseKind.RESULT, this);
    }

    @Override
    public int onPacket(ByteBuf buf, int frameIndex, int payloadLength) {
        int payloadIndex = frameIndex + Packets.HEADER_SIZE;
        ResponseTracker tracker = connection.tracker();
        PacketKind kind = tracker.accept(buf, payloadIndex, payloadLength);
        boolean end = tracker.isDone();
        ByteBuf payload = buf.slice(payloadIndex, payloadLength);
        switch (kind) {
            case COLUMN_COUNT -> {
                columnCount = (int) WireFormat.readLenencInt(payload);
                definitions = new ArrayList<>(columnCount);
            }
            case COLUMN_DEFINITION -> {
                definitions.add(ColumnDefinition.decode(payload, connection.capabilities()));
                if (definitions.size() == columnCount) {
                    scatter.columnsKnown(this);
                }
            }
            case ROW -> {
                if (scatter.wantsRows()) {
                    scatter.row(index, WireFormat.readTextRow(payload, columnCount));
                }
            }
            case EOF -> endStatus = end ? EofPacket.decode(payload).status() : endStatus;
            case OK, TERMINATOR_OK -> endStatus = OkPacket.decode(payload, connection.capabilities()).status();
            case ERR -> error = ErrPacket.decode(payload);
            default -> { }
        }
        return end ? CONSUME | END : CONSUME;
    }

    @Override
    public void onReadComplete() {
        scatter.pump();
    }

    @Override
    public void onEnd() {
        ended = true;
        if (endStatus >= 0) {
            context.session().status(endStatus);
        }
        connection.state().mirror(context.session().id(), context.session().stateVersion());
        giveBack();
        scatter.nodeEnded(this);
    }

    @Override
    public void onFailure(Throwable cause) {
        if (connection != null) {
            scatter.nodeFailed(this, cause);
        }
    }

    /** Stops reading this node's rows (its queue is full). */
    void pause() {
        if (connection != null && !paused) {
            paused = true;
            connection.channel().config().setAutoRead(false);
        }
    }

    /** Reads on (its queue has room again, or its rest is to be read and dropped). */
    void resume() {
        if (connection != null && paused) {
            paused = false;
            connection.channel().config().setAutoRead(true);
        }
    }

    /**
     * Gives the connection back, once: released when it is idle (its response ended, or nothing was sent), closed
     * when a command is still running on it (the rest of its answer would be in the way of the next borrower).
     */
    void giveBack() {
        giveBack(false);
    }

    /** Closes the connection, once: it failed, or a command of the proxy's own failed on it (state unknown). */
    void discard() {
        giveBack(true);
    }

    private void giveBack(boolean close) {
        BackendConnection returned = connection;
        if (returned == null) {
            return;
        }
        connection = null;
        returned.channel().config().setAutoRead(true);
        if (close || returned.isBusy() || !returned.isUsable()) {
            returned.owner().discard(returned);
        } else {
            returned.lastSessionId(context.session().id());
            returned.owner().release(returned);
        }
    }
}
