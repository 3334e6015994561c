package io.shardline.proxy.backend;

/** A backend connection could not be opened: the server is down, unreachable, or refuses the proxy's login. */
public final class BackendUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BackendUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
