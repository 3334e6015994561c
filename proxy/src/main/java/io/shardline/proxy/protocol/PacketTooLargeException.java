package io.shardline.proxy.protocol;

/** A client packet longer than the configured max-allowed-packet. */
public final class PacketTooLargeException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long length;
    private final long limit;

    public PacketTooLargeException(long length, long limit) {
        super("packet length: " + length + " (expected: <= " + limit + ")", null, false, false);
        this.length = length;
        this.limit = limit;
    }

    public long length() {
        return length;
    }

    public long limit() {
        return limit;
    }
}
