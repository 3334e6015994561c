package io.shardline.proxy.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** EOF packet (header 0xfe, payload under 9 bytes): warnings and status flags. */
public record EofPacket(int warnings, int status) {
    public static final int HEADER = 0xfe;

    /** True when a payload starting at {@code index} with {@code length} bytes is an EOF packet, not a row. */
    public static boolean isEof(ByteBuf buf, int index, int length) {
        return length < 9 && buf.getUnsignedByte(index) == HEADER;
    }

    public static EofPacket decode(ByteBuf payload) {
        payload.readUnsignedByte();
        if (payload.readableBytes() < 4) {
            return new EofPacket(0, 0);
        }
        int warnings = payload.readUnsignedShortLE();
        return new EofPacket(warnings, payload.readUnsignedShortLE());
    }

    public ByteBuf encode(ByteBufAllocator alloc, int sequenceId) {
        ByteBuf result = Packets.begin(alloc, sequenceId);
        result.writeByte(HEADER).writeShortLE(warnings).writeShortLE(status);
        return Packets.finish(result);
    }
}
