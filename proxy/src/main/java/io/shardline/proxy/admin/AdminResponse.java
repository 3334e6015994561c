package io.shardline.proxy.admin;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Map;

/**
 * What a route answers: a status, a content type and a text body (sent as UTF-8), plus any extra headers.
 *
 * @param headers extra response headers, e.g. Allow for a 405
 */
public record AdminResponse(HttpResponseStatus status, String contentType, String body, Map<String, String> headers) {
    public static final String JSON = "application/json; charset=utf-8";
    /** The Prometheus text exposition format, as Prometheus expects it to be labelled. */
    public static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    public AdminResponse {
        headers = Map.copyOf(headers);
    }

    /** {@code value} (a map, list or record) as a JSON body. */
    public static AdminResponse json(HttpResponseStatus status, Object value) {
        return new AdminResponse(status, JSON, Json.write(value), Map.of());
    }

    public static AdminResponse ok(Object value) {
        return json(HttpResponseStatus.OK, value);
    }

    /** A JSON error body: {@code {"error": message}}. */
    public static AdminResponse error(HttpResponseStatus status, String message) {
        return json(status, Map.of("error", message));
    }

    public AdminResponse withHeader(String name, String value) {
        Map<String, String> more = new java.util.LinkedHashMap<>(headers);
        more.put(name, value);
        return new AdminResponse(status, contentType, body, more);
    }
}
