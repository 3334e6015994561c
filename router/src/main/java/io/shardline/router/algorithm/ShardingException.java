package io.shardline.router.algorithm;

/**
 * A statement the sharding rules cannot place or run exactly: no data node for a value, a value of a type the
 * algorithm cannot use, a statement shape Shardline does not route. The message names the rule, the value and
 * what to change; the proxy sends it as an error packet with {@link #errorCode()} and {@link #sqlState()}: by
 * default 1235 (ER_NOT_SUPPORTED_YET), or the error MySQL itself would give where the statement is simply wrong.
 */
public class ShardingException extends RuntimeException {
    public static final int NOT_SUPPORTED_YET = 1235;

    private final int errorCode;
    private final String sqlState;

    public ShardingException(String message) {
        this(message, NOT_SUPPORTED_YET, "42000");
    }

    public ShardingException(String message, int errorCode, String sqlState) {
        super(message);
        this.errorCode = errorCode;
        this.sqlState = sqlState;
    }

    public int errorCode() {
        return errorCode;
    }

    public String sqlState() {
        return sqlState;
    }
}
