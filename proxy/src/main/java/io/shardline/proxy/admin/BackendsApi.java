package io.shardline.proxy.admin;

import io.shardline.proxy.route.DataSourceBackends;
import io.shardline.proxy.route.ReplicaBackend;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * {@code /api/backends}: every server with its health and admin state, and taking servers out of service and back
 * or changing a replica's weight (docs/admin-api.md, docs/operations.md "Taking a server out of service"). The
 * state itself lives in each {@link DataSourceBackends}, which the query path reads; this class only finds the
 * server and answers.
 */
public final class BackendsApi {
    private static final Logger LOG = Logger.getLogger(BackendsApi.class.getName());

    /** Read per request: a configuration reload may add data sources. */
    private final Supplier<Map<String, DataSourceBackends>> sources;

    /** @param sources every data source by name, in configuration order */
    public BackendsApi(Map<String, DataSourceBackends> sources) {
        Map<String, DataSourceBackends> copy = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
        this.sources = () -> copy;
    }

    /** @param sources the data sources running now, by name, in configuration order */
    public BackendsApi(Supplier<Map<String, DataSourceBackends>> sources) {
        this.sources = sources;
    }

    public List<AdminRoutes.Route> routes() {
        return List.of(AdminRoutes.get("/api/backends", request -> AdminResponse.ok(Map.of("backends", list()))),
                AdminRoutes.post("/api/backends/offline", request -> service(request, true)),
                AdminRoutes.post("/api/backends/online", request -> service(request, false)),
                AdminRoutes.post("/api/backends/weight", this::weight));
    }

    /** Every server: each data source's primary, then its replicas, data sources in configuration order. */
    List<BackendInfo> list() {
        List<BackendInfo> result = new ArrayList<>();
        for (DataSourceBackends each : sources.get().values()) {
            result.add(BackendInfo.primary(each));
            for (ReplicaBackend replica : each.replicas()) {
                result.add(BackendInfo.replica(each, replica));
            }
        }
        return result;
    }

    private AdminResponse service(AdminRequest request, boolean offline) {
        String name = BackendNames.resolve(request.required("name"), names());
        DataSourceBackends source = sourceOf(name);
        source.offline(name, offline);
        LOG.info(name + (offline ? ": taken offline through the admin API (no new statements; running ones"
                + " finish; sessions holding its connections keep them until they give them back)"
                : ": back online through the admin API"));
        return answer(source, name);
    }

    private AdminResponse weight(AdminRequest request) {
        String name = BackendNames.resolve(request.required("name"), names());
        int weight = weightParameter(request.required("weight"));
        DataSourceBackends source = sourceOf(name);
        if (source.primary().server().name().equals(name)) {
            throw AdminException.badRequest(name + " is a primary: weights share reads among replicas; take a"
                    + " primary out of service with /api/backends/offline instead");
        }
        source.weight(name, weight);
        LOG.info(name + ": weight set to " + weight + " through the admin API");
        return answer(source, name);
    }

    static int weightParameter(String text) {
        try {
            int result = Integer.parseInt(text.trim());
            if (result >= 0 && result <= 1000) {
                return result;
            }
        } catch (NumberFormatException ex) {
            // answered below, with the same words as a number out of range
        }
        throw AdminException.badRequest("weight must be a whole number from 0 to 1000 (0: no reads), not '" + text
                + "'");
    }

    /** {@code {"backend": BACKEND}} of one server, as it is now. */
    private static AdminResponse answer(DataSourceBackends source, String name) {
        if (source.primary().server().name().equals(name)) {
            return AdminResponse.ok(Map.of("backend", BackendInfo.primary(source)));
        }
        for (ReplicaBackend each : source.replicas()) {
            if (each.name().equals(name)) {
                return AdminResponse.ok(Map.of("backend", BackendInfo.replica(source, each)));
            }
        }
        throw new IllegalStateException("no backend " + name + " in data source " + source.name());
    }

    private List<String> names() {
        List<String> result = new ArrayList<>();
        for (DataSourceBackends each : sources.get().values()) {
            result.add(each.primary().server().name());
            each.replicas().forEach(replica -> result.add(replica.name()));
        }
        return result;
    }

    private DataSourceBackends sourceOf(String name) {
        for (DataSourceBackends each : sources.get().values()) {
            if (each.primary().server().name().equals(name)
                    || each.replicas().stream().anyMatch(replica -> replica.name().equals(name))) {
                return each;
            }
        }
        throw AdminException.notFound("no backend named '" + name + "'");
    }
}
