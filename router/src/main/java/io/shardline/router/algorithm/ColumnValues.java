package io.shardline.router.algorithm;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

/**
 * Finds a column's value among the caller's sharding values and turns it into one of the template language's two
 * types: whole numbers become {@link BigInteger}, strings stay strings, and anything else (a fraction, a double, a
 * date, NULL) is refused, since no table name should depend on how a float rounds.
 */
final class ColumnValues {

    /**
     * The largest integer accepted, in bits (about 1233 decimal digits; MySQL's widest, DECIMAL(65), has 65). The
     * bound keeps a hostile value such as 1E+999999999 from costing seconds of arithmetic per statement.
     */
    static final int MAX_BITS = 4096;

    /** More integer digits than this is surely over {@link #MAX_BITS}: 10^1234 > 2^4096. */
    private static final int MAX_DIGITS = 1234;

    private static final int SHOWN_CHARS = 60;

    private ColumnValues() {}

    /**
     * The value of {@code column} (lower-case), its key matched ignoring ASCII case: an exact lower-case key first,
     * else the first key equal to it ignoring case.
     */
    static Object lookup(Map<String, ?> values, String column) {
        Object raw = values.get(column);
        if (raw != null || values.containsKey(column)) {
            return convert(column, raw);
        }
        for (Map.Entry<String, ?> each : values.entrySet()) {
            if (each.getKey() != null && equalsIgnoringAsciiCase(each.getKey(), column)) {
                return convert(column, each.getValue());
            }
        }
        throw new IllegalArgumentException("no value for column '" + column + "' (values were given for "
                + values.keySet() + "); the statement must give every column the template uses");
    }

    /** A value as error messages show it: strings quoted, long values cut short. */
    static String show(Object value) {
        String text = String.valueOf(value);
        if (text.length() > SHOWN_CHARS) {
            text = text.substring(0, SHOWN_CHARS - 3) + "...";
        }
        return value instanceof String ? "the string '" + text + "'" : text;
    }

    private static Object convert(String column, Object raw) {
        if (raw == null) {
            throw new IllegalArgumentException("column '" + column + "' is NULL, which cannot choose a node");
        }
        if (raw instanceof String) {
            return raw;
        }
        if (raw instanceof Long || raw instanceof Integer || raw instanceof Short || raw instanceof Byte) {
            return BigInteger.valueOf(((Number) raw).longValue());
        }
        if (raw instanceof BigInteger integer) {
            return checkSize(column, integer);
        }
        if (raw instanceof BigDecimal decimal) {
            return wholeNumber(column, decimal);
        }
        throw new IllegalArgumentException("column '" + column + "' is " + show(raw) + ", a "
                + raw.getClass().getSimpleName() + "; sharding values must be whole numbers (Long, Integer,"
                + " BigInteger, BigDecimal without a fraction) or strings");
    }

    private static BigInteger wholeNumber(String column, BigDecimal decimal) {
        if (decimal.signum() == 0) {
            return BigInteger.ZERO;
        }
        // Stripping first makes 12.00 and 1E+3 whole and finds the fraction of 1E-999999999 without dividing.
        BigDecimal stripped = decimal.stripTrailingZeros();
        if (stripped.scale() > 0) {
            throw new IllegalArgumentException("column '" + column + "' is " + show(decimal)
                    + ", which has a fraction; sharding values must be whole numbers or strings");
        }
        if ((long) stripped.precision() - stripped.scale() > MAX_DIGITS) {
            throw tooLarge(column, show(decimal));
        }
        return checkSize(column, stripped.toBigIntegerExact());
    }

    private static BigInteger checkSize(String column, BigInteger value) {
        if (value.bitLength() > MAX_BITS) {
            throw tooLarge(column, "an integer of " + value.bitLength() + " bits");
        }
        return value;
    }

    private static IllegalArgumentException tooLarge(String column, String shown) {
        return new IllegalArgumentException("column '" + column + "' is " + shown + ", larger than the " + MAX_BITS
                + " bits (about 1233 digits) a sharding value may have");
    }

    private static boolean equalsIgnoringAsciiCase(String key, String lowerColumn) {
        if (key.length() != lowerColumn.length()) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + ('a' - 'A'));
            }
            if (c != lowerColumn.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
