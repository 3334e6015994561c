package io.shardline.proxy.slowlog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Locale;

/**
 * One slow statement as one line of JSON (docs/operations.md, "Slow query log"), fields always in this order and
 * always present: {@code time} (ISO-8601, UTC, when the response ended), {@code duration_ms}, {@code kind},
 * {@code route}, {@code digest} (the statement with every literal value replaced by {@code ?}), {@code user},
 * {@code schema}, {@code client}, {@code rows}, {@code error} (null when unknown or none).
 */
public final class SlowQueryLine {
    private static final JsonFactory JSON = new JsonFactory();

    private SlowQueryLine() {}

    /** The line, without its line break. */
    public static String of(SlowQuery query) {
        StringWriter result = new StringWriter(256);
        try (JsonGenerator json = JSON.createGenerator(result)) {
            json.writeStartObject();
            json.writeStringField("time", Instant.ofEpochMilli(query.endMillis()).toString());
            json.writeNumberField("duration_ms", Math.round(query.nanos() / 1_000.0) / 1_000.0);
            json.writeStringField("kind", query.kind().toLowerCase(Locale.ROOT));
            json.writeStringField("route", query.route().label());
            json.writeStringField("digest", digest(query));
            json.writeStringField("user", query.user());
            json.writeStringField("schema", query.schema());
            json.writeStringField("client", query.client());
            nullable(json, "rows", query.rows() < 0 ? null : query.rows());
            nullable(json, "error", query.error() == 0 ? null : (long) query.error());
            json.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex); // a StringWriter does not fail
        }
        return result.toString();
    }

    private static String digest(SlowQuery query) {
        if (query.sql() == null) {
            return null;
        }
        try {
            return RedactedDigest.of(query.sql(), query.options());
        } catch (RuntimeException ex) {
            return null; // never the text instead: it holds the values
        }
    }

    private static void nullable(JsonGenerator json, String name, Long value) throws IOException {
        if (value == null) {
            json.writeNullField(name);
        } else {
            json.writeNumberField(name, value);
        }
    }
}
