package io.shardline.router.rewrite;

import io.shardline.router.sql.Identifiers;
import io.shardline.router.sql.TokenType;
import io.shardline.router.sql.Tokens;
import java.util.Map;
import java.util.Set;

/**
 * Puts actual table names in place of logical ones in a statement's own text, where a name stands for a table:
 * after FROM, JOIN, UPDATE, INTO, TABLE(S), USING, DESCRIBE, in such a list after a comma, and as a column's qualifier
 * ({@code t_order.user_id}). The logical schema qualifying any table ({@code shop.t_order}, {@code shop.t_dict},
 * {@code shop.t_dict.v}) becomes the node's actual database, renamed table or not: each data source holds the
 * schema's tables (broadcast copies too) under its own database name. Names elsewhere (a column or alias that
 * happens to be spelled like the table or the schema) are left alone. Quoting is kept: {@code `t_order`} becomes
 * {@code `t_order_3`}.
 */
public final class TableRenamer {
    private static final Set<String> BEFORE_TABLE = Set.of("FROM", "JOIN", "UPDATE", "INTO", "TABLE", "TABLES",
            "USING", "STRAIGHT_JOIN", "DESCRIBE", "DESC", "TRUNCATE", "REPLACE", "REFERENCES");
    /** Words after which commas separate table names. */
    private static final Set<String> TABLE_LIST = Set.of("FROM", "USING", "UPDATE", "TABLE", "TABLES");
    /** Words that end a FROM list: after them a comma no longer separates tables. */
    private static final Set<String> END_OF_FROM = Set.of("WHERE", "GROUP", "HAVING", "ORDER", "LIMIT", "ON",
            "SET", "WINDOW", "UNION", "FOR", "LOCK", "INTO", "VALUES", "VALUE", "SELECT", "PARTITION");

    private TableRenamer() {}

    /**
     * @param actualByLogical lower-case logical table name to the actual table of this node
     * @param schema the logical schema (lower case), whose qualifier is replaced by {@code actualDatabase}
     */
    public static String rename(Tokens tokens, Map<String, String> actualByLogical, String schema,
                                String actualDatabase) {
        return rename(tokens, actualByLogical, schema, actualDatabase, false);
    }

    /**
     * As {@link #rename}, for text where every bare name is a column, such as an INSERT's {@code ON DUPLICATE KEY
     * UPDATE} part: only qualifiers ({@code t_order.n}, {@code shop.t_order.n}) stand for tables there.
     */
    public static String renameQualifiers(Tokens tokens, Map<String, String> actualByLogical, String schema,
                                          String actualDatabase) {
        return rename(tokens, actualByLogical, schema, actualDatabase, true);
    }

    private static String rename(Tokens tokens, Map<String, String> actualByLogical, String schema,
                                 String actualDatabase, boolean qualifiersOnly) {
        String sql = tokens.source();
        StringBuilder result = new StringBuilder(sql.length() + 16);
        int copied = 0;
        // Bit d: whether nesting level d is in a table list. A derived table's own FROM list (depth 1) ends at its
        // closing parenthesis, and the list around it (depth 0) goes on: FROM (SELECT ... FROM a) d, t_order.
        // Levels past 63 are never in a list (a name there is then left as it is, and the shard says so).
        long inFromList = 0;
        int depth = 0;
        for (int i = 0; i < tokens.size(); i++) {
            TokenType type = tokens.type(i);
            if (type == TokenType.LPAREN) {
                depth++;
                continue;
            }
            if (type == TokenType.RPAREN) {
                inFromList &= ~level(depth);
                depth = Math.max(depth - 1, 0);
                continue;
            }
            String word = type == TokenType.WORD ? tokens.upperWord(i) : null;
            if (word != null && END_OF_FROM.contains(word)) {
                inFromList &= ~level(depth);
            }
            if (word != null && TABLE_LIST.contains(word)) {
                inFromList |= level(depth);
            }
            if (type != TokenType.WORD && type != TokenType.QUOTED_IDENT) {
                continue;
            }
            String name = Identifiers.plain(tokens.text(i));
            String replacement = null;
            boolean inList = (inFromList & level(depth)) != 0;
            boolean qualifier = tokens.type(i + 1) == TokenType.DOT;
            if (actualByLogical.containsKey(name) && (qualifiersOnly ? qualifier : isTable(tokens, i, inList))) {
                replacement = actualByLogical.get(name);
            } else if (name.equals(schema) && !actualDatabase.equals(schema) && isSchemaOfTable(tokens, i,
                    actualByLogical, !qualifiersOnly && tablePosition(tokens, i, i + 3, inList))) {
                replacement = actualDatabase;
            }
            if (replacement != null) {
                result.append(sql, copied, tokens.start(i)).append(quotedLike(tokens.text(i), replacement));
                copied = tokens.end(i);
            }
        }
        return result.append(sql, copied, sql.length()).toString();
    }

