package io.shardline.proxy.execute;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.shardline.proxy.protocol.Capabilities;
import io.shardline.proxy.protocol.ColumnDefinition;
import io.shardline.proxy.protocol.EofPacket;
import io.shardline.proxy.protocol.ErrPacket;
import io.shardline.proxy.protocol.OkPacket;
import io.shardline.proxy.protocol.Packets;
import io.shardline.proxy.protocol.ServerStatus;
import io.shardline.proxy.protocol.WireFormat;
import io.shardline.proxy.session.Session;
import java.util.List;

/**
 * Writes a result set the proxy composes from several shards' rows, as one server would send it: the column count,
 * the column definitions, an EOF unless the client has DEPRECATE_EOF, the rows (text values re-encoded, or binary
 * rows for a prepared statement's execution), then the EOF or the OK that ends it; or an ERR, which may also end a
 * result whose rows have begun, as a server's mid-result error does. Sequence ids follow on from the first one.
 * Nothing is flushed but the end: the caller flushes when it pauses.
 */
final class ResultWriter {
    private final Channel client;
    private final Session session;
    private final boolean binaryRows;
    private List<ColumnDefinition> columns;
    private int sequenceId;

    /** @param firstSequenceId the sequence id of the answer's first packet */
    ResultWriter(Channel client, Session session, boolean binaryRows, int firstSequenceId) {
        this.client = client;
        this.session = session;
        this.binaryRows = binaryRows;
        this.sequenceId = firstSequenceId;
    }

    /** Whether the header went out: rows may follow, and an error now ends a result set that has begun. */
    boolean headerSent() {
        return columns != null;
    }

    /** The column count, the definitions the client sees, and the EOF after them unless DEPRECATE_EOF. */
    void header(List<ColumnDefinition> visibleColumns) {
        columns = List.copyOf(visibleColumns);
        ByteBuf count = Packets.begin(client.alloc(), nextSequence());
        WireFormat.writeLenencInt(count, columns.size());
        client.write(Packets.finish(count), client.voidPromise());
        for (ColumnDefinition each : columns) {
            ByteBuf packet = Packets.begin(client.alloc(), nextSequence()).writeBytes(each.payload());
            client.write(Packets.finish(packet), client.voidPromise());
        }
        if (!session.clientHas(Capabilities.DEPRECATE_EOF)) {
            client.write(new EofPacket(0, status()).encode(client.alloc(), nextSequence()), client.voidPromise());
        }
    }

    /** One row of visible values (text-protocol bytes, null for NULL), written after {@link #header}. */
    void row(byte[][] row) {
        ByteBuf packet = Packets.begin(client.alloc(), nextSequence());
        try {
            if (binaryRows) {
                BinaryRows.write(packet, row, columns);
            } else {
                for (byte[] value : row) {
                    if (value == null) {
                        packet.writeByte(WireFormat.NULL_VALUE);
                    } else {
                        WireFormat.writeLenencBytes(packet, value);
                    }
                }
            }
        } catch (RuntimeException ex) {
            packet.release();
            throw ex;
        }
        client.write(Packets.finish(packet), client.voidPromise());
        session.trace().rowSent();
    }

    /** The EOF, or under DEPRECATE_EOF the OK, that ends the rows; flushed. */
    void end() {
        client.writeAndFlush(session.clientHas(Capabilities.DEPRECATE_EOF)
                ? new OkPacket(OkPacket.EOF_HEADER, 0, 0, status(), 0, new byte[0], new byte[0]).encode(client.alloc(),
                        nextSequence(), session.capabilities())
                : new EofPacket(0, status()).encode(client.alloc(), nextSequence()));
    }

    /** An ERR as the whole answer, or ending rows already sent; flushed. */
    void error(ErrPacket error) {
        session.trace().failed(error.code());
        client.writeAndFlush(error.encode(client.alloc(), nextSequence()));
    }

    private int status() {
        return session.status() & ~ServerStatus.STATEMENT_ONLY;
    }

    private int nextSequence() {
        int result = sequenceId;
        sequenceId = (sequenceId + 1) & 0xff;
        return result;
    }
}
