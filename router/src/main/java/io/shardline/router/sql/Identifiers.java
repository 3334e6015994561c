package io.shardline.router.sql;

import java.util.Locale;

/** Identifiers as written in SQL ({@code t_order}, {@code `T_Order`}, {@code "t_order"}) compared by name. */
public final class Identifiers {
    private Identifiers() {}

    /**
     * The name without its backquotes or double quotes (a doubled quote inside is one quote), lower case: how
     * rules and routing compare table and column names.
     */
    public static String plain(String identifier) {
        String result = identifier;
        if (result.length() >= 2 && (result.charAt(0) == '`' || result.charAt(0) == '"')
                && result.charAt(result.length() - 1) == result.charAt(0)) {
            String quote = String.valueOf(result.charAt(0));
            result = result.substring(1, result.length() - 1).replace(quote + quote, quote);
        }
        return result.toLowerCase(Locale.ROOT);
    }

    /** The table part of a possibly schema-qualified name ({@code shop.t_order}), as {@link #plain} gives it. */
    public static String lastPart(String qualified) {
        char last = qualified.isEmpty() ? 0 : qualified.charAt(qualified.length() - 1);
        int start = last == '`' || last == '"' ? qualified.lastIndexOf(last, qualified.length() - 2)
                : qualified.lastIndexOf('.') + 1;
        return plain(qualified.substring(Math.max(start, 0)));
    }
}
