package io.shardline.router.classify;

import io.shardline.router.sql.TokenType;
import io.shardline.router.sql.Tokens;
import java.util.Set;

/** The SET family: variable assignments, SET TRANSACTION, SET STATEMENT ... FOR, and the account forms. */
final class SetRules {

    private SetRules() {}

    static StatementKind set(Span s, Set<StatementFlag> flags, int nesting) {
        int next = s.from() + 1;
        if (s.isWord(next, "PASSWORD") || (s.isWord(next, "DEFAULT") && s.isWord(next + 1, "ROLE"))) {
            return StatementKind.ADMIN; // stored in the grant tables, not in the session
        }
        if (s.isWord(next, "STATEMENT")) {
            return setStatement(s, flags, nesting);
        }
        if (s.isWord(next, "TRANSACTION")) {
            flags.add(StatementFlag.SET_TRANSACTION_NEXT);
            return StatementKind.SET;
        }
        assignments(s, next, flags);
        return StatementKind.SET;
    }

    /**
     * MariaDB's SET STATEMENT var = value [, ...] FOR statement runs the inner statement with the variables set for
     * its duration only, so it is classified as the inner statement.
     */
    private static StatementKind setStatement(Span s, Set<StatementFlag> flags, int nesting) {
        int forKeyword = s.indexOfTopLevelWord(s.from() + 2, "FOR");
        if (forKeyword < 0 || nesting >= StatementRules.MAX_NESTING) {
            return StatementKind.UNKNOWN;
        }
        return StatementRules.kindOf(s.tail(forKeyword + 1), flags, nesting + 1);
    }

    /** Walks the comma-separated assignments; a scope keyword carries over to later assignments, as in MySQL. */
    private static void assignments(Span s, int i, Set<StatementFlag> flags) {
        boolean global = false;
        while (i < s.to()) {
            if (s.isWord(i, "GLOBAL") || s.isWord(i, "PERSIST") || s.isWord(i, "PERSIST_ONLY")) {
                flags.add(StatementFlag.SET_GLOBAL);
                global = true;
                i++;
            } else if (s.isWord(i, "SESSION") || s.isWord(i, "LOCAL")) {
                global = false;
                i++;
            }
            target(s, i, global, flags);
            i = nextAssignment(s, i);
        }
    }

    private static void target(Span s, int i, boolean global, Set<StatementFlag> flags) {
        Tokens tokens = s.tokens();
        if (s.is(i, TokenType.SYSTEM_VAR)) {
            systemVariable(tokens, i, flags);
        } else if (!global && (s.is(i, TokenType.WORD) || s.is(i, TokenType.QUOTED_IDENT))) {
            int nameOffset = s.is(i, TokenType.QUOTED_IDENT) ? 1 : 0;
            if (tokens.regionIs(i, nameOffset, "SESSION_TRACK")) {
                flags.add(StatementFlag.SESSION_TRACKING);
            }
        }
    }

    /** {@code @@name} and {@code @@session.name} / {@code @@local.name} are session scope whatever came before. */
    private static void systemVariable(Tokens tokens, int i, Set<StatementFlag> flags) {
        if (tokens.regionIs(i, 2, "GLOBAL.") || tokens.regionIs(i, 2, "PERSIST.")
                || tokens.regionIs(i, 2, "PERSIST_ONLY.")) {
            flags.add(StatementFlag.SET_GLOBAL);
            return;
        }
        int name = tokens.regionIs(i, 2, "SESSION.") ? 10 : tokens.regionIs(i, 2, "LOCAL.") ? 8 : 2;
        if (tokens.regionIs(i, name, "`")) {
            name++;
        }
        if (tokens.regionIs(i, name, "SESSION_TRACK")) {
            flags.add(StatementFlag.SESSION_TRACKING);
        }
    }

    /** The token after the next comma that is not inside parentheses, or the end of the statement. */
    private static int nextAssignment(Span s, int i) {
        int depth = 0;
        for (int k = i; k < s.to(); k++) {
            TokenType type = s.tokens().type(k);
            if (type == TokenType.LPAREN) {
                depth++;
            } else if (type == TokenType.RPAREN) {
                depth--;
            } else if (type == TokenType.COMMA && depth <= 0) {
                return k + 1;
            }
        }
        return s.to();
    }
}
