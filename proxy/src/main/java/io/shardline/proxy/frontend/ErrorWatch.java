package io.shardline.proxy.frontend;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;

/**
 * Sees the first seven bytes a client is sent for each command (they may come in more than one write) and notes
 * the MySQL error code when the response is an ERR packet (header 0xff after the 4-byte frame header), for the
 * statement metrics. One flag test per write otherwise. Confined to the channel's event loop.
 */
final class ErrorWatch extends ChannelOutboundHandlerAdapter {
    private final byte[] head = new byte[7];
    private int have;
    private boolean watching;
    private int error;

    /** A command starts: its response's first packet decides. */
    void begin() {
        watching = true;
        have = 0;
        error = 0;
    }

    /** The error code of the command's response, or 0. */
    int error() {
        watching = false;
        return error;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (watching && msg instanceof ByteBuf buffer) {
            int n = Math.min(head.length - have, buffer.readableBytes());
            buffer.getBytes(buffer.readerIndex(), head, have, n);
            have += n;
            if (have == head.length) {
                watching = false;
                if ((head[4] & 0xff) == 0xff) {
                    error = (head[5] & 0xff) | (head[6] & 0xff) << 8;
                }
            }
        }
        ctx.write(msg, promise);
    }
}
