package io.shardline.proxy.backend;

/** The connection to a backend server closed or failed while it was in use. */
public final class BackendLostException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BackendLostException(String message, Throwable cause) {
        super(message, cause);
    }
}
