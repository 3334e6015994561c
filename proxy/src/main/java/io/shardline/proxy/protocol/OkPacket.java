package io.shardline.proxy.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;

/**
 * OK packet (header 0x00, or 0xfe where it ends a result set under DEPRECATE_EOF).
 *
 * @param sessionState the raw session-state-change block, empty when none; see {@link SessionStateChanges}
 */
public record OkPacket(int header, long affectedRows, long lastInsertId, int status, int warnings, byte[] info,
                       byte[] sessionState) {
    public static final int HEADER = 0x00;
    public static final int EOF_HEADER = 0xfe;
    private static final byte[] EMPTY = new byte[0];

    public static OkPacket of(long affectedRows, long lastInsertId, int status, int warnings) {
        return new OkPacket(HEADER, affectedRows, lastInsertId, status, warnings, EMPTY, EMPTY);
    }

    /** Decodes a payload positioned at its header byte, as sent to a peer with {@code capabilities}. */
    public static OkPacket decode(ByteBuf payload, long capabilities) {
        int header = payload.readUnsignedByte();
        long affectedRows = WireFormat.readLenencInt(payload);
        long lastInsertId = WireFormat.readLenencInt(payload);
        WireFormat.requireReadable(payload, 4, "OK status and warnings");
        int status = payload.readUnsignedShortLE();
        int warnings = payload.readUnsignedShortLE();
        byte[] info = EMPTY;
        byte[] sessionState = EMPTY;
        if (Capabilities.has(capabilities, Capabilities.SESSION_TRACK)) {
            if (payload.isReadable()) {
                info = WireFormat.readLenencBytes(payload);
            }
            if (ServerStatus.has(status, ServerStatus.SESSION_STATE_CHANGED) && payload.isReadable()) {
                sessionState = WireFormat.readLenencBytes(payload);
            }
        } else if (payload.isReadable()) {
            info = readInfoWithoutTracking(payload);
        }
        return new OkPacket(header, affectedRows, lastInsertId, status, warnings, info, sessionState);
    }

    /**
     * Documented as "the rest of the packet", but MySQL and MariaDB servers both write it length-encoded (their
     * net_send_ok uses net_store_data), and drivers such as Connector/J read it so. Accept both.
     */
    private static byte[] readInfoWithoutTracking(ByteBuf payload) {
        ByteBuf probe = payload.duplicate();
        try {
            long length = WireFormat.readLenencInt(probe);
            if (length == probe.readableBytes()) {
                return WireFormat.readLenencBytes(payload);
            }
        } catch (MalformedPacketException ex) {
            // not length-encoded: fall through to the documented form
        }
        return WireFormat.readRestBytes(payload);
    }

    /** Encodes for a peer with {@code capabilities}, as a whole frame with the given sequence id. */
    public ByteBuf encode(ByteBufAllocator alloc, int sequenceId, long capabilities) {
        ByteBuf result = Packets.begin(alloc, sequenceId);
        result.writeByte(header);
        WireFormat.writeLenencInt(result, affectedRows);
        WireFormat.writeLenencInt(result, lastInsertId);
        boolean track = Capabilities.has(capabilities, Capabilities.SESSION_TRACK);
        int statusOut = track ? status : status & ~ServerStatus.SESSION_STATE_CHANGED;
        result.writeShortLE(statusOut).writeShortLE(warnings);
        if (track) {
            if (info.length > 0 || ServerStatus.has(statusOut, ServerStatus.SESSION_STATE_CHANGED)) {
                WireFormat.writeLenencBytes(result, info);
            }
            if (ServerStatus.has(statusOut, ServerStatus.SESSION_STATE_CHANGED)) {
                WireFormat.writeLenencBytes(result, sessionState);
            }
        } else if (info.length > 0) {
            WireFormat.writeLenencBytes(result, info);
        }
        return Packets.finish(result);
    }

    public SessionStateChanges sessionStateChanges() {
        return SessionStateChanges.decode(sessionState);
    }

    public String infoText() {
        return new String(info, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "OkPacket[affectedRows=" + affectedRows + ", lastInsertId=" + lastInsertId + ", status=0x"
                + Integer.toHexString(status) + ", warnings=" + warnings + "]";
    }
}
