package io.shardline.router.merge;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Rows as the merges see them (one byte array per value, null for SQL NULL), written and read as text. */
final class TextRows {
    private TextRows() {}

    static byte[][] row(String... values) {
        byte[][] result = new byte[values.length][];
        for (int i = 0; i < values.length; i++) {
            result[i] = values[i] == null ? null : values[i].getBytes(StandardCharsets.UTF_8);
        }
        return result;
    }

    /** The values joined by '|', NULL for null. */
    static String text(byte[][] row) {
        return String.join("|", Arrays.stream(row).map(v -> v == null ? "NULL"
                : new String(v, StandardCharsets.UTF_8)).toList());
    }
}
