package io.shardline.proxy.backend;

import io.netty.buffer.ByteBuf;

/**
 * Receives the packets of one backend response, complete and in order, straight from the connection's input
 * buffer. {@link #onPacket} answers with bit flags; forwarded packets are collected into contiguous spans and
 * handed to {@link #writeSpan} as retained slices, so a relay writes once per network read, not once per row.
 */
public interface ResponseHandler {
    /** Relay this packet unchanged. */
    int FORWARD = 1;
    /** The response is complete after this packet. */
    int END = 2;
    /** Drop this packet and write {@link #takeReplacement()} in its place. */
    int REPLACE = 4;
    /** Neither forward nor replace: the handler consumed the packet. */
    int CONSUME = 0;

    /**
     * @param buf the connection's input buffer; valid only during this call
     * @param frameIndex where the 4-byte packet header starts
     * @param payloadLength the payload length from the header
     */
    int onPacket(ByteBuf buf, int frameIndex, int payloadLength);

    /** Forwarded packets, as one retained slice; the handler owns it. */
    default void writeSpan(ByteBuf span) {
        span.release();
        throw new IllegalStateException(getClass().getSimpleName() + " does not forward packets");
    }

    default ByteBuf takeReplacement() {
        throw new IllegalStateException(getClass().getSimpleName() + " does not replace packets");
    }

    /** The end of one network read: a good moment to flush what was written. */
    default void onReadComplete() {
    }

    /** The response ended; the connection is free for the next command when this returns. */
    void onEnd();

    /** The connection failed before the response ended. The connection is closed. */
    void onFailure(Throwable cause);
}
