package io.shardline.router.sql;

/**
 * The two sql_mode switches that change how text is tokenized.
 *
 * @param noBackslashEscapes NO_BACKSLASH_ESCAPES: a backslash inside a string is an ordinary character
 * @param ansiQuotes         ANSI_QUOTES: {@code "x"} is an identifier rather than a string
 */
public record LexerOptions(boolean noBackslashEscapes, boolean ansiQuotes) {

    public static final LexerOptions DEFAULT = new LexerOptions(false, false);

    /** Combination modes that switch ANSI_QUOTES on (MySQL 5.7 and MariaDB; MySQL 8 kept only ANSI). */
    private static final String[] ANSI_QUOTES_MODES = {
        "ANSI_QUOTES", "ANSI", "DB2", "MAXDB", "MSSQL", "ORACLE", "POSTGRESQL"
    };

    /** Reads a comma-separated sql_mode value, as reported by {@code @@sql_mode} or sent in {@code SET sql_mode}. */
    public static LexerOptions fromSqlMode(String sqlMode) {
        if (sqlMode == null || sqlMode.isEmpty()) {
            return DEFAULT;
        }
        boolean noBackslash = false;
        boolean ansi = false;
        int start = 0;
        while (start <= sqlMode.length()) {
            int comma = sqlMode.indexOf(',', start);
            int end = comma < 0 ? sqlMode.length() : comma;
            String mode = sqlMode.substring(start, end).strip();
            noBackslash |= mode.equalsIgnoreCase("NO_BACKSLASH_ESCAPES");
            for (String ansiMode : ANSI_QUOTES_MODES) {
                ansi |= mode.equalsIgnoreCase(ansiMode);
            }
            start = end + 1;
        }
        return new LexerOptions(noBackslash, ansi);
    }

    boolean backslashEscapes() {
        return !noBackslashEscapes;
    }
}
