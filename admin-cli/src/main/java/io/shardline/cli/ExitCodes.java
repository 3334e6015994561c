package io.shardline.cli;

/** Exit codes scripts can rely on. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int OPERATION_FAILED = 1;
    public static final int USAGE = 2;
    public static final int CANNOT_REACH_PROXY = 3;
    public static final int VALIDATION_FAILED = 4;

    private ExitCodes() {}
}
