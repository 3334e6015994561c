package io.shardline.router.classify;

/** What a statement does, decided from its leading keywords. */
public enum StatementKind {
    /** SELECT, VALUES, TABLE, {@code (SELECT ...)}, and WITH ... SELECT. */
    SELECT,
    INSERT,
    UPDATE,
    DELETE,
    REPLACE,
    /** LOAD DATA and LOAD XML. */
    LOAD_DATA,
    /** CALL, and MariaDB's anonymous {@code BEGIN NOT ATOMIC ... END} block, which runs code just as a call does. */
    CALL,
    /** CREATE, ALTER, DROP, TRUNCATE, RENAME of schema objects (users and roles are ADMIN). */
    DDL,
    /** BEGIN [WORK], START TRANSACTION ... */
    BEGIN,
    COMMIT,
    /** A plain ROLLBACK; ROLLBACK TO is SAVEPOINT. */
    ROLLBACK,
    /** SAVEPOINT x, ROLLBACK [WORK] TO [SAVEPOINT] x, RELEASE SAVEPOINT x. */
    SAVEPOINT,
    /** SET of variables, names, roles, and SET TRANSACTION. SET PASSWORD and SET DEFAULT ROLE are ADMIN. */
    SET,
    USE,
    SHOW,
    /** EXPLAIN, DESCRIBE, DESC, and MariaDB's ANALYZE of a statement; see {@link StatementFlag#EXPLAIN_WRITE}. */
    EXPLAIN,
    LOCK_TABLES,
    UNLOCK_TABLES,
    PREPARE,
    EXECUTE,
    /** DEALLOCATE PREPARE and DROP PREPARE. */
    DEALLOCATE,
    KILL,
    HANDLER,
    XA,
    DO,
    FLUSH,
    /** Accounts, privileges, table maintenance, plugins, replication and server control. */
    ADMIN,
    /** SIGNAL, RESIGNAL, GET DIAGNOSTICS. */
    DIAGNOSTICS,
    /** Nothing but whitespace, comments and semicolons. */
    EMPTY,
    UNKNOWN
}
