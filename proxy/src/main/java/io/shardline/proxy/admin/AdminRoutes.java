package io.shardline.proxy.admin;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The management port's routing table: exact path and method to handler. An unknown path is 404, a known path with
 * another method 405 with the Allow header, as HTTP asks. Routes that change something ({@link #post}) need the
 * bearer token of {@code management.token}: without a configured token they are refused (403), with a wrong or
 * missing one 401. Reads, and the POSTs that only inspect a body ({@link #inspect}), need none.
 */
public final class AdminRoutes {
    /** One entry of the table; {@code guarded} routes need the token. */
    public record Route(HttpMethod method, String path, AdminHandler handler, boolean guarded) {
        public Route(HttpMethod method, String path, AdminHandler handler) {
            this(method, path, handler, false);
        }
    }

    private final Map<String, Map<HttpMethod, Route>> byPath = new LinkedHashMap<>();
    /** The token's bytes, or null when writes are disabled. */
    private final byte[] token;

    public AdminRoutes(List<Route> routes) {
        this(routes, null);
    }

    /** @param token {@code management.token}, or null to refuse every guarded route */
    public AdminRoutes(List<Route> routes, String token) {
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
        for (Route each : routes) {
            Route previous = byPath.computeIfAbsent(each.path(), path -> new LinkedHashMap<>())
                    .put(each.method(), each);
            if (previous != null) {
                throw new IllegalArgumentException(each.method() + " " + each.path() + " is routed twice");
            }
        }
    }

    public static Route get(String path, AdminHandler handler) {
        return new Route(HttpMethod.GET, path, handler, false);
    }

    /** A POST that changes something: needs the token. */
    public static Route post(String path, AdminHandler handler) {
        return new Route(HttpMethod.POST, path, handler, true);
    }

    /** A POST that only reads its body (validate, diff, preview): no token, since it changes nothing. */
    public static Route inspect(String path, AdminHandler handler) {
        return new Route(HttpMethod.POST, path, handler, false);
    }

    /** The paths served, in the order given (for the 404 body). */
    public List<String> paths() {
        return List.copyOf(byPath.keySet());
    }

    public AdminResponse answer(AdminRequest request) {
        Map<HttpMethod, Route> methods = byPath.get(request.path());
        if (methods == null) {
            return AdminResponse.error(HttpResponseStatus.NOT_FOUND, "no such path: " + request.path()
                    + "; served: " + String.join(", ", byPath.keySet()));
        }
        Route route = methods.get(request.method());
        if (route == null) {
            TreeSet<String> allowed = new TreeSet<>();
            methods.keySet().forEach(method -> allowed.add(method.name()));
            String allow = String.join(", ", allowed);
            return AdminResponse.error(HttpResponseStatus.METHOD_NOT_ALLOWED, request.method()
                    + " is not allowed on " + request.path() + "; allowed: " + allow).withHeader("Allow", allow);
        }
        try {
            if (route.guarded()) {
                checkToken(request);
            }
            return route.handler().handle(request);
        } catch (AdminException ex) {
            AdminResponse result = ex.response();
            return ex.status().equals(HttpResponseStatus.UNAUTHORIZED)
                    ? result.withHeader("WWW-Authenticate", "Bearer realm=\"shardline\"") : result;
        }
    }

    private void checkToken(AdminRequest request) {
        if (token == null) {
            throw new AdminException(HttpResponseStatus.FORBIDDEN, "writes are disabled: set management.token in"
                    + " the configuration (a long random string) and send it as 'Authorization: Bearer <token>'");
        }
        String header = request.authorization();
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new AdminException(HttpResponseStatus.UNAUTHORIZED, request.method() + " " + request.path()
                    + " needs 'Authorization: Bearer <management.token>' (shardctl: --token or SHARDLINE_TOKEN)");
        }
        byte[] given = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        // Constant time, so the answer's timing does not tell how much of a guess was right.
        if (!MessageDigest.isEqual(given, token)) {
            throw new AdminException(HttpResponseStatus.UNAUTHORIZED, "wrong token for " + request.method() + " "
                    + request.path() + ": send management.token as 'Authorization: Bearer <token>'");
        }
    }
}
