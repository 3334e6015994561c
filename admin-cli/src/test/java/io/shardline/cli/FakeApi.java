package io.shardline.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * A scripted admin API for command tests: answers canned JSON per method and path (as docs/admin-api.md shows
 * them) and records every request, so a test asserts both what shardctl sent and what it made of the answer.
 * An unscripted request gets the proxy's own 404 ("no such path: ...").
 */
public final class FakeApi implements AutoCloseable {
    /** What shardctl sent. */
    public record Request(String method, String path, String query, String authorization, String contentType,
                          String body) {}

    private record Answer(int status, String json, CountDownLatch hold) {}

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);

    public FakeApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public FakeApi answer(String method, String path, int status, String json) {
        answers.put(method + " " + path, new Answer(status, json, null));
        return this;
    }

    /** Never answers {@code method path} (until closed): for timeouts. */
    public FakeApi hang(String method, String path) {
        answers.put(method + " " + path, new Answer(200, "{}", released));
        return this;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The only request sent; fails when there were others. */
    public Request request() {
        if (requests.size() != 1) {
            throw new AssertionError("expected exactly one request, got " + requests);
        }
        return requests.get(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getRawPath();
        requests.add(new Request(exchange.getRequestMethod(), path, exchange.getRequestURI().getQuery(),
                exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("Content-Type"), body));
        Answer answer = answers.getOrDefault(exchange.getRequestMethod() + " " + path,
                new Answer(404, "{\"error\": \"no such path: " + path + "; served: /metrics, /health, /ready\"}", null));
        if (answer.hold() != null) {
            try {
                answer.hold().await();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] bytes = answer.json().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        if (answer.status() == 401) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
        }
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
    }
}
