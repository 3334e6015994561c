package io.shardline.router.sql;

import java.util.BitSet;

/**
 * The tokens of a statement that belong to a query nested in it: every parenthesized group that opens with
 * SELECT or WITH (a subquery, a derived table, a WITH query's body), parentheses included. Text rewrites that
 * concern the statement's own SELECT (the merge of several shards' rows, the clauses an UPDATE across shards must
 * not carry) skip these tokens: an ORDER BY, LIMIT or COUNT() inside a subquery is that subquery's business and
 * runs as written on each shard.
 */
public final class NestedSelects {
    private static final NestedSelects NONE = new NestedSelects(null);

    /** Null when the statement nests no query, which is the common case and allocates nothing. */
    private final BitSet inside;

    private NestedSelects(BitSet inside) {
        this.inside = inside;
    }

    public static NestedSelects of(Tokens tokens) {
        BitSet result = null;
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.type(i) == TokenType.LPAREN && (tokens.isWord(i + 1, "SELECT") || tokens.isWord(i + 1, "WITH"))) {
                int close = closing(tokens, i);
                if (result == null) {
                    result = new BitSet(tokens.size());
                }
                result.set(i, close + 1);
                i = close;
            }
        }
        return result == null ? NONE : new NestedSelects(result);
    }

    /** Whether token {@code i} lies inside a nested query. */
    public boolean contains(int i) {
        return inside != null && inside.get(i);
    }

    /** Whether the statement nests any query. */
    public boolean any() {
        return inside != null;
    }

    /** The parenthesis closing the one at {@code open}, or the last token when it is never closed. */
    private static int closing(Tokens tokens, int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            TokenType type = tokens.type(i);
            if (type == TokenType.LPAREN) {
                depth++;
            } else if (type == TokenType.RPAREN && --depth == 0) {
                return i;
            }
        }
        return tokens.size() - 1;
    }
}
