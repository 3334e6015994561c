package io.shardline.proxy.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;

/** ERR packet: header 0xff, error code, '#' and a 5-character SQLSTATE, message. */
public record ErrPacket(int code, String sqlState, String message) {
    public static final int HEADER = 0xff;

    public static ErrPacket of(MySqlError error, String message) {
        return new ErrPacket(error.code(), error.sqlState(), message);
    }

    public static ErrPacket decode(ByteBuf payload) {
        payload.readUnsignedByte();
        WireFormat.requireReadable(payload, 2, "error code");
        int code = payload.readUnsignedShortLE();
        String sqlState = "HY000";
        if (payload.isReadable() && payload.getByte(payload.readerIndex()) == '#' && payload.readableBytes() >= 6) {
            payload.skipBytes(1);
            sqlState = payload.readCharSequence(5, StandardCharsets.US_ASCII).toString();
        }
        return new ErrPacket(code, sqlState, WireFormat.readRestString(payload, StandardCharsets.UTF_8));
    }

    public ByteBuf encode(ByteBufAllocator alloc, int sequenceId) {
        ByteBuf result = Packets.begin(alloc, sequenceId);
        result.writeByte(HEADER).writeShortLE(code).writeByte('#');
        result.writeCharSequence(sqlState, StandardCharsets.US_ASCII);
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        // MySQL caps messages at 512 bytes; cut there, but never inside a UTF-8 character.
        int length = Math.min(text.length, 512);
        while (length < text.length && length > 0 && (text[length] & 0xc0) == 0x80) {
            length--;
        }
        result.writeBytes(text, 0, length);
        return Packets.finish(result);
    }

    @Override
    public String toString() {
        return "ErrPacket[" + code + " (" + sqlState + "): " + message + "]";
    }
}
