package io.shardline.proxy.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Framing: every packet is a 3-byte little-endian payload length, a 1-byte sequence id, then the payload. A
 * payload of 0xffffff bytes or more continues in the next frame; a payload that is an exact multiple of 0xffffff
 * ends with an empty frame.
 */
public final class Packets {
    public static final int HEADER_SIZE = 4;
    public static final int MAX_FRAME_PAYLOAD = 0xffffff;

    private Packets() {}

    /** Starts a small packet the proxy writes itself; the length is filled in by {@link #finish(ByteBuf)}. */
    public static ByteBuf begin(ByteBufAllocator alloc, int sequenceId) {
        ByteBuf result = alloc.buffer(64);
        result.writeMediumLE(0).writeByte(sequenceId);
        return result;
    }

    /** Sets the length of a packet started with {@link #begin}; such packets must fit one frame. */
    public static ByteBuf finish(ByteBuf packet) {
        int payloadLength = packet.writerIndex() - HEADER_SIZE;
        if (payloadLength >= MAX_FRAME_PAYLOAD) {
            packet.release();
            throw new IllegalStateException("a proxy-built packet must stay under 16 MiB, got " + payloadLength);
        }
        packet.setMediumLE(0, payloadLength);
        return packet;
    }

    /**
     * Frames a payload of any size into one buffer (headers and payload slices, no copy) starting at
     * {@code firstSequenceId}. Takes ownership of {@code payload}.
     */
    public static ByteBuf frame(ByteBufAllocator alloc, ByteBuf payload, int firstSequenceId) {
        io.netty.buffer.CompositeByteBuf result = alloc.compositeBuffer(Integer.MAX_VALUE);
        int sequenceId = firstSequenceId;
        try {
            while (true) {
                int chunk = Math.min(payload.readableBytes(), MAX_FRAME_PAYLOAD);
                ByteBuf header = alloc.buffer(HEADER_SIZE).writeMediumLE(chunk).writeByte(sequenceId);
                sequenceId = (sequenceId + 1) & 0xff;
                result.addComponents(true, header, payload.readRetainedSlice(chunk));
                if (chunk < MAX_FRAME_PAYLOAD) {
                    return result;
                }
            }
        } finally {
            payload.release();
        }
    }

    /** The payload length stored in the frame header at {@code index}. */
    public static int payloadLength(ByteBuf buf, int index) {
        return buf.getUnsignedMediumLE(index);
    }

    public static int sequenceId(ByteBuf buf, int index) {
        return buf.getUnsignedByte(index + 3);
    }
}
