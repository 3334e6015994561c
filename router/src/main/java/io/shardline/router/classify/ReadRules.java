package io.shardline.router.classify;

import io.shardline.router.sql.TokenType;
import java.util.EnumSet;
import java.util.Set;

/** SELECT and its spellings (VALUES, TABLE, parenthesized, WITH), and EXPLAIN, which wraps other statements. */
final class ReadRules {

    private ReadRules() {}

    /**
     * A query: looks for locking clauses and INTO anywhere in it, CTE bodies and subqueries included, since a
     * locking read missed would be sent to a replica.
     */
    static StatementKind select(Span s, Set<StatementFlag> flags) {
        boolean readsTable = false;
        for (int i = s.from(); i < s.to(); i++) {
            if (s.isWord(i, "FROM") || s.isWord(i, "TABLE")) {
                readsTable = true;
            } else if (s.isWord(i, "INTO")) {
                flags.add(StatementFlag.SELECT_INTO);
            } else if (s.isWord(i, "FOR") && (s.isWord(i + 1, "UPDATE") || s.isWord(i + 1, "SHARE"))) {
                flags.add(StatementFlag.LOCKING_READ);
            } else if (s.isWord(i, "LOCK") && s.isWord(i + 1, "IN") && s.isWord(i + 2, "SHARE")) {
                flags.add(StatementFlag.LOCKING_READ);
            }
        }
        if (!readsTable) {
            flags.add(StatementFlag.READS_NO_TABLE);
        }
        return StatementKind.SELECT;
    }

    /** {@code (SELECT ...) UNION (SELECT ...)}, {@code ((VALUES ROW(1)))}, {@code (WITH ... SELECT ...)}. */
    static StatementKind parenthesized(Span s, Set<StatementFlag> flags) {
        int i = s.from();
        while (s.is(i, TokenType.LPAREN)) {
            i++;
        }
        boolean query = s.isWord(i, "SELECT") || s.isWord(i, "VALUES") || s.isWord(i, "TABLE") || s.isWord(i, "WITH");
        return query ? select(s, flags) : StatementKind.UNKNOWN;
    }

    /**
     * {@code WITH [RECURSIVE] cte [(cols)] AS (body) [, ...] main}: the kind is that of the main statement, found as
     * the first statement keyword outside the parentheses of column lists and CTE bodies.
     */
    static StatementKind with(Span s, Set<StatementFlag> flags) {
        int depth = 0;
        for (int i = s.from() + 1; i < s.to(); i++) {
            TokenType type = s.tokens().type(i);
            if (type == TokenType.LPAREN) {
                if (depth == 0 && s.is(i - 1, TokenType.RPAREN)) {
                    return select(s, flags); // WITH c AS (...) (SELECT ...): a parenthesized main query
                }
                depth++;
            } else if (type == TokenType.RPAREN) {
                depth = Math.max(0, depth - 1); // a stray ')' must not hide the main statement
            } else if (depth == 0) {
                StatementKind main = mainKeyword(s, i);
                if (main == StatementKind.SELECT) {
                    return select(s, flags);
                }
                if (main != null) {
                    return main;
                }
            }
        }
        return StatementKind.UNKNOWN;
    }

    private static StatementKind mainKeyword(Span s, int i) {
        if (s.isWord(i, "SELECT") || s.isWord(i, "VALUES") || s.isWord(i, "TABLE")) {
            return StatementKind.SELECT;
        }
        if (s.isWord(i, "UPDATE")) {
            return StatementKind.UPDATE;
        }
        if (s.isWord(i, "DELETE")) {
            return StatementKind.DELETE;
        }
        if (s.isWord(i, "INSERT")) {
            return StatementKind.INSERT;
        }
        return s.isWord(i, "REPLACE") ? StatementKind.REPLACE : null;
    }

    /** EXPLAIN / DESCRIBE / DESC [options] (statement | table [column] | FOR CONNECTION n). */
    static StatementKind explain(Span s, Set<StatementFlag> flags, int nesting) {
        return explained(s, skipExplainOptions(s, s.from() + 1), flags, nesting);
    }

    /**
     * MariaDB's ANALYZE [FORMAT=...] statement runs the statement and reports its plan, so it is an EXPLAIN;
     * ANALYZE [NO_WRITE_TO_BINLOG | LOCAL] TABLE t is table maintenance.
     */
    static StatementKind analyze(Span s, Set<StatementFlag> flags, int nesting) {
        int i = skipExplainOptions(s, s.from() + 1);
        boolean statement = s.is(i, TokenType.LPAREN) || s.isWord(i, "SELECT") || s.isWord(i, "WITH")
                || s.isWord(i, "INSERT") || s.isWord(i, "UPDATE") || s.isWord(i, "DELETE") || s.isWord(i, "REPLACE");
        return statement ? explained(s, i, flags, nesting) : StatementKind.ADMIN;
    }

    /** The explained statement's own flags are not the text's (EXPLAIN ... FOR UPDATE locks nothing). */
    private static StatementKind explained(Span s, int inner, Set<StatementFlag> flags, int nesting) {
        if (inner < s.to() && nesting < StatementRules.MAX_NESTING) {
            StatementKind kind = StatementRules.kindOf(s.tail(inner), EnumSet.noneOf(StatementFlag.class), nesting + 1);
            if (kind == StatementKind.INSERT || kind == StatementKind.UPDATE || kind == StatementKind.DELETE
                    || kind == StatementKind.REPLACE) {
                flags.add(StatementFlag.EXPLAIN_WRITE);
            }
        }
        return StatementKind.EXPLAIN;
    }

    /** EXTENDED, PARTITIONS, ANALYZE, FORMAT = name, and MySQL 8.1's INTO @var. */
    private static int skipExplainOptions(Span s, int i) {
        while (true) {
            if (s.isWord(i, "EXTENDED") || s.isWord(i, "PARTITIONS") || s.isWord(i, "ANALYZE")) {
                i++;
            } else if (s.isWord(i, "FORMAT")) {
                i += s.is(i + 1, TokenType.OPERATOR) ? 3 : 2;
            } else if (s.isWord(i, "INTO") && s.is(i + 1, TokenType.USER_VAR)) {
                i += 2;
            } else {
                return i;
            }
        }
    }
}
