package io.shardline.router.sql;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A statement's shape and its values: the code tokens joined by single spaces with every literal value replaced by
 * {@code ?} (comments and hints dropped), and the literals in order. Statements that differ only in their values
 * and spacing share a shape, so a plan made for one shape serves them all: JSqlParser runs once per shape, and each
 * statement binds its own literals.
 *
 * <p>Some literals are part of the shape and stay in it, because replacing them would change what the statement
 * means, not only its values: positions in {@code ORDER BY 1} and {@code GROUP BY 2}, the lengths in type names
 * ({@code DECIMAL(10, 2)}, {@code CHAR(3)}), hexadecimal and bit literals ({@code 0x1F}, {@code b'01'}, which are
 * strings or numbers by context), and strings with a character-set introducer ({@code _utf8mb4'a'}, {@code N'a'}).
 * Adjacent strings ({@code 'a' 'b'}) are one literal, as MySQL reads them. A minus sign directly before a number,
 * where an operand is expected, belongs to the number.
 *
 * @param shape the normalized text with {@code ?} for each literal (client placeholders stay {@code ?} too)
 * @param literals in order of appearance
 * @param placeholders for each {@code ?} of the shape in order, whether it is the client's own placeholder (a
 *     prepared statement's parameter) rather than a literal taken out
 */
public record Digest(String shape, List<Literal> literals, List<Boolean> placeholders) {
    private static final Set<String> LIST_CLAUSE_END = Set.of("LIMIT", "HAVING", "WINDOW", "UNION", "FOR", "LOCK",
            "INTO", "ORDER", "EXCEPT", "INTERSECT", "PROCEDURE", "WITH");
    private static final Set<String> SIZED_TYPES = Set.of("DECIMAL", "DEC", "NUMERIC", "FIXED", "CHAR", "VARCHAR",
            "NCHAR", "BINARY", "VARBINARY", "DATETIME", "TIME", "TIMESTAMP", "FLOAT", "DOUBLE", "REAL", "INT",
            "INTEGER", "BIGINT", "SMALLINT", "TINYINT", "MEDIUMINT", "BIT", "YEAR", "CHARACTER");

    /** Keywords after which a minus sign starts an operand rather than subtracting. */
    private static final Set<String> OPERAND_EXPECTED = Set.of("SELECT", "WHERE", "AND", "OR", "NOT", "IN",
            "BETWEEN", "VALUES", "VALUE", "SET", "ON", "WHEN", "THEN", "ELSE", "LIMIT", "OFFSET", "HAVING", "RETURN",
            "IS", "LIKE", "XOR", "DIV", "MOD", "CASE", "INTERVAL");

    public Digest {
        // Wrapped, not copied: Digest.of builds the lists for this digest alone, once per statement.
        literals = java.util.Collections.unmodifiableList(literals);
        placeholders = java.util.Collections.unmodifiableList(placeholders);
    }

    /**
     * The value of every {@code ?} of the shape in order: the literals, with a prepared statement's parameters
     * (in their own order) where the client wrote {@code ?}.
     */
    public List<Object> values(List<Object> parameters) {
        List<Object> result = new ArrayList<>(placeholders.size());
        int literal = 0;
        int parameter = 0;
        for (boolean clients : placeholders) {
            result.add(clients ? (parameter < parameters.size() ? parameters.get(parameter++) : null)
                    : literals.get(literal++).value());
        }
        return java.util.Collections.unmodifiableList(result);
    }

    public static Digest of(String sql) {
        return of(SqlLexer.tokenize(sql), LexerOptions.DEFAULT);
    }

    public static Digest of(Tokens tokens, LexerOptions options) {
        StringBuilder shape = new StringBuilder(tokens.source().length());
        List<Literal> literals = new ArrayList<>();
        List<Boolean> placeholders = new ArrayList<>();
        int listDepth = -1; // paren depth of an ORDER BY / GROUP BY list, or -1
        int depth = 0;
        for (int i = 0; i < tokens.size(); i++) {
            TokenType type = tokens.type(i);
            if (type == TokenType.LPAREN) {
                depth++;
            } else if (type == TokenType.RPAREN) {
                depth--;
                if (listDepth > depth) {
                    listDepth = -1;
                }
            } else if (type == TokenType.SEMICOLON) {
                listDepth = -1;
            } else if (type == TokenType.WORD) {
                if (tokens.isWord(i, "BY") && (tokens.isWord(i - 1, "ORDER") || tokens.isWord(i - 1, "GROUP"))) {
                    listDepth = depth;
                } else if (listDepth == depth) {
                    String word = tokens.upperWord(i);
                    if (word != null && LIST_CLAUSE_END.contains(word)) {
                        listDepth = -1;
                    }
                }
            }
            if (type == TokenType.PLACEHOLDER) {
                placeholders.add(Boolean.TRUE);
            }
            int end = i;
            Literal literal = null;
            if (type == TokenType.NUMBER && !(listDepth == depth && startsListItem(tokens, i)) && !typeLength(tokens, i)) {
                literal = number(tokens, i, unaryMinus(tokens, i));
            } else if (type == TokenType.STRING && plainString(tokens.text(i))) {
                while (end + 1 < tokens.size() && tokens.type(end + 1) == TokenType.STRING
                        && plainString(tokens.text(end + 1))) {
                    end++;
                }
                literal = strings(tokens, i, end, options);
            }
            if (literal != null) {
                if (literal.start() < tokens.start(i)) {
                    // the minus sign written just before: take it back out of the shape
                    shape.setLength(shape.length() - (shape.length() > 1 ? 2 : 1));
                }
                append(shape, "?");
                literals.add(literal);
                placeholders.add(Boolean.FALSE);
                i = end;
                continue;
            }
            if (!shape.isEmpty()) {
                shape.append(' ');
            }
            shape.append(tokens.source(), tokens.start(i), tokens.end(i)); // no String per token
        }
        String text = shape.toString();
        return new Digest(text, literals, placeholders);
    }

