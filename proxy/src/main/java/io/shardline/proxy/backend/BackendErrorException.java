package io.shardline.proxy.backend;

import io.shardline.proxy.protocol.ErrPacket;

/** A backend answered an internal command with an ERR packet. */
public final class BackendErrorException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient ErrPacket error;

    public BackendErrorException(ErrPacket error) {
        super(error.code() + " (" + error.sqlState() + "): " + error.message(), null, false, false);
        this.error = error;
    }

    public ErrPacket error() {
        return error;
    }
}
