package io.shardline.proxy.admin;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The management port's routing table: exact path and method to handler. An unknown path is 404, a known path with
 * another method 405 with the Allow header, as HTTP asks. The admin API's routes (writes behind a bearer token)
 * are added here as more entries; the token check will wrap their handlers, so this table stays a plain lookup.
 */
public final class AdminRoutes {
    /** One entry of the table. */
    public record Route(HttpMethod method, String path, AdminHandler handler) {}

    private final Map<String, Map<HttpMethod, AdminHandler>> byPath = new LinkedHashMap<>();

    public AdminRoutes(List<Route> routes) {
        for (Route each : routes) {
            AdminHandler previous = byPath.computeIfAbsent(each.path(), path -> new LinkedHashMap<>())
                    .put(each.method(), each.handler());
            if (previous != null) {
                throw new IllegalArgumentException(each.method() + " " + each.path() + " is routed twice");
            }
        }
    }

    public static Route get(String path, AdminHandler handler) {
        return new Route(HttpMethod.GET, path, handler);
    }

    /** The paths served, in the order given (for the 404 body). */
    public List<String> paths() {
        return List.copyOf(byPath.keySet());
    }

    public AdminResponse answer(AdminRequest request) {
        Map<HttpMethod, AdminHandler> methods = byPath.get(request.path());
        if (methods == null) {
            return AdminResponse.error(HttpResponseStatus.NOT_FOUND, "no such path: " + request.path()
                    + "; served: " + String.join(", ", byPath.keySet()));
        }
        AdminHandler handler = methods.get(request.method());
        if (handler == null) {
            TreeSet<String> allowed = new TreeSet<>();
            methods.keySet().forEach(method -> allowed.add(method.name()));
            String allow = String.join(", ", allowed);
            AdminResponse refused = AdminResponse.error(HttpResponseStatus.METHOD_NOT_ALLOWED, request.method()
                    + " is not allowed on " + request.path() + "; allowed: " + allow);
            return new AdminResponse(refused.status(), refused.contentType(), refused.body(), Map.of("Allow", allow));
        }
        return handler.handle(request);
    }
}
