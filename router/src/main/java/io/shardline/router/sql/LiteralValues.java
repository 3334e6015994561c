package io.shardline.router.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * The values the planner reads from SQL literals written on their own: a prepared statement's parameters, as the
 * proxy writes them for its text. Each is what {@link Digest} takes out of the statement with that literal in
 * place of its {@code ?}, so that an execution planned with these values goes where its text would.
 */
public final class LiteralValues {
    private LiteralValues() {}

    /**
     * The value of each literal, in order ({@code NULL} gives null); null when some literal has no plain value
     * (a hexadecimal or bit string, a string with an introducer: their values depend on where they stand).
     */
    public static List<Object> of(List<String> literals, LexerOptions options) {
        List<Object> values = new ArrayList<>(literals.size());
        for (String each : literals) {
            if (each.equalsIgnoreCase("NULL")) {
                values.add(null);
                continue;
            }
            if (isSmallInteger(each)) {
                values.add(Long.parseLong(each)); // the usual key: what Digest makes of it, without lexing it
                continue;
            }
            Digest digest = Digest.of(SqlLexer.tokenize(each, options), options);
            if (digest.literals().size() != 1 || !digest.shape().equals("?")) {
                return null;
            }
            values.add(digest.literals().get(0).value());
        }
        return values;
    }

    /** Up to 18 digits with an optional minus sign: always a long. */
    private static boolean isSmallInteger(String literal) {
        int first = literal.startsWith("-") ? 1 : 0;
        if (literal.length() <= first || literal.length() - first > 18) {
            return false;
        }
        for (int i = first; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
