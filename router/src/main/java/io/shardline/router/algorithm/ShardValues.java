package io.shardline.router.algorithm;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/**
 * Turns the values a statement gives a sharding column (SQL literals and bound parameters: integers, decimals,
 * strings, dates) into the forms the algorithms compute with, and refuses with a clear message what an algorithm
 * cannot use. Comparing a number with a string the way MySQL would (converting the string) is deliberately not
 * done: a shard key compared with a value of another type is a statement to route everywhere, not to guess about.
 */
public final class ShardValues {
    /** MySQL's DATETIME literal forms: date, optional time, optional fraction. */
    private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd")
            .optionalStart().appendLiteral(' ').appendPattern("HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 6, true).optionalEnd()
            .optionalEnd()
            .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
            .parseDefaulting(ChronoField.MINUTE_OF_HOUR, 0)
            .parseDefaulting(ChronoField.SECOND_OF_MINUTE, 0)
            .toFormatter();

    private ShardValues() {}

    /** An integer value, or null when {@code value} is not a whole number. */
    public static BigInteger integer(Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return BigInteger.valueOf(((Number) value).longValue());
        }
        if (value instanceof BigInteger big) {
            return big;
        }
        if (value instanceof BigDecimal decimal) {
            BigDecimal stripped = decimal.stripTrailingZeros();
            return stripped.scale() <= 0 ? stripped.toBigIntegerExact() : null;
        }
        return null;
    }

    /** A number as a BigDecimal, or null when {@code value} is not a number. */
    public static BigDecimal decimal(Object value) {
        BigInteger whole = integer(value);
        if (whole != null) {
            return new BigDecimal(whole);
        }
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof Double || value instanceof Float) {
            return BigDecimal.valueOf(((Number) value).doubleValue());
        }
        return null;
    }

    /** A point in time: LocalDateTime, LocalDate (midnight) or a MySQL-form string; null when it is none. */
    public static LocalDateTime dateTime(Object value) {
        if (value instanceof LocalDateTime dateTime) {
            return dateTime;
        }
        if (value instanceof LocalDate date) {
            return date.atStartOfDay();
        }
        if (value instanceof String text) {
            try {
                return LocalDateTime.parse(text.strip(), DATE_TIME);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }

    /** The value as SQL would print it, for messages. */
    public static String describe(Object value) {
        if (value == null) {
            return "NULL";
        }
        return value instanceof String ? "'" + value + "'" : value.toString();
    }
}
