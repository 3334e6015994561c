package io.shardline.router.rule;

import java.util.Objects;

/**
 * One physical table of a sharded table: a table on a data source, written {@code ds_0.t_order_3}.
 *
 * <p>Both names are plain names (letters, digits, {@code _}, {@code $} and {@code -}), so the text form has exactly
 * one dot and {@link #parse} reads back what {@link #toString} writes. Anything else in a name is almost always a
 * typo in an inline expression ({@code ds_${0..1}}, a stray brace or space), which is better refused here than
 * found later as a table that does not exist.
 */
public record DataNode(String dataSource, String table) {

    public DataNode {
        checkName("data source", dataSource, dataSource, table);
        checkName("table", table, dataSource, table);
    }

    /** Reads {@code <data source>.<table>}; spaces around the whole text are ignored. */
    public static DataNode parse(String text) {
        Objects.requireNonNull(text, "text");
        String node = text.strip();
        int dot = node.indexOf('.');
        if (dot < 0 || dot != node.lastIndexOf('.')) {
            throw new IllegalArgumentException("'" + text + "' is not a data node: it needs exactly one '.' between"
                    + " data source and table; write <data source>.<table>, e.g. ds_0.t_order_3");
        }
        return new DataNode(node.substring(0, dot), node.substring(dot + 1));
    }

    /** {@code ds_0.t_order_3}. */
    @Override
    public String toString() {
        return dataSource + '.' + table;
    }

    /** Whether {@code c} may appear in a data source or table name. */
    static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '-';
    }

    /** {@code c} as an error message shows it: quoted when visible, by code point when not. */
    static String describe(char c) {
        if (c == ' ') {
            return "a space";
        }
        if (Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)
                || Character.isSurrogate(c)) {
            return String.format("U+%04X", (int) c);
        }
        return "'" + c + "'";
    }

    private static void checkName(String role, String name, String dataSource, String table) {
        Objects.requireNonNull(name, role);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("data node '" + dataSource + '.' + table + "' has an empty " + role
                    + " name; write <data source>.<table>, e.g. ds_0.t_order_3");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!isNameChar(c)) {
                throw new IllegalArgumentException("data node '" + dataSource + '.' + table + "' has " + describe(c) + " in its " + role
                        + " name; names are letters, digits, '_', '$' and '-'");
            }
        }
    }
}
