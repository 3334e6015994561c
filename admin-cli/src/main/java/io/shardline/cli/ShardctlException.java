package io.shardline.cli;

/**
 * A failure a command reports to the user: one message saying what went wrong and what to do next (printed on
 * standard error) and the exit code that tells scripts which kind of failure it was ({@link ExitCodes}).
 */
public final class ShardctlException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    public ShardctlException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public ShardctlException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
