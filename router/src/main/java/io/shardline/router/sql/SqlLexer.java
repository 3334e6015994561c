package io.shardline.router.sql;

/**
 * Single-pass MySQL/MariaDB tokenizer. It never throws: an unterminated string or comment runs to the end of the
 * text, and a character it has no rule for becomes a one-character OPERATOR.
 *
 * <p>Executable comments ({@code /*!...*}{@code /}, {@code /*!50100 ...*}{@code /}, {@code /*M!...*}{@code /})
 * produce no token of their own: their content is lexed as code whatever the version number says. The server that
 * will run the text is not known here, and for routing it is safer to see code that might be skipped than to miss
 * code that runs.
 */
public final class SqlLexer {

    private final String sql;
    private final int length;
    private final LexerOptions options;
    private final Tokens code;
    private final Tokens comments;
    private final NumberScanner numbers;
    private int pos;
    private boolean inExecutableComment;

    private SqlLexer(String sql, LexerOptions options) {
        this.sql = sql;
        this.length = sql.length();
        this.options = options;
        this.code = new Tokens(sql, Math.min(length / 4 + 8, 256), true);
        this.comments = code.comments();
        this.numbers = new NumberScanner(sql);
    }

    public static Tokens tokenize(String sql) {
        return tokenize(sql, LexerOptions.DEFAULT);
    }

    public static Tokens tokenize(String sql, LexerOptions options) {
        SqlLexer lexer = new SqlLexer(sql == null ? "" : sql, options == null ? LexerOptions.DEFAULT : options);
        lexer.run();
        return lexer.code;
    }

    private void run() {
        while (pos < length) {
            char c = sql.charAt(pos);
            if (isSpace(c)) {
                pos++;
            } else {
                lexAt(c);
            }
        }
    }

    private void lexAt(char c) {
        int start = pos;
        switch (c) {
            case '\'' -> emit(TokenType.STRING, endOfQuoted(start, '\'', options.backslashEscapes()));
            case '"' -> emit(options.ansiQuotes() ? TokenType.QUOTED_IDENT : TokenType.STRING,
                    endOfQuoted(start, '"', !options.ansiQuotes() && options.backslashEscapes()));
            case '`' -> emit(TokenType.QUOTED_IDENT, endOfQuoted(start, '`', false));
            case '#' -> comment(TokenType.COMMENT, endOfLine(start));
            case '-' -> dash();
            case '/' -> slash();
            case '*' -> star();
            case '@' -> at();
            case '?' -> emit(TokenType.PLACEHOLDER, start + 1);
            case ';' -> emit(TokenType.SEMICOLON, start + 1);
            case '(' -> emit(TokenType.LPAREN, start + 1);
            case ')' -> emit(TokenType.RPAREN, start + 1);
            case ',' -> emit(TokenType.COMMA, start + 1);
            case '.' -> dot();
            default -> {
                if (c >= '0' && c <= '9') {
                    number();
                } else if (isIdentChar(c)) {
                    word(start);
                } else {
                    emit(TokenType.OPERATOR, start + operatorLength(start));
                }
            }
        }
    }

    private void emit(TokenType type, int end) {
        code.add(type, pos, end);
        pos = end;
    }

    private void comment(TokenType type, int end) {
        comments.add(type, pos, end);
        pos = end;
    }

    /** {@code --} starts a comment only when followed by whitespace, a control character or the end: 1--1 is 1 - -1. */
    private void dash() {
        if (peek(pos + 1) == '-' && (pos + 2 >= length || sql.charAt(pos + 2) <= ' ')) {
            comment(TokenType.COMMENT, endOfLine(pos));
        } else {
            emit(TokenType.OPERATOR, pos + operatorLength(pos));
        }
    }

    private void slash() {
        if (peek(pos + 1) != '*') {
            emit(TokenType.OPERATOR, pos + 1);
        } else if (sql.startsWith("/*!", pos)) {
            enterExecutableComment(pos + 3);
        } else if (sql.startsWith("/*M!", pos)) {
            enterExecutableComment(pos + 4);
        } else {
            int close = sql.indexOf("*/", pos + 2);
            comment(peek(pos + 2) == '+' ? TokenType.HINT : TokenType.COMMENT, close < 0 ? length : close + 2);
        }
    }

    /** Skips the marker and the optional version (5 digits for MySQL, 6 for MariaDB); the rest is code. */
    private void enterExecutableComment(int afterMarker) {
        int digits = 0;
        while (digits < 7 && isDigit(peek(afterMarker + digits))) {
            digits++;
        }
        int versionLength = digits == 5 || digits == 6 ? digits : digits > 6 ? 5 : 0;
        pos = afterMarker + versionLength;
        inExecutableComment = true;
    }

    private void star() {
        if (inExecutableComment && peek(pos + 1) == '/') {
            pos += 2;
            inExecutableComment = false;
        } else {
            emit(TokenType.OPERATOR, pos + 1);
        }
    }

