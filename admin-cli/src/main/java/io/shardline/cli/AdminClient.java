package io.shardline.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The one place shardctl speaks HTTP: the proxy's admin API (docs/admin-api.md) through the JDK's HttpClient.
 * Every answer comes back as an {@link ApiAnswer}, error statuses included (commands decide what they mean);
 * not reaching the proxy at all, or reaching something that does not answer JSON, is a {@link ShardctlException}
 * saying what to check.
 */
public final class AdminClient {
    private static final String USER_AGENT = "shardctl/0.1.0";

    private final String base;
    private final String token;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * @param base  the management port's URL, e.g. {@code http://127.0.0.1:9307} (a path prefix is kept)
     * @param token the management token sent with writes; null when none was given
     */
    public AdminClient(URI base, String token, Duration timeout) {
        String text = base.toString();
        this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        this.token = token;
        this.timeout = timeout;
        // HTTP/1.1: the management port speaks nothing else, and an h2c upgrade attempt would only cost time.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    public String base() {
        return base;
    }

    public boolean hasToken() {
        return token != null;
    }

    public ApiAnswer get(String path) {
        return send("GET", path, Map.of(), null, false);
    }

    /** A POST that changes nothing (validate, diff, preview): the API takes no token for it. */
    public ApiAnswer read(String path, Map<String, String> query, String body) {
        return send("POST", path, query, body, false);
    }

    /** A POST that changes the proxy: sent with the token. */
    public ApiAnswer write(String path, Map<String, String> query, String body) {
        return send("POST", path, query, body, true);
    }

    private ApiAnswer send(String method, String path, Map<String, String> query, String body, boolean withToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path + queryString(query)))
                .timeout(timeout).header("Accept", "application/json").header("User-Agent", USER_AGENT);
        if (withToken && token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (method.equals("GET")) {
            request.GET();
        } else {
            request.header("Content-Type", "text/plain; charset=utf-8");
            request.POST(body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        HttpResponse<String> response = exchange(request.build(), method, path);
        return new ApiAnswer(method, path, response.statusCode(), parse(response, method, path));
    }

    private HttpResponse<String> exchange(HttpRequest request, String method, String path) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException ex) {
            throw unreachable("no connection within " + Durations.format(timeout));
        } catch (HttpTimeoutException ex) {
            throw new ShardctlException(ExitCodes.CANNOT_REACH_PROXY, "no answer from " + base + " to " + method + " "
                    + path + " within " + Durations.format(timeout) + ": the proxy may be overloaded or stuck;"
                    + " try again, or wait longer with --timeout", ex);
        } catch (ConnectException ex) {
            throw unreachable("connection refused");
        } catch (IOException ex) {
            throw unreachable(ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new ShardctlException(ExitCodes.OPERATION_FAILED, "interrupted while waiting for " + base, ex);
        }
    }

    private ShardctlException unreachable(String why) {
        return new ShardctlException(ExitCodes.CANNOT_REACH_PROXY, "cannot reach " + base + " (" + why + "):"
                + " is the proxy running? is its management.listen elsewhere? use --url or SHARDLINE_URL");
    }

    private JsonNode parse(HttpResponse<String> response, String method, String path) {
        try {
            JsonNode result = Json.MAPPER.readTree(response.body());
            if (result != null && result.isObject()) {
                return result;
            }
        } catch (JsonProcessingException ex) {
            // Falls through to the message below: what matters is what answered, not how the JSON broke.
        }
        throw new ShardctlException(ExitCodes.OPERATION_FAILED, base + " answered " + method + " " + path + " with "
                + response.statusCode() + " and no JSON object: is this a Shardline management port, with the"
                + " admin API (a proxy as new as this shardctl)? check --url");
    }

    private static String queryString(Map<String, String> query) {
        if (query.isEmpty()) {
            return "";
        }
        StringJoiner result = new StringJoiner("&", "?", "");
        query.forEach((name, value) -> result.add(encode(name) + "=" + encode(value)));
        return result.toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** The JSON mapper, in a holder so commands that never touch JSON never load Jackson. */
    public static final class Json {
        public static final ObjectMapper MAPPER = new ObjectMapper();

        private Json() {}
    }
}
