package io.shardline.proxy.it;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The management port over real HTTP, as shardctl and scripts call it. */
final class AdminHttp {
    static final String TOKEN = "it-token-0123456789abcdef";
    /** Top-level YAML for a proxy whose management port takes {@link #TOKEN} on an ephemeral port. */
    static final String MANAGEMENT = "management: { listen: 127.0.0.1:0, token: " + TOKEN + " }";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final int port;

    AdminHttp(int port) {
        this.port = port;
    }

    HttpResponse<String> get(String path) throws Exception {
        return send("GET", path, null);
    }

    /** A POST with the token. */
    HttpResponse<String> post(String path) throws Exception {
        return send("POST", path, TOKEN);
    }

    HttpResponse<String> send(String method, String path, String token) throws Exception {
        return send(method, path, token, null);
    }

    /** @param token null for no Authorization header; {@code body} null for none */
    HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        // 20 s: a rules change under a steady load, or a reload that checks new servers, may take a while.
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(20));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
