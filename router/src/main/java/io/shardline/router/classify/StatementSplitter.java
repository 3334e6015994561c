package io.shardline.router.classify;

import io.shardline.router.sql.TokenType;
import io.shardline.router.sql.Tokens;

/**
 * Finds where statements end. A semicolon ends a statement, except inside the BEGIN ... END body of a stored
 * program: clients send {@code CREATE PROCEDURE p() BEGIN ...; ...; END} as one statement after a DELIMITER change.
 */
final class StatementSplitter {

    private StatementSplitter() {}

    /** Index of the semicolon ending the statement that starts at {@code from}, or {@code tokens.size()}. */
    static int endOf(Tokens tokens, int from) {
        boolean compound = startsCompound(tokens, from);
        int depth = 0;
        for (int i = from; i < tokens.size(); i++) {
            if (tokens.type(i) == TokenType.SEMICOLON) {
                if (depth <= 0) {
                    return i;
                }
            } else if (!compound) {
                continue;
            } else if (tokens.isWord(i, "BEGIN") || tokens.isWord(i, "CASE")) {
                depth++;
            } else if (tokens.isWord(i, "END")) {
                if (closesUncountedBlock(tokens, i + 1)) {
                    i++;
                } else {
                    depth--;
                    i += tokens.isWord(i + 1, "CASE") ? 1 : 0; // END CASE closes a CASE statement
                }
            }
        }
        return tokens.size();
    }

    /** IF, LOOP, WHILE and REPEAT are not counted (IF and REPEAT are also functions), so neither are their ENDs. */
    private static boolean closesUncountedBlock(Tokens tokens, int afterEnd) {
        return tokens.isWord(afterEnd, "IF") || tokens.isWord(afterEnd, "LOOP") || tokens.isWord(afterEnd, "WHILE")
                || tokens.isWord(afterEnd, "REPEAT");
    }

    /** CREATE [OR REPLACE] [DEFINER = ...] PROCEDURE|FUNCTION|TRIGGER|EVENT|PACKAGE, or BEGIN NOT ATOMIC. */
    private static boolean startsCompound(Tokens tokens, int from) {
        if (tokens.isWord(from, "BEGIN")) {
            return tokens.isWord(from + 1, "NOT") && tokens.isWord(from + 2, "ATOMIC");
        }
        if (!tokens.isWord(from, "CREATE")) {
            return false;
        }
        int limit = Math.min(tokens.size(), from + 24); // CREATE DEFINER=`u`@`h` SQL SECURITY INVOKER PROCEDURE ...
        for (int i = from + 1; i < limit && tokens.type(i) != TokenType.SEMICOLON; i++) {
            if (tokens.isWord(i, "PROCEDURE") || tokens.isWord(i, "FUNCTION") || tokens.isWord(i, "TRIGGER")
                    || tokens.isWord(i, "EVENT") || tokens.isWord(i, "PACKAGE")) {
                return true;
            }
            if (tokens.isWord(i, "TABLE") || tokens.isWord(i, "VIEW") || tokens.isWord(i, "INDEX")) {
                return false;
            }
        }
        return false;
    }
}
