package io.shardline.cli;

import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine;

/**
 * Durations as the configuration writes them ({@code 500ms}, {@code 10s}, {@code 2m}; a bare number is seconds),
 * for {@code --timeout}, and back to text for messages.
 */
public final class Durations implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    public static Duration parse(String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        int digits = 0;
        while (digits < text.length() && Character.isDigit(text.charAt(digits))) {
            digits++;
        }
        String unit = text.substring(digits).trim();
        if (digits == 0 || digits > 9) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a duration such as 500ms, 10s or 2m");
        }
        long amount = Long.parseLong(text.substring(0, digits));
        Duration result = switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "", "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> throw new CommandLine.TypeConversionException("'" + value + "' has an unknown unit '" + unit
                    + "'; use ms, s or m (10s, 500ms, 2m)");
        };
        if (result.isZero()) {
            throw new CommandLine.TypeConversionException("'" + value + "': a timeout must be above zero");
        }
        return result;
    }

    /** {@code 10s}, {@code 500ms}, {@code 2m}: the shortest exact form. */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}
