package io.shardline.proxy.backend;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.shardline.proxy.protocol.Packets;
import java.util.List;

/**
 * Cuts a backend's byte stream into packets and hands each complete one to the connection's current
 * {@link ResponseHandler}, batching forwarded packets into spans. ByteToMessageDecoder provides the cumulation
 * and its rule that a buffer with outstanding slices is never overwritten.
 */
final class BackendInbound extends ByteToMessageDecoder {
    private final BackendConnection connection;

    BackendInbound(BackendConnection connection) {
        this.connection = connection;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        ResponseHandler spanOwner = null;
        int spanStart = -1;
        while (in.readableBytes() >= Packets.HEADER_SIZE) {
            int index = in.readerIndex();
            int length = Packets.payloadLength(in, index);
            if (in.readableBytes() < Packets.HEADER_SIZE + length) {
                break;
            }
            ResponseHandler handler = connection.handler();
            if (handler != spanOwner) {
                flushSpan(spanOwner, in, spanStart, index);
                spanStart = -1;
                spanOwner = handler;
            }
            if (handler == null) {
                connection.unsolicitedPacket(in, index, length);
                return;
            }
            int action = handler.onPacket(in, index, length);
            int end = index + Packets.HEADER_SIZE + length;
            if ((action & ResponseHandler.FORWARD) != 0) {
                spanStart = spanStart < 0 ? index : spanStart;
            } else {
                flushSpan(handler, in, spanStart, index);
                spanStart = -1;
                if ((action & ResponseHandler.REPLACE) != 0) {
                    handler.writeSpan(handler.takeReplacement());
                }
            }
            in.readerIndex(end);
            if ((action & ResponseHandler.END) != 0) {
                flushSpan(handler, in, spanStart, end);
                spanStart = -1;
                spanOwner = null;
                connection.responseEnded(handler);
            }
        }
        flushSpan(spanOwner, in, spanStart, in.readerIndex());
    }

    private static void flushSpan(ResponseHandler owner, ByteBuf in, int start, int end) {
        if (owner != null && start >= 0 && end > start) {
            owner.writeSpan(in.retainedSlice(start, end - start));
        }
    }

    /**
     * Not {@code super.channelReadComplete}: ByteToMessageDecoder asks for another read there whenever auto-read is
     * off and nothing was passed downstream, which is always the case here (packets go to the handler, not down
     * the pipeline), so it would undo the back-pressure the relay applies by turning auto-read off.
     */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ResponseHandler handler = connection.handler();
        if (handler != null) {
            handler.onReadComplete();
        }
        discardSomeReadBytes();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        super.channelInactive(ctx);
        connection.closed(null);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        connection.closed(cause);
        ctx.close();
    }
}
