package io.shardline.router.route;

/**
 * What the router needs to know about the session besides the statement.
 *
 * @param inTransaction a transaction is open (the server's IN_TRANS status)
 * @param autocommit autocommit is on (off means every statement is part of a transaction)
 * @param primaryState the session holds state only its primary connection has (user variables, temporary
 *     tables, locks, SQL-level prepared statements): its statements must read that state
 */
public record SessionFacts(boolean inTransaction, boolean autocommit, boolean primaryState) {
    public static final SessionFacts FRESH = new SessionFacts(false, true, false);
}
