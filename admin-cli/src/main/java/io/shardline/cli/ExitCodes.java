package io.shardline.cli;

/**
 * Exit codes scripts can rely on. Every failure of a command ends in one of them, so a script can tell "fix the
 * command line" (2) from "the proxy is not there" (3) from "the proxy said no" (4, 5, 6) without reading text.
 */
public final class ExitCodes {
    public static final int OK = 0;
    /** The proxy (or a backend) answered with an error, or something else went wrong. */
    public static final int OPERATION_FAILED = 1;
    /** The command line is wrong: unknown option, missing argument, a file that cannot be read, a bad parameter. */
    public static final int USAGE = 2;
    /** No answer from the management port: not running, another address, or too slow (--timeout). */
    public static final int CANNOT_REACH_PROXY = 3;
    /** A configuration (or statement) is not valid: the problems are printed. */
    public static final int VALIDATION_FAILED = 4;
    /** The proxy refused the token (401), or writes are disabled because it has none (403). */
    public static final int NOT_AUTHORIZED = 5;
    /**
     * The proxy refused in its present state (409): mostly a rules change that would move stored rows; also a
     * cache flush with the cache off.
     */
    public static final int REFUSED = 6;

    private ExitCodes() {}

    /** The exit code for an HTTP status of the admin API (docs/admin-api.md, "Conventions"). */
    public static int forHttpStatus(int status) {
        if (status >= 200 && status < 300) {
            return OK;
        }
        return switch (status) {
            case 400 -> USAGE;
            case 401, 403 -> NOT_AUTHORIZED;
            case 409 -> REFUSED;
            case 422 -> VALIDATION_FAILED;
            default -> OPERATION_FAILED;
        };
    }
}
