package io.shardline.router.merge;

import io.shardline.router.sql.NestedSelects;
import io.shardline.router.sql.TokenType;
import io.shardline.router.sql.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Where the parts of one SELECT lie in its own text, as token ranges at the top nesting level: the select list
 * items, FROM, the GROUP BY and ORDER BY items (without ASC/DESC) and the LIMIT clause. The merge rewrite edits the
 * client's text at these places, so everything else stays exactly as written. A WITH clause before the SELECT and
 * queries nested in parentheses are passed over: their clauses are not this SELECT's.
 */
final class SelectText {
    private static final Set<String> MODIFIERS = Set.of("ALL", "DISTINCT", "DISTINCTROW", "HIGH_PRIORITY",
            "STRAIGHT_JOIN", "SQL_SMALL_RESULT", "SQL_BIG_RESULT", "SQL_BUFFER_RESULT", "SQL_NO_CACHE", "SQL_CACHE",
            "SQL_CALC_FOUND_ROWS");
    /** Words that end the clause before them at the top level. */
    private static final Set<String> CLAUSES = Set.of("WHERE", "GROUP", "HAVING", "WINDOW", "ORDER", "LIMIT", "FOR",
            "LOCK", "INTO", "PROCEDURE", "UNION", "EXCEPT", "INTERSECT");

    /** What ends a GROUP BY or ORDER BY list: the next clause, or WITH (ROLLUP). */
    private static final Set<String> KEY_LIST_ENDS;

    static {
        Set<String> ends = new java.util.HashSet<>(CLAUSES);
        ends.add("WITH");
        KEY_LIST_ENDS = Set.copyOf(ends);
    }

    /** A token range {@code [start, end)}. */
    record Range(int start, int end) {
        boolean isEmpty() {
            return start >= end;
        }
    }

    final Tokens tokens;
    /** The tokens of subqueries, derived tables and WITH queries, which belong to no clause of this SELECT. */
    final NestedSelects nested;
    final boolean distinct;
    final List<Range> items = new ArrayList<>();
    int from = -1;
    final List<Range> groupBy = new ArrayList<>();
    final List<Boolean> descending = new ArrayList<>();
    final List<Range> orderBy = new ArrayList<>();
    boolean rollup;
    /** The HAVING clause, from its HAVING word to its end; null when none. */
    Range having;
    /** The LIMIT clause, from its LIMIT word to its last number; null when none. */
    Range limit;
    /** Where the clauses after WHERE and GROUP BY begin (HAVING, ORDER BY, LIMIT, FOR UPDATE...), or the end. */
    int afterGrouping = -1;

    private SelectText(Tokens tokens, NestedSelects nested, boolean distinct) {
        this.tokens = tokens;
        this.nested = nested;
        this.distinct = distinct;
    }

    /**
     * The parts of {@code tokens}, a SELECT; null when the text is not a plain SELECT this reader follows.
     *
     * @param nested the statement's nested queries
     */
    static SelectText of(Tokens tokens, NestedSelects nested) {
        int i = mainSelect(tokens);
        if (i < 0) {
            return null;
        }
        i++;
        boolean distinct = false;
        while (tokens.type(i) == TokenType.WORD && MODIFIERS.contains(tokens.upperWord(i))) {
            distinct |= tokens.isWord(i, "DISTINCT") || tokens.isWord(i, "DISTINCTROW");
            i++;
        }
        SelectText result = new SelectText(tokens, nested, distinct);
        i = result.list(i, result.items, Set.of("FROM"));
        if (!tokens.isWord(i, "FROM")) {
            return null;
        }
        result.from = i;
        i = skipToClause(tokens, i + 1);
        while (i < tokens.size() && tokens.type(i) != TokenType.SEMICOLON) {
            String word = tokens.upperWord(i);
            if (result.afterGrouping < 0 && !"WHERE".equals(word) && !"GROUP".equals(word)) {
                result.afterGrouping = i;
            }
            if ("GROUP".equals(word) && tokens.isWord(i + 1, "BY")) {
                i = result.list(i + 2, result.groupBy, KEY_LIST_ENDS);
                if (tokens.isWord(i, "WITH")) {
                    result.rollup = true;
                    i = skipToClause(tokens, i + 1);
                }
            } else if ("ORDER".equals(word) && tokens.isWord(i + 1, "BY")) {
                i = result.list(i + 2, result.orderBy, KEY_LIST_ENDS);
                for (int k = 0; k < result.orderBy.size(); k++) {
                    Range item = result.orderBy.get(k);
                    boolean desc = tokens.isWord(item.end() - 1, "DESC");
                    boolean direction = desc || tokens.isWord(item.end() - 1, "ASC");
                    result.descending.add(desc);
                    if (direction) {
                        result.orderBy.set(k, new Range(item.start(), item.end() - 1));
                    }
                }
            } else if ("LIMIT".equals(word)) {
                int end = skipToClause(tokens, i + 1);
                result.limit = new Range(i, end);
                i = end;
            } else {
                int end = skipToClause(tokens, i + 1);
                if ("HAVING".equals(word)) {
                    result.having = new Range(i, end);
                }
                i = end;
            }
        }
        if (result.afterGrouping < 0) {
            result.afterGrouping = i;
        }
        return result;
    }

