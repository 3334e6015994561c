package io.shardline.proxy.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * One logical packet from a peer: continuation frames already joined. Owns its payload; whoever receives it
 * releases it. {@code sequenceId} is that of the last frame, so a reply starts at {@code sequenceId + 1}.
 */
public final class Packet extends DefaultByteBufHolder {
    private final int sequenceId;

    public Packet(int sequenceId, ByteBuf payload) {
        super(payload);
        this.sequenceId = sequenceId;
    }

    public int sequenceId() {
        return sequenceId;
    }

    public ByteBuf payload() {
        return content();
    }

    public int nextSequenceId() {
        return (sequenceId + 1) & 0xff;
    }

    @Override
    public String toString() {
        // Payloads can hold SQL text and credentials: never print them.
        return "Packet[seq=" + sequenceId + ", length=" + content().readableBytes() + "]";
    }
}
