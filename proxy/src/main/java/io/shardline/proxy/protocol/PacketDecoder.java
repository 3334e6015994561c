package io.shardline.proxy.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Cuts the client's byte stream into {@link Packet}s, joining continuation frames of payloads of 16 MiB and more
 * into one composite buffer (frames are retained slices, never copied). A logical packet over
 * {@code maxPacketSize} raises {@link PacketTooLargeException} once its first frames arrive; its remaining bytes
 * are then discarded, since the connection is about to close.
 */
public final class PacketDecoder extends ByteToMessageDecoder {
    private final int maxPacketSize;
    private CompositeByteBuf pending;
    private long pendingLength;
    private boolean discarding;

    public PacketDecoder(int maxPacketSize) {
        this.maxPacketSize = maxPacketSize;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (discarding) {
            in.skipBytes(in.readableBytes());
            return;
        }
        while (in.readableBytes() >= Packets.HEADER_SIZE) {
            int length = Packets.payloadLength(in, in.readerIndex());
            if (pendingLength + length > maxPacketSize) {
                long total = pendingLength + length;
                discarding = true;
                releasePending();
                in.skipBytes(in.readableBytes());
                throw new PacketTooLargeException(total, maxPacketSize);
            }
            if (in.readableBytes() < Packets.HEADER_SIZE + length) {
                return;
            }
            int sequenceId = Packets.sequenceId(in, in.readerIndex());
            in.skipBytes(Packets.HEADER_SIZE);
            ByteBuf frame = in.readRetainedSlice(length);
            if (length == Packets.MAX_FRAME_PAYLOAD || pending != null) {
                appendFrame(ctx, frame, length);
                if (length == Packets.MAX_FRAME_PAYLOAD) {
                    continue;
                }
                out.add(new Packet(sequenceId, takePending()));
            } else {
                out.add(new Packet(sequenceId, frame));
            }
        }
    }

    private void appendFrame(ChannelHandlerContext ctx, ByteBuf frame, int length) {
        if (pending == null) {
            pending = ctx.alloc().compositeBuffer(Integer.MAX_VALUE);
        }
        pending.addComponent(true, frame);
        pendingLength += length;
    }

    private ByteBuf takePending() {
        ByteBuf result = pending;
        pending = null;
        pendingLength = 0;
        return result;
    }

    private void releasePending() {
        if (pending != null) {
            pending.release();
            pending = null;
        }
        pendingLength = 0;
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        releasePending();
    }
}