    private static void append(StringBuilder shape, String token) {
        if (!shape.isEmpty()) {
            shape.append(' ');
        }
        shape.append(token);
    }

    /** A number directly after BY or a comma in an ORDER BY / GROUP BY list is a column position. */
    private static boolean startsListItem(Tokens tokens, int i) {
        return tokens.isWord(i - 1, "BY") || tokens.type(i - 1) == TokenType.COMMA;
    }

    /** {@code DECIMAL(10, 2)}, {@code CHAR(3)}: a length or precision, part of the type. */
    private static boolean typeLength(Tokens tokens, int i) {
        int open = i - 1;
        if (tokens.type(i - 1) == TokenType.COMMA && tokens.type(i - 2) == TokenType.NUMBER) {
            open = i - 3;
        }
        if (open < 1 || tokens.type(open) != TokenType.LPAREN) {
            return false;
        }
        String word = tokens.upperWord(open - 1);
        return word != null && SIZED_TYPES.contains(word);
    }

    /** Whether the token before the number is a minus sign in operand position (unary). */
    private static boolean unaryMinus(Tokens tokens, int i) {
        if (i < 1 || tokens.type(i - 1) != TokenType.OPERATOR || tokens.end(i - 1) != tokens.start(i)
                || tokens.end(i - 1) - tokens.start(i - 1) != 1 || tokens.source().charAt(tokens.start(i - 1)) != '-') {
            return false;
        }
        if (i < 2) {
            return true;
        }
        TokenType before = tokens.type(i - 2);
        if (before == TokenType.OPERATOR || before == TokenType.LPAREN || before == TokenType.COMMA) {
            return true;
        }
        String word = tokens.upperWord(i - 2);
        return before == TokenType.WORD && word != null && OPERAND_EXPECTED.contains(word);
    }

    private static Literal number(Tokens tokens, int i, boolean negative) {
        String text = tokens.text(i);
        if (text.length() > 1 && text.charAt(0) == '0' && "xXbB".indexOf(text.charAt(1)) >= 0) {
            return null; // binary strings or numbers depending on context: part of the shape
        }
        int start = negative ? tokens.start(i - 1) : tokens.start(i);
        String signed = negative ? "-" + text : text;
        return new Literal(start, tokens.end(i), tokens.source().substring(start, tokens.end(i)),
                numberValue(signed));
    }

    /**
     * A number literal's value: a long when it fits, else a BigInteger; a BigDecimal when it has a point or an
     * exponent. Up to 18 digits are read without a BigInteger: every statement's keys go through here.
     */
    private static Object numberValue(String signed) {
        if (signed.indexOf('.') >= 0 || signed.indexOf('e') >= 0 || signed.indexOf('E') >= 0) {
            return new BigDecimal(signed);
        }
        if (signed.length() - (signed.charAt(0) == '-' ? 1 : 0) <= 18) {
            return Long.parseLong(signed);
        }
        BigInteger big = new BigInteger(signed);
        return big.bitLength() < 64 ? (Object) big.longValue() : big;
    }

    /** A string with no introducer and no X/B/N prefix: its value is plain text. */
    private static boolean plainString(String text) {
        char first = text.charAt(0);
        return first == '\'' || first == '"';
    }

    private static Literal strings(Tokens tokens, int first, int last, LexerOptions options) {
        StringBuilder value = new StringBuilder();
        for (int i = first; i <= last; i++) {
            unquote(tokens.text(i), options.backslashEscapes(), value);
        }
        int start = tokens.start(first);
        int end = tokens.end(last);
        return new Literal(start, end, tokens.source().substring(start, end), value.toString());
    }

    /** MySQL's string rules: a doubled quote is one quote; backslash escapes unless NO_BACKSLASH_ESCAPES. */
    static void unquote(String quoted, boolean backslashEscapes, StringBuilder out) {
        char quote = quoted.charAt(0);
        int end = quoted.length() > 1 && quoted.charAt(quoted.length() - 1) == quote ? quoted.length() - 1
                : quoted.length();
        for (int i = 1; i < end; i++) {
            char c = quoted.charAt(i);
            if (c == quote && i + 1 < end && quoted.charAt(i + 1) == quote) {
                out.append(quote);
                i++;
            } else if (c == '\\' && backslashEscapes && i + 1 < end) {
                char next = quoted.charAt(++i);
                switch (next) {
                    case '0' -> out.append('\0');
                    case 'b' -> out.append('\b');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'Z' -> out.append('\u001A');
                    case '%', '_' -> out.append('\\').append(next); // kept for LIKE, as MySQL does
                    default -> out.append(next);
                }
            } else {
                out.append(c);
            }
        }
    }

    /** FNV-1a 64 of the shape: a stable number for statistics about statement shapes. */
    public long hash() {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < shape.length(); i++) {
            char c = shape.charAt(i);
            hash = (hash ^ (c & 0xff)) * 0x100000001b3L;
            hash = (hash ^ (c >>> 8)) * 0x100000001b3L;
        }
        return hash;
    }
}
