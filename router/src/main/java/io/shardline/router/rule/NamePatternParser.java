package io.shardline.router.rule;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads inline expressions of names, ShardingSphere style: comma-separated pieces of literal text and {@code ${...}}
 * holes, each hole a range ({@code 0..3}, {@code 0..<4}, {@code 00..11} keeping the width) or a list
 * ({@code [0, 2, 5]}, {@code ['a', 'b']}). One pass, one character at a time, so a ',' inside a list is never taken
 * for the ',' between pieces. Every error names the expression, the column (from 1) and how to fix it.
 *
 * <p>Only these forms are read, not Groovy: an expression the proxy cannot read exactly is refused rather than
 * guessed at, since a guess would put rows on tables that do not exist.
 */
final class NamePatternParser {

    /** The most names a range, and a whole expression, may stand for: a typo in a bound must not fill the heap. */
    static final int MAX_NAMES = 100_000;

    private static final String NAME_CHARS = "names are letters, digits, '_', '$' and '-'";

    private final String kind;
    private final String text;
    private int pos;

    private NamePatternParser(String kind, String text) {
        this.kind = kind;
        this.text = text;
    }

    /**
     * The pieces of {@code text}, in order.
     *
     * @param kind what the text is, to begin error messages ("data node expression")
     * @param example a well-formed text of that kind, for the error about an empty one
     */
    static List<NamePattern> parse(String kind, String example, String text) {
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) {
            throw problem(kind, text, "it is empty; write e.g. " + example);
        }
        List<NamePattern> result = new NamePatternParser(kind, text).pieces();
        long total = 0;
        for (NamePattern each : result) {
            // Capping each term keeps the sum far from overflow: there are fewer pieces than characters.
            total += Math.min(each.size(), MAX_NAMES + 1L);
            if (total > MAX_NAMES) {
                throw problem(kind, text, "it stands for more than " + MAX_NAMES + " names; at most " + MAX_NAMES
                        + " are allowed, check the ranges");
            }
        }
        return result;
    }

    static IllegalArgumentException problem(String kind, String text, String detail) {
        return new IllegalArgumentException(kind + " '" + text + "': " + detail);
    }

    private List<NamePattern> pieces() {
        List<NamePattern> result = new ArrayList<>();
        int comma = -1;
        while (true) {
            result.add(piece(comma));
            if (pos == text.length()) {
                return result;
            }
            comma = pos++;
        }
    }

    /** One piece, up to the next top-level ',' or the end; {@code comma} is where the ',' before it is, or -1. */
    private NamePattern piece(int comma) {
        skipSpaces();
        int start = pos;
        List<List<String>> parts = new ArrayList<>();
        List<Integer> dots = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        while (pos < text.length() && text.charAt(pos) != ',' && !Character.isWhitespace(text.charAt(pos))) {
            char c = text.charAt(pos);
            if (text.startsWith("${", pos)) {
                addLiteral(parts, literal);
                parts.add(hole());
                continue;
            }
            checkLiteral(c);
            if (c == '.') {
                dots.add(pos);
            }
            literal.append(c);
            pos++;
        }
        int end = pos;
        skipSpaces();
        if (pos < text.length() && text.charAt(pos) != ',') {
            throw fail(DataNode.describe(text.charAt(end)) + " at column " + column(end)
                    + " inside a name: names cannot contain spaces; separate names with ','");
        }
        if (start == end) {
            throw pos < text.length()
                    ? fail("nothing before the ',' at column " + column(pos) + "; remove the extra ','")
                    : fail("nothing after the ',' at column " + column(comma) + "; remove the trailing ','");
        }
        addLiteral(parts, literal);
        return new NamePattern(start, end, parts, dots);
    }

    private void checkLiteral(char c) {
        if (c == '$' && text.startsWith("$->{", pos)) {
            throw fail("'$->{' at column " + column(pos) + " is ShardingSphere's Spring spelling; write ${...}");
        }
        if (c == '.' || DataNode.isNameChar(c)) {
            return;
        }
        if (c == '}') {
            throw fail("'}' at column " + column(pos) + " has no '${' before it; remove it or add the '${'");
        }
        throw fail(DataNode.describe(c) + " at column " + column(pos) + " cannot be part of a name; " + NAME_CHARS
                + ", and ranges and lists are written ${0..3} and ${[0, 1]}");
    }

    private static void addLiteral(List<List<String>> parts, StringBuilder literal) {
        if (literal.length() > 0) {
            parts.add(List.of(literal.toString()));
            literal.setLength(0);
        }
    }

    /** A {@code ${...}} hole, from its '$' to past its '}'. */
    private List<String> hole() {
        int open = pos;
        pos += 2;
        skipSpaces();
        if (atEnd()) {
            throw unclosed(open);
        }
        char c = text.charAt(pos);
        List<String> result;
        if (c == '}') {
            throw fail("empty '${}' at column " + column(open)
                    + "; write a range such as ${0..3} or a list such as ${[0, 1]}");
        } else if (c == '[') {
            result = list();
        } else if (isDigit(c)) {
            result = range();
        } else {
            throw fail("expected a range such as 0..3 or a list such as [0, 1] at column " + column(pos) + ", found "
                    + found());
        }
        skipSpaces();
        if (atEnd()) {
            throw unclosed(open);
        }
        if (text.charAt(pos) != '}') {
            throw fail("expected '}' at column " + column(pos) + " to close the '${' at column " + column(open)
                    + ", found " + found());
        }
        pos++;
        return result;
    }

    private List<String> range() {
        int from = pos;
        String low = digits();
        skipSpaces();
        if (!text.startsWith("..", pos)) {
            throw fail("expected '..' at column " + column(pos) + " after the range start " + low + ", found "
                    + found() + "; write a range as 0..3");
        }
        pos += 2;
        boolean exclusive = !atEnd() && text.charAt(pos) == '<';
        if (exclusive) {
            pos++;
        }
        skipSpaces();
        if (atEnd() || !isDigit(text.charAt(pos))) {
            throw fail("expected the end of the range at column " + column(pos) + ", found " + found()
                    + "; write a range as 0..3");
        }
        return rangeValues(from, low, exclusive, digits());
    }

    /** The values of {@code low..high} or {@code low..<high}, zero-padded to the width of its ends when they are. */
    private List<String> rangeValues(int from, String low, boolean exclusive, String high) {
        String range = "range " + low + (exclusive ? "..<" : "..") + high + " at column " + column(from);
        boolean padded = hasLeadingZero(low) || hasLeadingZero(high);
        if (padded && low.length() != high.length()) {
            throw fail(range + " mixes widths: with leading zeros both ends need the same number of digits,"
                    + " e.g. 00..11 or 000..011");
        }
        BigInteger first = new BigInteger(low);
        BigInteger last = new BigInteger(high);
        if (last.compareTo(first) < 0) {
            throw fail(range + " counts down; ranges count up, so write the smaller end first, e.g. " + high + ".."
                    + low);
        }
        if (exclusive && last.equals(first)) {
            throw fail(range + " is empty, since '..<' leaves out its end; write " + low + ".." + high
                    + " for the one value " + low);
        }
        BigInteger count = last.subtract(first).add(exclusive ? BigInteger.ZERO : BigInteger.ONE);
        if (count.compareTo(BigInteger.valueOf(MAX_NAMES)) > 0) {
            throw fail(range + " has " + count + " values; at most " + MAX_NAMES + " are allowed, check its ends");
        }
        int size = count.intValueExact();
        int width = padded ? low.length() : 0;
        List<String> result = new ArrayList<>(size);
        BigInteger value = first;
        for (int i = 0; i < size; i++) {
            String digits = value.toString();
            result.add(digits.length() < width ? "0".repeat(width - digits.length()) + digits : digits);
            value = value.add(BigInteger.ONE);
        }
        return result;
    }

    private static boolean hasLeadingZero(String digits) {
        return digits.length() > 1 && digits.charAt(0) == '0';
    }

    private List<String> list() {
        int open = pos++;
        skipSpaces();
        if (!atEnd() && text.charAt(pos) == ']') {
            throw fail("empty list at column " + column(open) + "; put at least one value in it, e.g. [0, 1]");
        }
        List<String> result = new ArrayList<>();
        while (true) {
            skipSpaces();
            result.add(item(open));
            skipSpaces();
            if (atEnd()) {
                throw fail("the '[' at column " + column(open) + " is not closed; end the list with ']'");
            }
            char c = text.charAt(pos);
            if (c == ']') {
                pos++;
                return result;
            }
            if (c != ',') {
                throw fail("expected ',' or ']' at column " + column(pos) + " in the list at column " + column(open)
                        + ", found " + found());
            }
            pos++;
        }
    }

    private String item(int open) {
        if (atEnd()) {
            throw fail("the '[' at column " + column(open) + " is not closed; end the list with ']'");
        }
        char c = text.charAt(pos);
        if (isDigit(c)) {
            return digits();
        }
        if (c == '\'' || c == '"') {
            return quoted(c);
        }
        if (c == ',' || c == ']') {
            throw fail("missing list item at column " + column(pos) + "; remove the extra ','");
        }
        if (DataNode.isNameChar(c)) {
            int start = pos;
            while (!atEnd() && DataNode.isNameChar(text.charAt(pos))) {
                pos++;
            }
            String word = text.substring(start, pos);
            throw fail("list item " + word + " at column " + column(start) + " is not quoted; write '" + word + "'");
        }
        throw fail(found() + " at column " + column(pos)
                + " is not a list item; items are numbers such as 0 or quoted names such as 'a'");
    }

    private String quoted(char quote) {
        int open = pos++;
        while (true) {
            if (atEnd()) {
                throw fail("the " + quote + " at column " + column(open) + " is not closed; end the item with "
                        + quote);
            }
            char c = text.charAt(pos);
            if (c == quote) {
                break;
            }
            if (c == '.') {
                throw fail("'.' at column " + column(pos) + " inside the list item quoted at column " + column(open)
                        + ": a value from ${...} is part of one name; write the '.' outside ${...}");
            }
            if (!DataNode.isNameChar(c)) {
                throw fail(DataNode.describe(c) + " at column " + column(pos) + " inside the list item quoted at column "
                        + column(open) + "; " + NAME_CHARS + " (is a closing " + quote + " missing?)");
            }
            pos++;
        }
        if (pos == open + 1) {
            throw fail("empty list item " + quote + quote + " at column " + column(open)
                    + "; every item must add at least one character to the name");
        }
        return text.substring(open + 1, pos++);
    }

    private String digits() {
        int start = pos;
        while (!atEnd() && isDigit(text.charAt(pos))) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private void skipSpaces() {
        while (!atEnd() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private boolean atEnd() {
        return pos >= text.length();
    }

    private String found() {
        return atEnd() ? "the end" : DataNode.describe(text.charAt(pos));
    }

    private IllegalArgumentException unclosed(int open) {
        return fail("the '${' at column " + column(open) + " is not closed; end it with '}'");
    }

    private IllegalArgumentException fail(String detail) {
        return problem(kind, text, detail);
    }

    private static int column(int offset) {
        return offset + 1;
    }

    /** ASCII digits only: {@link Character#isDigit} would also take Arabic-Indic and other digits. */
    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