    private static long level(int depth) {
        return depth < Long.SIZE ? 1L << depth : 0;
    }

    private static boolean isTable(Tokens tokens, int i, boolean inFromList) {
        boolean afterDot = tokens.type(i - 1) == TokenType.DOT;
        boolean beforeDot = tokens.type(i + 1) == TokenType.DOT;
        if (beforeDot && !afterDot) {
            // t_order.col, or schema.table when the name is a schema: a table qualifier unless a third part follows
            return !(tokens.type(i + 3) == TokenType.DOT);
        }
        if (afterDot) {
            return true; // schema.t_order or schema.t_order.col
        }
        return tablePosition(tokens, i, i + 1, inFromList);
    }

    /**
     * Whether the name starting at token {@code i} (one part, or a schema-qualified table ending before token
     * {@code next}) stands where a table does: after FROM, JOIN..., in a FROM list, after CREATE/DROP INDEX's ON.
     */
    private static boolean tablePosition(Tokens tokens, int i, int next, boolean inFromList) {
        String before = tokens.upperWord(i - 1);
        if (before != null && BEFORE_TABLE.contains(before)) {
            return true;
        }
        if ("EXISTS".equals(before) && (tokens.isWord(i - 3, "TABLE") || tokens.isWord(i - 4, "TABLE"))) {
            return true; // TABLE IF [NOT] EXISTS t_order
        }
        if ("ON".equals(before) && (next >= tokens.size() || tokens.type(next) == TokenType.LPAREN
                || tokens.type(next) == TokenType.SEMICOLON
                || tokens.type(next) == TokenType.WORD && (next == i + 1 || tokens.isWord(next, "ALGORITHM")
                || tokens.isWord(next, "LOCK")))) {
            return true; // CREATE INDEX i ON t_order (...), DROP INDEX i ON t_order
        }
        return inFromList && tokens.type(i - 1) == TokenType.COMMA;
    }

    private static boolean afterDot(Tokens tokens, int i) {
        return tokens.type(i - 1) == TokenType.DOT;
    }

    /**
     * {@code shop} qualifying a table: three parts ({@code shop.t_dict.v}: only a schema qualifies a qualified
     * column), two parts where a table stands ({@code FROM shop.t_dict}), or two parts naming a renamed table. Two
     * parts elsewhere ({@code shop.v}) are a column of a table or alias called {@code shop}, not the schema.
     */
    private static boolean isSchemaOfTable(Tokens tokens, int i, Map<String, String> actualByLogical,
                                           boolean tablePosition) {
        if (tokens.type(i + 1) != TokenType.DOT || afterDot(tokens, i)
                || tokens.type(i + 2) != TokenType.WORD && tokens.type(i + 2) != TokenType.QUOTED_IDENT) {
            return false;
        }
        return tablePosition || tokens.type(i + 3) == TokenType.DOT
                || actualByLogical.containsKey(Identifiers.plain(tokens.text(i + 2)));
    }

    private static String quotedLike(String original, String name) {
        char first = original.charAt(0);
        if (first == '`' || first == '"') {
            String quote = String.valueOf(first);
            return quote + name.replace(quote, quote + quote) + quote;
        }
        return name;
    }
}
