package io.shardline.proxy.backend;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.Promise;
import io.shardline.proxy.protocol.ErrPacket;
import io.shardline.proxy.protocol.OkPacket;
import io.shardline.proxy.protocol.Packets;
import io.shardline.proxy.protocol.WireFormat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Consumes the response to a command the proxy sent for itself (session sync, validation, KILL, ...): applies
 * reported session-state changes to the connection and completes a promise. An ERR fails the promise with
 * {@link BackendErrorException}.
 */
final class InternalCommand implements ResponseHandler {
    private final BackendConnection connection;
    private final Promise<InternalResult> promise;
    private final List<List<String>> rows = new ArrayList<>();
    private OkPacket ok;
    private ErrPacket error;
    private String other;
    private InternalResult.Prepared prepared;
    private int columns;

    InternalCommand(BackendConnection connection, Promise<InternalResult> promise) {
        this.connection = connection;
        this.promise = promise;
    }

    @Override
    public int onPacket(ByteBuf buf, int frameIndex, int payloadLength) {
        int payloadIndex = frameIndex + Packets.HEADER_SIZE;
        ResponseTracker tracker = connection.tracker();
        PacketKind kind = tracker.accept(buf, payloadIndex, payloadLength);
        ByteBuf payload = buf.slice(payloadIndex, payloadLength);
        switch (kind) {
            case OK, TERMINATOR_OK -> {
                ok = OkPacket.decode(payload, connection.capabilities());
                connection.state().apply(ok.sessionStateChanges());
            }
            case ERR -> error = ErrPacket.decode(payload);
            case COLUMN_COUNT -> {
                columns = (int) WireFormat.readLenencInt(payload);
                rows.clear();
            }
            case ROW -> rows.add(readTextRow(payload));
            case LOCAL_INFILE_REQUEST -> refuseLocalFile(buf.getUnsignedByte(frameIndex + 3));
            case OTHER -> other = payload.toString(StandardCharsets.UTF_8);
            case PREPARE_OK -> prepared = new InternalResult.Prepared(payload.getUnsignedIntLE(1),
                    payload.getUnsignedShortLE(7), payload.getUnsignedShortLE(5));
            default -> { }
        }
        return tracker.isDone() ? END : CONSUME;
    }

    private List<String> readTextRow(ByteBuf payload) {
        List<String> result = new ArrayList<>(columns);
        for (byte[] each : WireFormat.readTextRow(payload, columns)) {
            result.add(each == null ? null : new String(each, StandardCharsets.UTF_8));
        }
        return result;
    }

    /** The proxy never sends files of its own: an empty packet tells the server so. */
    private void refuseLocalFile(int sequenceId) {
        connection.sendRaw(connection.channel().alloc().buffer(4).writeMediumLE(0).writeByte(sequenceId + 1));
        connection.tracker().clientDataSent();
    }

    @Override
    public void onEnd() {
        if (error != null) {
            promise.tryFailure(new BackendErrorException(error));
        } else {
            promise.trySuccess(new InternalResult(ok, List.copyOf(rows), other, prepared));
        }
    }

    @Override
    public void onFailure(Throwable cause) {
        promise.tryFailure(cause);
    }
}
