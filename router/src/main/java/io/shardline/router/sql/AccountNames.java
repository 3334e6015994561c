package io.shardline.router.sql;

/**
 * Tells the {@code @} of {@code 'user'@'host'} from the {@code @} of a user variable. MySQL's lexer returns a bare
 * '@' and leaves the choice to the grammar; we decide from the token before it, so that GRANT and CREATE USER do
 * not look like they use user variables.
 */
final class AccountNames {

    /** Keywords that may directly precede an expression, so {@code INTO@v} is still a variable. */
    private static final String[] EXPRESSION_KEYWORDS = {
        "INTO", "SELECT", "AND", "OR", "XOR", "NOT", "WHERE", "SET", "THEN", "ELSE", "WHEN", "LIKE", "IN", "IS",
        "DIV", "MOD", "RETURN", "DO", "USING", "HAVING", "BY", "VALUES", "LIMIT", "CALL", "EXECUTE"
    };

    private AccountNames() {}

    /**
     * True if the '@' at {@code at} joins an account name: it follows a quoted user ('u'@, `u`@, "u"@ with or
     * without spaces, since an expression cannot put a string right before a variable), or an unquoted user name
     * written directly against it (root@localhost).
     */
    static boolean atFollowsUser(Tokens code, int at) {
        int last = code.size() - 1;
        TokenType type = code.type(last);
        if (type == TokenType.STRING || type == TokenType.QUOTED_IDENT) {
            return true;
        }
        if (type != TokenType.WORD || code.end(last) != at) {
            return false;
        }
        for (String keyword : EXPRESSION_KEYWORDS) {
            if (code.isWord(last, keyword)) {
                return false;
            }
        }
        return true;
    }

    /** End of an unquoted host name starting at {@code from} (localhost, 10.0.0.%, db-1.example.com); from if none. */
    static int endOfUnquotedHost(String sql, int from) {
        int end = from;
        while (end < sql.length()) {
            char c = sql.charAt(end);
            if (!SqlLexer.isIdentChar(c) && c != '.' && c != '-' && c != '%') {
                break;
            }
            end++;
        }
        return end;
    }
}
