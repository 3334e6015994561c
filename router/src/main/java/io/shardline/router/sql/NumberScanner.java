package io.shardline.router.sql;

/** Finds where an unquoted numeric literal ends, or reports that the digits begin an identifier instead. */
final class NumberScanner {

    private final String sql;
    private final int length;

    NumberScanner(String sql) {
        this.sql = sql;
        this.length = sql.length();
    }

    /**
     * End (exclusive) of the number starting at {@code start} (a digit, or a '.' before a digit), or -1 when MySQL
     * would read an identifier: {@code 123abc}, {@code 1e}, {@code 0x1G}, {@code 0b12} are all names.
     */
    int endOfNumber(int start) {
        if (sql.charAt(start) == '0' && start + 1 < length) {
            char radix = sql.charAt(start + 1);
            if (radix == 'x' || radix == 'X') {
                return endOfRadix(start, 16);
            }
            if (radix == 'b' || radix == 'B') {
                return endOfRadix(start, 2);
            }
        }
        int end = endOfDigits(start);
        boolean integer = true;
        if (end < length && sql.charAt(end) == '.') {
            integer = false;
            end = endOfDigits(end + 1);
        }
        int exponentEnd = endOfExponent(end);
        if (exponentEnd > end) {
            return exponentEnd;
        }
        // Only a bare integer can turn into a name: after 1.5 a following word is an alias (1.5abc = 1.5 AS abc).
        return integer && end < length && SqlLexer.isIdentChar(sql.charAt(end)) ? -1 : end;
    }

    private int endOfRadix(int start, int radix) {
        int end = start + 2;
        while (end < length && Character.digit(sql.charAt(end), radix) >= 0 && sql.charAt(end) < 0x80) {
            end++;
        }
        boolean name = end == start + 2 || (end < length && SqlLexer.isIdentChar(sql.charAt(end)));
        return name ? -1 : end;
    }

    private int endOfDigits(int from) {
        int end = from;
        while (end < length && SqlLexer.isDigit(sql.charAt(end))) {
            end++;
        }
        return end;
    }

    private int endOfExponent(int from) {
        if (from >= length || (sql.charAt(from) != 'e' && sql.charAt(from) != 'E')) {
            return from;
        }
        int digits = from + 1;
        if (digits < length && (sql.charAt(digits) == '+' || sql.charAt(digits) == '-')) {
            digits++;
        }
        return digits < length && SqlLexer.isDigit(sql.charAt(digits)) ? endOfDigits(digits) : from;
    }
}
