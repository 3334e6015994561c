package io.shardline.proxy.protocol;

/** A packet that does not follow the protocol grammar; the message says which field and why. */
public final class MalformedPacketException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MalformedPacketException(String message) {
        super(message, null, false, false);
    }
}
