package io.shardline.proxy.admin;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request the API refuses: the status and a message saying what to do, plus any fields the answer carries
 * besides {@code error} (a refused rules change's {@code changes}, an invalid file's {@code problems}). Handlers
 * throw it; {@link AdminRoutes} turns it into the JSON answer.
 */
public final class AdminException extends RuntimeException {
    private final HttpResponseStatus status;
    private final Map<String, Object> details;

    public AdminException(HttpResponseStatus status, String message) {
        this(status, message, Map.of());
    }

    public AdminException(HttpResponseStatus status, String message, Map<String, Object> details) {
        super(message);
        this.status = status;
        this.details = Map.copyOf(details);
    }

    public static AdminException badRequest(String message) {
        return new AdminException(HttpResponseStatus.BAD_REQUEST, message);
    }

    public static AdminException notFound(String message) {
        return new AdminException(HttpResponseStatus.NOT_FOUND, message);
    }

    public HttpResponseStatus status() {
        return status;
    }

    /** The fields besides {@code error}. */
    public Map<String, Object> details() {
        return details;
    }

    public AdminResponse response() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", getMessage());
        body.putAll(details);
        return AdminResponse.json(status, body);
    }
}
