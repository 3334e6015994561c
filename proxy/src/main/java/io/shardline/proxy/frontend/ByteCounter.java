package io.shardline.proxy.frontend;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the bytes client connections receive and are sent, at the head of every client pipeline (so TLS records
 * count as they cross the network). One instance serves all connections: a {@link LongAdder} add per read and per
 * write, no contention between event loops.
 */
@ChannelHandler.Sharable
public final class ByteCounter extends ChannelDuplexHandler {
    private final LongAdder received = new LongAdder();
    private final LongAdder sent = new LongAdder();

    public long received() {
        return received.sum();
    }

    public long sent() {
        return sent.sum();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        received.add(size(msg));
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        sent.add(size(msg));
        ctx.write(msg, promise);
    }

    private static long size(Object msg) {
        if (msg instanceof ByteBuf buffer) {
            return buffer.readableBytes();
        }
        return msg instanceof ByteBufHolder holder ? holder.content().readableBytes() : 0;
    }
}
