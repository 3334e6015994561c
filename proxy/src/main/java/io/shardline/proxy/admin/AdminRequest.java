package io.shardline.proxy.admin;

import io.netty.handler.codec.http.HttpMethod;
import java.util.List;
import java.util.Map;

/**
 * One HTTP request to the management port, copied out of Netty's buffers so handlers never touch reference counts.
 *
 * @param path          the path without the query string, e.g. {@code /ready}
 * @param authorization the Authorization header, or null
 * @param body          the request body as UTF-8 text, empty when there is none
 * @param parameters    the query string's parameters, each with its values in order
 */
public record AdminRequest(HttpMethod method, String path, String authorization, String body,
                           Map<String, List<String>> parameters) {
    public AdminRequest {
        parameters = Map.copyOf(parameters);
    }

    public AdminRequest(HttpMethod method, String path, String authorization, String body) {
        this(method, path, authorization, body, Map.of());
    }

    /** The parameter's first value, or null when absent. */
    public String parameter(String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The parameter's first value; a 400 naming it when absent or empty. */
    public String required(String name) {
        String result = parameter(name);
        if (result == null || result.isBlank()) {
            throw AdminException.badRequest("missing parameter '" + name + "' (" + path + "?" + name + "=...)");
        }
        return result;
    }

    /** The body, or a 400 saying what it must hold. */
    public String requiredBody(String what) {
        if (body == null || body.isBlank()) {
            throw AdminException.badRequest(method + " " + path + " needs " + what + " as its body");
        }
        return body;
    }
}
