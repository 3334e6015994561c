package io.shardline.router.classify;

import io.shardline.router.sql.TokenType;
import io.shardline.router.sql.Tokens;

/** One statement: code tokens {@code [from, to)}. Every accessor answers false/null outside the statement. */
record Span(Tokens tokens, int from, int to) {

    boolean isWord(int i, String upperKeyword) {
        return inside(i) && tokens.isWord(i, upperKeyword);
    }

    boolean is(int i, TokenType type) {
        return inside(i) && tokens.type(i) == type;
    }

    /** The upper-cased WORD at {@code i}, or null; allocates, so only for dispatch on a statement's first words. */
    String upperWord(int i) {
        return inside(i) ? tokens.upperWord(i) : null;
    }

    /** The statement from token {@code i} on, as when EXPLAIN or SET STATEMENT ... FOR wraps another statement. */
    Span tail(int i) {
        return new Span(tokens, Math.min(Math.max(i, from), to), to);
    }

    /**
     * The first token at or after {@code i} that is the WORD {@code upperKeyword} outside any parentheses opened
     * after {@code i}, or -1.
     */
    int indexOfTopLevelWord(int i, String upperKeyword) {
        int depth = 0;
        for (int k = Math.max(i, from); k < to; k++) {
            TokenType type = tokens.type(k);
            if (type == TokenType.LPAREN) {
                depth++;
            } else if (type == TokenType.RPAREN) {
                depth--;
            } else if (depth <= 0 && tokens.isWord(k, upperKeyword)) {
                return k;
            }
        }
        return -1;
    }

    private boolean inside(int i) {
        return i >= from && i < to;
    }
}
