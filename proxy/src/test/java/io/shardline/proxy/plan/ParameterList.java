package io.shardline.proxy.plan;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Reads the values of a case's {@code @ params} line, written as SQL literals separated by commas, into the Java
 * values a prepared statement's parameters arrive as: {@code 7} a Long ({@code 99999999999999999999} a BigInteger),
 * {@code 2.50} a BigDecimal, {@code 'it''s'} a String, {@code NULL} null, {@code DATE '2024-02-29'} a LocalDate and
 * {@code TIMESTAMP '2024-02-29 13:45:00'} a LocalDateTime.
 */
final class ParameterList {
    private final String text;
    private int position;

    private ParameterList(String text) {
        this.text = text;
    }

    static List<Object> parse(String text) {
        ParameterList reader = new ParameterList(text);
        List<Object> result = new ArrayList<>();
        while (true) {
            result.add(reader.value());
            reader.skipSpaces();
            if (reader.position == text.length()) {
                return Collections.unmodifiableList(result); // List.copyOf refuses the nulls
            }
            reader.expect(',');
        }
    }

    private Object value() {
        skipSpaces();
        if (position < text.length() && text.charAt(position) == '\'') {
            return string();
        }
        int start = position;
        while (position < text.length() && text.charAt(position) != ',' && text.charAt(position) != '\'') {
            position++;
        }
        String word = text.substring(start, position).strip();
        String upper = word.toUpperCase(Locale.ROOT);
        if (upper.equals("NULL")) {
            return null;
        }
        if (upper.equals("DATE")) {
            return LocalDate.parse(string());
        }
        if (upper.equals("TIMESTAMP")) {
            return LocalDateTime.parse(string().replace(' ', 'T'));
        }
        if (word.matches("-?\\d+")) {
            BigInteger number = new BigInteger(word);
            return number.bitLength() < 64 ? (Object) number.longValueExact() : number;
        }
        if (word.matches("-?\\d*\\.\\d+")) {
            return new BigDecimal(word);
        }
        throw new IllegalArgumentException("@ params: '" + word + "' is not a value; write numbers, 'strings',"
                + " NULL, DATE '...' or TIMESTAMP '...'");
    }

    private String string() {
        skipSpaces();
        expect('\'');
        StringBuilder result = new StringBuilder();
        while (true) {
            if (position == text.length()) {
                throw new IllegalArgumentException("@ params: unterminated string in " + text);
            }
            char c = text.charAt(position++);
            if (c != '\'') {
                result.append(c);
            } else if (position < text.length() && text.charAt(position) == '\'') {
                result.append('\'');
                position++;
            } else {
                return result.toString();
            }
        }
    }

    private void skipSpaces() {
        while (position < text.length() && text.charAt(position) == ' ') {
            position++;
        }
    }

    private void expect(char c) {
        if (position >= text.length() || text.charAt(position) != c) {
            throw new IllegalArgumentException("@ params: expected '" + c + "' at column " + (position + 1) + " of "
                    + text);
        }
        position++;
    }
}
