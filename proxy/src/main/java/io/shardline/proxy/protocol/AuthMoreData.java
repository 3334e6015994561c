package io.shardline.proxy.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** Extra authentication data inside an auth exchange (header 0x01), e.g. caching_sha2_password's status byte. */
public record AuthMoreData(byte[] data) {
    public static final int HEADER = 0x01;

    public static AuthMoreData decode(ByteBuf payload) {
        payload.readUnsignedByte();
        return new AuthMoreData(WireFormat.readRestBytes(payload));
    }

    public ByteBuf encode(ByteBufAllocator alloc, int sequenceId) {
        ByteBuf result = Packets.begin(alloc, sequenceId);
        result.writeByte(HEADER).writeBytes(data);
        return Packets.finish(result);
    }
}
