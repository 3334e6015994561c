package io.shardline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Fields of the API's JSON as people read them in tables: absent or null as {@code -}, units spelt out. */
public final class Fields {
    public static final String NONE = "-";

    private Fields() {}

    public static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? NONE : value.asText();
    }

    public static String yesNo(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? NONE : value.asBoolean() ? "yes" : "no";
    }

    /** {@code 1.5s}; {@code -} when null. */
    public static String seconds(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? NONE : trim(String.format(Locale.ROOT, "%.1f", value.asDouble())) + "s";
    }

    /** {@code 2d 3h 4m 5s}, leading zero units left out. */
    public static String uptime(long seconds) {
        long[] amounts = {seconds / 86_400, seconds / 3600 % 24, seconds / 60 % 60, seconds % 60};
        String[] units = {"d", "h", "m", "s"};
        StringBuilder result = new StringBuilder();
        for (int i = 0; i < amounts.length; i++) {
            if (amounts[i] > 0 || result.length() > 0 || i == amounts.length - 1) {
                result.append(result.length() > 0 ? " " : "").append(amounts[i]).append(units[i]);
            }
        }
        return result.toString();
    }

    /** {@code 12.3 MiB}; exact bytes below 1 KiB. */
    public static String bytes(long bytes) {
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return trim(String.format(Locale.ROOT, "%.1f", value)) + " " + units[unit];
    }

    /** A JSON array of strings as {@code a, b}; {@code -} when empty or absent. */
    public static String list(JsonNode node, String field) {
        List<String> items = strings(node.get(field));
        return items.isEmpty() ? NONE : String.join(", ", items);
    }

    public static List<String> strings(JsonNode array) {
        List<String> result = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(each -> result.add(each.asText()));
        }
        return result;
    }

    /** At most {@code max} characters, an ellipsis marking a cut. */
    public static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static String trim(String number) {
        return number.endsWith(".0") ? number.substring(0, number.length() - 2) : number;
    }
}
