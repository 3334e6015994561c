package io.shardline.router.classify;

/**
 * Features of a text that matter for routing, session pinning and caching. Flags are the union over all statements
 * of a multi-statement text. Flags found from single tokens (variables, functions, placeholders) are reported for
 * every statement kind, including DDL such as {@code DEFAULT CURRENT_TIMESTAMP}.
 */
public enum StatementFlag {
    /** A user variable {@code @name} appears; {@code @@name} does not count. */
    USER_VARIABLE,
    /** GET_LOCK, RELEASE_LOCK, RELEASE_ALL_LOCKS, IS_FREE_LOCK or IS_USED_LOCK is called. */
    NAMED_LOCK,
    /** CREATE TEMPORARY TABLE or DROP TEMPORARY TABLE. */
    TEMPORARY_TABLE,
    /** The SQL_CALC_FOUND_ROWS select option. */
    CALC_FOUND_ROWS,
    /** LAST_INSERT_ID(...) is called; a column named last_insert_id is not a call. */
    LAST_INSERT_ID,
    /** FOUND_ROWS() is called. */
    FOUND_ROWS,
    /** ROW_COUNT() is called. */
    ROW_COUNT,
    /** A SELECT with FOR UPDATE, FOR SHARE or LOCK IN SHARE MODE. */
    LOCKING_READ,
    /** A SELECT with INTO (OUTFILE, DUMPFILE, variables); INSERT ... SELECT is not one. */
    SELECT_INTO,
    /**
     * A call that changes server or session state: SLEEP, BENCHMARK, sequences (NEXTVAL, SETVAL, LASTVAL, NEXT VALUE
     * FOR, PREVIOUS VALUE FOR), the named-lock functions, and LAST_INSERT_ID(expr) with an argument.
     */
    SIDE_EFFECT_FUNCTION,
    /**
     * The result must not be cached: time, random, identity and session functions, LAST_INSERT_ID(), FOUND_ROWS(),
     * ROW_COUNT(), every SIDE_EFFECT_FUNCTION (serving it from a cache would skip the effect), and any user or
     * system variable, even one that is only assigned.
     */
    NON_DETERMINISTIC,
    /** SET TRANSACTION without a scope: it applies to the next transaction only. */
    SET_TRANSACTION_NEXT,
    /** A SET that assigns a session-scoped variable whose name starts with session_track. */
    SESSION_TRACKING,
    /** A SET with global scope: SET GLOBAL / PERSIST / PERSIST_ONLY, or @@global.x. */
    SET_GLOBAL,
    /** More than one non-empty statement. */
    MULTI_STATEMENT,
    /** A query with no FROM and no TABLE: it reads no table ({@code SELECT 1}, {@code SELECT @@version}). */
    READS_NO_TABLE,
    /** A {@code ?} placeholder. */
    HAS_PLACEHOLDER,
    /**
     * EXPLAIN, DESCRIBE or ANALYZE of an INSERT, UPDATE, DELETE or REPLACE. Route it like the write: EXPLAIN ANALYZE
     * (MySQL) and ANALYZE (MariaDB) really execute the statement.
     */
    EXPLAIN_WRITE
}
