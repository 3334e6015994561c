package io.shardline.proxy.sandbox;

/**
 * A sandbox operation failed. The message is written for the person at the terminal: it names the server, its
 * port and, where it helps, the log file to read next.
 */
public final class SandboxException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SandboxException(String message) {
        super(message);
    }

    public SandboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
