package io.shardline.proxy.config;

import java.time.Duration;
import java.util.Locale;

/** Human units in configuration: durations such as 500ms, 10s, 5m, 1h and sizes such as 64MiB, 512KiB, 1GiB. */
public final class Units {
    private Units() {}

    public static Duration parseDuration(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        int split = 0;
        while (split < value.length() && (Character.isDigit(value.charAt(split)) || value.charAt(split) == '.')) {
            split++;
        }
        if (split == 0) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; write e.g. 500ms, 10s, 5m or 1h");
        }
        double amount = Double.parseDouble(value.substring(0, split));
        String unit = value.substring(split).trim();
        long millis = switch (unit) {
            case "ms" -> Math.round(amount);
            case "s", "" -> Math.round(amount * 1000);
            case "m", "min" -> Math.round(amount * 60_000);
            case "h" -> Math.round(amount * 3_600_000);
            default -> throw new IllegalArgumentException(
                    "unknown duration unit '" + unit + "' in '" + text + "'; use ms, s, m or h");
        };
        return Duration.ofMillis(millis);
    }

    public static long parseSize(String text) {
        String value = text.trim();
        int split = 0;
        while (split < value.length() && Character.isDigit(value.charAt(split))) {
            split++;
        }
        if (split == 0) {
            throw new IllegalArgumentException("'" + text + "' is not a size; write e.g. 64MiB, 512KiB or 1GiB");
        }
        long amount;
        try {
            amount = Long.parseLong(value.substring(0, split));
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException("'" + text + "' is too large", ex);
        }
        String unit = value.substring(split).trim().toLowerCase(Locale.ROOT);
        long factor = switch (unit) {
            case "", "b" -> 1L;
            case "k", "kb", "kib" -> 1024L;
            case "m", "mb", "mib" -> 1024L * 1024;
            case "g", "gb", "gib" -> 1024L * 1024 * 1024;
            default -> throw new IllegalArgumentException(
                    "unknown size unit '" + unit + "' in '" + text + "'; use KiB, MiB or GiB");
        };
        try {
            return Math.multiplyExact(amount, factor);
        } catch (ArithmeticException ex) {
            throw new IllegalArgumentException("'" + text + "' is too large", ex);
        }
    }
}
