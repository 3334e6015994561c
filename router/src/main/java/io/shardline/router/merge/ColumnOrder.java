package io.shardline.router.merge;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Compares and groups the text-protocol values of one column as the server would: numbers by value, times by
 * time, strings in their collation, binary strings byte by byte. NULL is below every value, as in MySQL's ORDER BY.
 * One instance per column per statement (collators are not thread-safe).
 */
final class ColumnOrder {
    private final ValueKind kind;
    private final StringCollation collation;

    ColumnOrder(ColumnInfo column) {
        this.kind = column.kind();
        this.collation = column.kind() == ValueKind.STRING ? StringCollation.named(column.collation()) : null;
    }

    int compare(byte[] left, byte[] right) {
        if (left == null || right == null) {
            return left == null ? (right == null ? 0 : -1) : 1;
        }
        return switch (kind) {
            case INTEGER, DECIMAL -> number(left).compareTo(number(right));
            case FLOAT -> Double.compare(Double.parseDouble(ascii(left)), Double.parseDouble(ascii(right)));
            case TIME -> Long.compare(timeMicros(left), timeMicros(right));
            case STRING -> collation.compare(left, right);
            case DATE_TIME, BINARY -> Arrays.compareUnsigned(left, right);
        };
    }

    /** A value equal exactly for values this column holds equal; null for NULL. */
    Object key(byte[] value) {
        if (value == null) {
            return null;
        }
        return switch (kind) {
            case INTEGER, DECIMAL -> number(value).stripTrailingZeros();
            case FLOAT -> Double.parseDouble(ascii(value)) + 0.0; // -0.0 and 0.0 group together
            case TIME -> timeMicros(value);
            case STRING -> collation.key(value);
            case DATE_TIME, BINARY -> new String(value, StandardCharsets.ISO_8859_1);
        };
    }

    static BigDecimal number(byte[] value) {
        return new BigDecimal(ascii(value));
    }

    static String ascii(byte[] value) {
        return new String(value, StandardCharsets.US_ASCII);
    }

    /** {@code [-]H...H:MM:SS[.ffffff]} as signed microseconds. */
    private static long timeMicros(byte[] value) {
        String text = ascii(value);
        boolean negative = text.startsWith("-");
        String[] parts = (negative ? text.substring(1) : text).split("[:.]");
        long micros = (Long.parseLong(parts[0]) * 3600 + Long.parseLong(parts[1]) * 60 + Long.parseLong(parts[2]))
                * 1_000_000;
        if (parts.length > 3) {
            micros += Long.parseLong((parts[3] + "000000").substring(0, 6));
        }
        return negative ? -micros : micros;
    }
}
