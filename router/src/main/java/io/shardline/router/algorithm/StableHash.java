package io.shardline.router.algorithm;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.zip.CRC32;

/**
 * The hash of the {@code hash-mod} sharding algorithm: CRC-32 (IEEE 802.3, as {@link CRC32} and MySQL's
 * {@code CRC32()} compute it) of a value's canonical bytes, as an unsigned number in {@code [0, 2^32)}. It is
 * part of the data layout: rows already stored are where this hash put them, so it must give the same answer on
 * every JVM and machine, forever. That rules out {@code Object.hashCode()} and {@code String.hashCode()}, and it
 * is why every canonical form below is spelled out rather than left to a {@code toString()}.
 *
 * <p>A DBA can find a row's shard in SQL with {@code CRC32(col) % N} for integer columns, DATE, DATETIME without
 * fractional seconds, TIME without fractional seconds, and utf8mb4 strings. Canonical bytes:
 * <ul>
 *   <li>{@link Byte}, {@link Short}, {@link Integer}, {@link Long}, {@link BigInteger}: decimal text, {@code -} for
 *       negatives ({@code 7} → {@code "7"}).
 *   <li>{@link BigDecimal}: {@code stripTrailingZeros().toPlainString()}, so {@code 7.00} hashes like {@code 7}
 *       and {@code 7.50} like {@code 7.5}. MySQL prints a DECIMAL with its declared scale ({@code 7.00}); for a
 *       column with scale &gt; 0 the SQL form is {@code CRC32(TRIM(TRAILING '.' FROM TRIM(TRAILING '0' FROM
 *       col)))}.
 *   <li>{@link Float}, {@link Double}: only whole numbers, hashed as the integer ({@code 7.0} → {@code "7"});
 *       other values are refused, because binary floating point has no decimal text that is both exact and
 *       what MySQL prints.
 *   <li>{@link Boolean}: {@code "1"} / {@code "0"}, MySQL's BOOLEAN being TINYINT(1).
 *   <li>{@link CharSequence}: UTF-8 bytes exactly as given. Case and trailing spaces count: a shard column with a
 *       case-insensitive or PAD SPACE collation would need the value normalized first, and that is not done here.
 *       For a column in another character set the SQL form is {@code CRC32(CONVERT(col USING utf8mb4))}.
 *   <li>{@code byte[]}: the bytes as they are (BINARY, VARBINARY, BLOB).
 *   <li>{@link LocalDate}: {@code yyyy-MM-dd}; {@link LocalDateTime}: {@code yyyy-MM-dd HH:mm:ss};
 *       {@link LocalTime}: {@code HH:mm:ss}; years 0000-9999. Fractional seconds follow as {@code .} and the
 *       digits without trailing zeros, only when not zero ({@code 2024-02-29 23:59:59.5}), so the same instant
 *       hashes alike whatever the column's precision. MySQL's {@code CAST(x AS CHAR)} gives this text for
 *       DATETIME and TIME; a DATETIME(n) prints n digits, trailing zeros included.
 * </ul>
 * Any other type, including time types with a zone or offset (whose text depends on the session time zone), is
 * refused with {@link IllegalArgumentException}; SQL NULL has no hash and must be routed before hashing.
 */
public final class StableHash {
    private StableHash() {}

    /** The unsigned CRC-32 of the value's canonical bytes, in {@code [0, 2^32)}. */
    public static long hash(Object value) {
        CRC32 crc = new CRC32();
        crc.update(value instanceof byte[] bytes ? bytes : canonicalBytes(value));
        return crc.getValue();
    }

    /** The bytes {@link #hash(Object)} feeds to CRC-32 (see the class notes); a new array each time. */
    public static byte[] canonicalBytes(Object value) {
        if (value == null) {
            throw new NullPointerException("NULL has no shard hash: route NULL shard-key values before hashing");
        }
        if (value instanceof byte[] bytes) {
            return bytes.clone();
        }
        if (value instanceof CharSequence text) {
            return text.toString().getBytes(StandardCharsets.UTF_8);
        }
        return canonicalText(value).getBytes(StandardCharsets.US_ASCII);
    }

    /** Text of the non-string types: all ASCII. */
    private static String canonicalText(Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return Long.toString(((Number) value).longValue());
        }
        if (value instanceof BigInteger number) {
            return number.toString();
        }
        if (value instanceof BigDecimal number) {
            return number.stripTrailingZeros().toPlainString();
        }
        if (value instanceof Double || value instanceof Float) {
            return wholeNumberText(((Number) value).doubleValue());
        }
        if (value instanceof Boolean flag) {
            return flag ? "1" : "0";
        }
        if (value instanceof LocalDate date) {
            return dateText(date);
        }
        if (value instanceof LocalDateTime dateTime) {
            return dateText(dateTime.toLocalDate()) + ' ' + timeText(dateTime.toLocalTime());
        }
        if (value instanceof LocalTime time) {
            return timeText(time);
        }
        throw new IllegalArgumentException("No stable shard hash for a value of type " + value.getClass().getName()
                + ": use an integer, decimal, string, byte[], LocalDate, LocalDateTime or LocalTime");
    }

    private static String wholeNumberText(double number) {
        if (Double.isFinite(number) && number == Math.rint(number)) {
            // new BigDecimal(double) is the exact binary value: no rounding, no JDK-version-dependent text.
            return new BigDecimal(number).toBigInteger().toString();
        }
        throw new IllegalArgumentException("No stable shard hash for the floating-point value " + number
                + ": only whole numbers are accepted; use DECIMAL for fractional shard keys");
    }

    private static String dateText(LocalDate date) {
        int year = date.getYear();
        if (year < 0 || year > 9999) {
            throw new IllegalArgumentException("No stable shard hash for " + date + ": MySQL dates have years 0000"
                    + " to 9999");
        }
        StringBuilder result = new StringBuilder(10);
        pad(result, year, 4).append('-');
        pad(result, date.getMonthValue(), 2).append('-');
        return pad(result, date.getDayOfMonth(), 2).toString();
    }

    private static String timeText(LocalTime time) {
        StringBuilder result = new StringBuilder(18);
        pad(result, time.getHour(), 2).append(':');
        pad(result, time.getMinute(), 2).append(':');
        pad(result, time.getSecond(), 2);
        int nanos = time.getNano();
        if (nanos != 0) {
            result.append('.');
            pad(result, nanos, 9);
            while (result.charAt(result.length() - 1) == '0') {
                result.setLength(result.length() - 1);
            }
        }
        return result.toString();
    }

    private static StringBuilder pad(StringBuilder target, int number, int width) {
        String digits = Integer.toString(number);
        for (int i = digits.length(); i < width; i++) {
            target.append('0');
        }
        return target.append(digits);
    }
}