    /**
     * The SELECT word of the statement's own SELECT: the first token, or after the WITH clause ({@code WITH a AS
     * (...), b AS (...) SELECT ...}); -1 when there is none at the top level.
     */
    private static int mainSelect(Tokens tokens) {
        if (tokens.isWord(0, "SELECT")) {
            return 0;
        }
        if (!tokens.isWord(0, "WITH")) {
            return -1;
        }
        int depth = 0;
        for (int i = 1; i < tokens.size(); i++) {
            TokenType type = tokens.type(i);
            if (type == TokenType.LPAREN) {
                depth++;
            } else if (type == TokenType.RPAREN) {
                depth--;
            } else if (depth == 0 && tokens.isWord(i, "SELECT")) {
                return i;
            }
        }
        return -1;
    }

    /** Reads comma-separated items at this level until one of {@code stops} at this level; returns the stop. */
    private int list(int start, List<Range> into, Set<String> stops) {
        int depth = 0;
        int itemStart = start;
        int i = start;
        for (; i < tokens.size(); i++) {
            TokenType type = tokens.type(i);
            if (type == TokenType.LPAREN) {
                depth++;
            } else if (type == TokenType.RPAREN) {
                depth--;
            } else if (depth == 0 && type == TokenType.COMMA) {
                into.add(new Range(itemStart, i));
                itemStart = i + 1;
            } else if (depth == 0 && (type == TokenType.SEMICOLON || type == TokenType.WORD
                    && stops.contains(tokens.upperWord(i)))) {
                break;
            }
        }
        into.add(new Range(itemStart, i));
        return i;
    }

    /** The next top-level clause word after {@code start}, or the end. */
    private static int skipToClause(Tokens tokens, int start) {
        int depth = 0;
        for (int i = start; i < tokens.size(); i++) {
            TokenType type = tokens.type(i);
            if (type == TokenType.LPAREN) {
                depth++;
            } else if (type == TokenType.RPAREN) {
                depth--;
            } else if (depth == 0 && (type == TokenType.SEMICOLON
                    || type == TokenType.WORD && CLAUSES.contains(tokens.upperWord(i)))) {
                return i;
            }
        }
        return tokens.size();
    }

    /** The client's text of a range. */
    String text(Range range) {
        return range.isEmpty() ? "" : tokens.source().substring(tokens.start(range.start()),
                tokens.end(range.end() - 1));
    }

    /**
     * A range's text in a form equal for equal expressions: identifiers and words unquoted and lower case,
     * no spaces. {@code SUM( o.Amount )} and {@code sum(o.amount)} read the same.
     */
    String normalized(Range range) {
        StringBuilder result = new StringBuilder();
        for (int i = range.start(); i < range.end(); i++) {
            TokenType type = tokens.type(i);
            if (type == TokenType.QUOTED_IDENT || type == TokenType.WORD) {
                result.append(io.shardline.router.sql.Identifiers.plain(tokens.text(i))
                        .toLowerCase(java.util.Locale.ROOT));
            } else {
                result.append(tokens.text(i));
            }
            result.append(' ');
        }
        return result.toString();
    }
}
