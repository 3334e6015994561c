package io.shardline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A rules change in words, one line per CHANGE of the API ({@code {"kind", "object", "detail", "moves_rows"}}):
 * {@code changed table shop.t_order: data-nodes ... (moves rows)}; a change the API already gives as text (reload)
 * stays as it is.
 */
public final class Changes {
    private Changes() {}

    public static List<String> lines(JsonNode changes) {
        List<String> result = new ArrayList<>();
        if (changes == null || !changes.isArray()) {
            return result;
        }
        for (JsonNode each : changes) {
            if (each.isTextual()) {
                // /api/reload words its changes itself (rules and users).
                result.add(each.asText());
                continue;
            }
            String detail = Fields.text(each, "detail");
            result.add(verb(each.path("kind").asText()) + " " + Fields.text(each, "object")
                    + (detail.equals(Fields.NONE) ? "" : ": " + detail)
                    + (each.path("moves_rows").asBoolean() ? " (moves rows)" : ""));
        }
        return result;
    }

    private static String verb(String kind) {
        return switch (kind) {
            case "add" -> "added";
            case "remove" -> "removed";
            case "change" -> "changed";
            default -> kind;
        };
    }
}
