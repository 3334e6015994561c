package io.shardline.proxy.cache;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import java.io.ByteArrayOutputStream;

/**
 * Sits in a client's pipeline (only when the result cache is on) and sees every byte the client is sent. While a
 * cacheable read is loading it keeps a copy of the response, up to the entry size limit; while a write's response
 * goes out it runs the write's invalidation first, so the tables are invalidated before any byte of the OK (or of
 * a LOCAL INFILE exchange's final OK) reaches the client. Confined to the channel's event loop.
 */
public final class ResponseRecorder extends ChannelOutboundHandlerAdapter {
    private ByteArrayOutputStream copy;
    private int limit;
    private boolean overflowed;
    private Runnable beforeWrite;

    /** Starts copying what the client is sent, up to {@code limit} bytes. */
    public void record(int limit) {
        this.copy = new ByteArrayOutputStream(Math.min(limit, 512));
        this.limit = limit;
        this.overflowed = false;
    }

    /** Ends the copy: the bytes sent since {@link #record}, or null when they exceeded the limit. */
    public byte[] stop() {
        byte[] result = copy == null || overflowed ? null : copy.toByteArray();
        copy = null;
        return result;
    }

    public boolean recording() {
        return copy != null;
    }

    /** Runs {@code action} before each write until {@link #clearBeforeWrite}; null for none. */
    public void beforeWrite(Runnable action) {
        beforeWrite = action;
    }

    public void clearBeforeWrite() {
        beforeWrite = null;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (beforeWrite != null) {
            beforeWrite.run();
        }
        if (copy != null && !overflowed) {
            if (msg instanceof ByteBuf buffer && copy.size() + buffer.readableBytes() <= limit) {
                buffer.getBytes(buffer.readerIndex(), copy, buffer.readableBytes());
            } else {
                overflowed = true;
            }
        }
        ctx.write(msg, promise);
    }
}
