package io.shardline.router.classify;

import static io.shardline.router.classify.StatementKind.ADMIN;
import static io.shardline.router.classify.StatementKind.UNKNOWN;

import io.shardline.router.sql.TokenType;
import java.util.Set;

/**
 * Decides the kind of one statement from its first keyword, adding the flags that depend on statement structure.
 * The larger families live in {@link ReadRules}, {@link SchemaRules} and {@link SetRules}.
 */
final class StatementRules {

    /** EXPLAIN and SET STATEMENT ... FOR wrap statements; a bound keeps EXPLAIN EXPLAIN EXPLAIN ... off the stack. */
    static final int MAX_NESTING = 3;

    private StatementRules() {}

    static StatementKind kindOf(Span s, Set<StatementFlag> flags, int nesting) {
        if (s.is(s.from(), TokenType.LPAREN)) {
            return ReadRules.parenthesized(s, flags);
        }
        String first = s.upperWord(s.from());
        if (first == null) {
            return UNKNOWN;
        }
        return switch (first) {
            case "SELECT", "VALUES", "TABLE" -> ReadRules.select(s, flags);
            case "WITH" -> ReadRules.with(s, flags);
            case "EXPLAIN", "DESCRIBE", "DESC" -> ReadRules.explain(s, flags, nesting);
            case "ANALYZE" -> ReadRules.analyze(s, flags, nesting);
            case "INSERT" -> StatementKind.INSERT;
            case "REPLACE" -> StatementKind.REPLACE;
            case "UPDATE" -> StatementKind.UPDATE;
            case "DELETE" -> StatementKind.DELETE;
            case "LOAD" -> load(s);
            case "CREATE", "ALTER", "DROP", "RENAME", "TRUNCATE", "IMPORT" -> SchemaRules.kindOf(first, s, flags);
            case "BEGIN", "START", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "XA" -> transaction(first, s);
            case "SET" -> SetRules.set(s, flags, nesting);
            case "USE" -> StatementKind.USE;
            case "SHOW" -> StatementKind.SHOW;
            case "LOCK", "UNLOCK" -> lock(first, s);
            case "PREPARE" -> StatementKind.PREPARE;
            case "EXECUTE" -> StatementKind.EXECUTE;
            case "DEALLOCATE" -> StatementKind.DEALLOCATE;
            case "CALL" -> StatementKind.CALL;
            case "DO" -> StatementKind.DO;
            case "HANDLER" -> StatementKind.HANDLER;
            case "KILL" -> StatementKind.KILL;
            case "FLUSH" -> StatementKind.FLUSH;
            case "SIGNAL", "RESIGNAL" -> StatementKind.DIAGNOSTICS;
            case "GET" -> diagnostics(s);
            case "GRANT", "REVOKE", "OPTIMIZE", "CHECK", "REPAIR", "CHECKSUM", "INSTALL", "UNINSTALL", "RESET",
                    "PURGE", "BINLOG", "SHUTDOWN", "RESTART", "CLONE", "BACKUP", "STOP" -> ADMIN;
            case "CHANGE", "CACHE" -> secondWordAdmin(first, s);
            default -> UNKNOWN;
        };
    }

    /** CHANGE MASTER TO, CHANGE REPLICATION SOURCE|FILTER, CACHE INDEX. */
    private static StatementKind secondWordAdmin(String first, Span s) {
        int next = s.from() + 1;
        boolean admin = first.equals("CACHE") ? s.isWord(next, "INDEX")
                : s.isWord(next, "MASTER") || s.isWord(next, "REPLICATION");
        return admin ? ADMIN : UNKNOWN;
    }

    /** LOAD DATA / LOAD XML read a file into a table; LOAD INDEX INTO CACHE preloads a key cache. */
    private static StatementKind load(Span s) {
        int next = s.from() + 1;
        if (s.isWord(next, "DATA") || s.isWord(next, "XML")) {
            return StatementKind.LOAD_DATA;
        }
        return s.isWord(next, "INDEX") ? ADMIN : UNKNOWN;
    }

    private static StatementKind transaction(String first, Span s) {
        int next = s.from() + 1;
        return switch (first) {
            // At top level BEGIN starts a transaction; MariaDB's BEGIN NOT ATOMIC starts an anonymous block of code.
            case "BEGIN" -> s.isWord(next, "NOT") && s.isWord(next + 1, "ATOMIC")
                    ? StatementKind.CALL : StatementKind.BEGIN;
            case "START" -> start(s, next);
            case "COMMIT" -> StatementKind.COMMIT;
            case "ROLLBACK" -> s.isWord(s.isWord(next, "WORK") ? next + 1 : next, "TO")
                    ? StatementKind.SAVEPOINT : StatementKind.ROLLBACK;
            case "SAVEPOINT" -> StatementKind.SAVEPOINT;
            case "RELEASE" -> s.isWord(next, "SAVEPOINT") ? StatementKind.SAVEPOINT : UNKNOWN;
            default -> StatementKind.XA;
        };
    }

    private static StatementKind start(Span s, int next) {
        if (s.isWord(next, "TRANSACTION")) {
            return StatementKind.BEGIN;
        }
        boolean replication = s.isWord(next, "SLAVE") || s.isWord(next, "REPLICA")
                || s.isWord(next, "GROUP_REPLICATION") || s.isWord(next, "ALL");
        return replication ? ADMIN : UNKNOWN;
    }

    /** LOCK TABLES / UNLOCK TABLES; LOCK INSTANCE FOR BACKUP and UNLOCK INSTANCE are server administration. */
    private static StatementKind lock(String first, Span s) {
        int next = s.from() + 1;
        if (s.isWord(next, "TABLES") || s.isWord(next, "TABLE")) {
            return first.equals("LOCK") ? StatementKind.LOCK_TABLES : StatementKind.UNLOCK_TABLES;
        }
        return s.isWord(next, "INSTANCE") ? ADMIN : UNKNOWN;
    }

    /** GET [CURRENT | STACKED] DIAGNOSTICS. */
    private static StatementKind diagnostics(Span s) {
        int next = s.from() + 1;
        if (s.isWord(next, "CURRENT") || s.isWord(next, "STACKED")) {
            next++;
        }
        return s.isWord(next, "DIAGNOSTICS") ? StatementKind.DIAGNOSTICS : UNKNOWN;
    }
}