    private void at() {
        if (peek(pos + 1) == '@') {
            systemVariable();
        } else if (AccountNames.atFollowsUser(code, pos)) {
            emit(TokenType.ACCOUNT_AT, pos + 1);
            int hostEnd = AccountNames.endOfUnquotedHost(sql, pos);
            if (hostEnd > pos) {
                emit(TokenType.WORD, hostEnd); // a quoted host is left to the main loop
            }
        } else {
            userVariable();
        }
    }

    private void userVariable() {
        char q = peek(pos + 1);
        if (q == '\'' || q == '"' || q == '`') {
            boolean isString = q == '\'' || (q == '"' && !options.ansiQuotes());
            emit(TokenType.USER_VAR, endOfQuoted(pos + 1, q, isString && options.backslashEscapes()));
            return;
        }
        int end = pos + 1;
        // User variable names may contain '.', unlike identifiers.
        while (end < length && (isIdentChar(sql.charAt(end)) || sql.charAt(end) == '.')) {
            end++;
        }
        emit(end > pos + 1 ? TokenType.USER_VAR : TokenType.OPERATOR, end); // a lone '@' is just punctuation
    }

    /** {@code @@name}, {@code @@scope.name}, {@code @@scope.`name`}, {@code @@cache.key_buffer_size}. */
    private void systemVariable() {
        int end = pos + 2;
        while (end < length) {
            char c = sql.charAt(end);
            if (isIdentChar(c)) {
                end++;
            } else if (c == '`') {
                end = endOfQuoted(end, '`', false);
            } else if (c == '.' && (isIdentChar(peek(end + 1)) || peek(end + 1) == '`')) {
                end++;
            } else {
                break;
            }
        }
        emit(end > pos + 2 ? TokenType.SYSTEM_VAR : TokenType.OPERATOR, end);
    }

    /** A dot directly after a name is a qualifier (t.5 names column 5); elsewhere .5 is a number. */
    private void dot() {
        int last = code.size() - 1;
        boolean qualifier = last >= 0 && code.end(last) == pos
                && (code.type(last) == TokenType.WORD || code.type(last) == TokenType.QUOTED_IDENT);
        if (isDigit(peek(pos + 1)) && !qualifier) {
            number();
        } else {
            emit(TokenType.DOT, pos + 1);
        }
    }

    private void number() {
        int end = numbers.endOfNumber(pos);
        if (end < 0) {
            word(pos); // MySQL identifiers may start with a digit: 1abc, 1e, 0x1G
        } else {
            emit(TokenType.NUMBER, end);
        }
    }

    /** An identifier, or a prefixed literal when a quote follows directly: N'x', X'0A', B'01', _utf8mb4'x'. */
    private void word(int start) {
        int end = start;
        while (end < length && isIdentChar(sql.charAt(end))) {
            end++;
        }
        char quote = peek(end);
        char first = sql.charAt(start);
        int len = end - start;
        boolean introducer = first == '_' && len > 1;
        if (quote == '\'' && len == 1 && "XxBb".indexOf(first) >= 0) {
            emit(TokenType.STRING, endOfQuoted(end, '\'', false)); // hex and bit digits have no escapes
        } else if (quote == '\'' && (introducer || (len == 1 && (first == 'N' || first == 'n')))) {
            emit(TokenType.STRING, endOfQuoted(end, '\'', options.backslashEscapes()));
        } else if (quote == '"' && introducer && !options.ansiQuotes()) {
            emit(TokenType.STRING, endOfQuoted(end, '"', options.backslashEscapes()));
        } else {
            emit(TokenType.WORD, end);
        }
    }

    /** End (exclusive) of the quoted run opening at {@code open}; a doubled quote is an escaped quote. */
    private int endOfQuoted(int open, char quote, boolean backslashEscapes) {
        int i = open + 1;
        while (i < length) {
            char c = sql.charAt(i);
            if (c == '\\' && backslashEscapes) {
                i += 2;
            } else if (c != quote) {
                i++;
            } else if (peek(i + 1) == quote) {
                i += 2;
            } else {
                return i + 1;
            }
        }
        return length;
    }

    private int endOfLine(int from) {
        int newline = sql.indexOf('\n', from);
        return newline < 0 ? length : newline;
    }

    private int operatorLength(int at) {
        char next = peek(at + 1);
        return switch (sql.charAt(at)) {
            case '<' -> next == '=' ? (peek(at + 2) == '>' ? 3 : 2) : (next == '>' || next == '<' ? 2 : 1);
            case '>' -> next == '=' || next == '>' ? 2 : 1;
            case '-' -> next == '>' ? (peek(at + 2) == '>' ? 3 : 2) : 1;
            case '!', ':' -> next == '=' ? 2 : 1;
            case '|' -> next == '|' ? 2 : 1;
            case '&' -> next == '&' ? 2 : 1;
            default -> 1;
        };
    }

    private char peek(int i) {
        return i < length ? sql.charAt(i) : '\0';
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Unquoted identifiers: ASCII letters, digits, '_', '$' and any non-ASCII character. */
    static boolean isIdentChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$'
                || c >= 0x80;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
    }
}
