package io.shardline.proxy.session;

/**
 * Why a session keeps its backend connection between statements instead of returning it to the pool. Each is
 * state that lives only in that server connection and cannot be recreated on another.
 */
public enum PinReason {
    /** An open transaction (the server's IN_TRANS status flag). Ends with the transaction. */
    TRANSACTION(false),
    /** LOCK TABLES / FLUSH TABLES WITH READ LOCK. Ends with UNLOCK TABLES. */
    TABLE_LOCKS(false),
    /** An open cursor of a prepared statement. */
    CURSOR(false),
    /** User variables (@x) hold values only that connection knows. */
    USER_VARIABLES(true),
    /** Temporary tables exist only in that connection. */
    TEMPORARY_TABLES(true),
    /** GET_LOCK() locks belong to the connection. */
    NAMED_LOCKS(true),
    /** PREPARE ... FROM statements (SQL-level) live in the connection. */
    SQL_PREPARED_STATEMENTS(true),
    /** HANDLER ... OPEN cursors. */
    HANDLER(true),
    /** The client changed session tracking, so the proxy can no longer follow the session's state. */
    SESSION_TRACKING(true),
    /** The server reported a state change the proxy cannot reproduce (a variable it does not replay). */
    UNTRACKED_STATE(true);

    private final boolean untilReset;

    PinReason(boolean untilReset) {
        this.untilReset = untilReset;
    }

    /** True when only COM_RESET_CONNECTION, COM_CHANGE_USER or the end of the session lifts this pin. */
    public boolean untilReset() {
        return untilReset;
    }
}
