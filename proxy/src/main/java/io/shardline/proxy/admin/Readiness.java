package io.shardline.proxy.admin;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.shardline.proxy.health.HealthSnapshot;
import io.shardline.proxy.health.ServerHealth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * {@code /ready}: may a load balancer send this proxy clients? Yes when it listens for clients and the health
 * monitor's latest snapshot has every data source's primary UP (the configuration is loaded by then: a proxy
 * without a valid one does not start). Replicas do not count: reads fall back to the primary, or fail by the
 * data source's own choice, and a proxy whose replicas are all down still serves writes. Reads the snapshot,
 * never checks a server itself, so a probe costs nothing and cannot hang.
 */
public final class Readiness implements AdminHandler {
    private final Map<String, String> primaryByDataSource;
    private final Supplier<HealthSnapshot> health;
    private final BooleanSupplier listening;

    /**
     * @param primaryByDataSource each data source's name and its primary's server name (as the monitor knows it),
     *                            in file order
     */
    public Readiness(Map<String, String> primaryByDataSource, Supplier<HealthSnapshot> health,
                     BooleanSupplier listening) {
        this.primaryByDataSource = Collections.unmodifiableMap(new LinkedHashMap<>(primaryByDataSource));
        this.health = health;
        this.listening = listening;
    }

    @Override
    public AdminResponse handle(AdminRequest request) {
        HealthSnapshot snapshot = health.get();
        List<String> reasons = new ArrayList<>();
        boolean listens = listening.getAsBoolean();
        if (!listens) {
            reasons.add("not listening for clients");
        }
        List<String> primaries = new ArrayList<>();
        for (Map.Entry<String, String> each : primaryByDataSource.entrySet()) {
            ServerHealth server = snapshot.byServer().get(each.getValue());
            String status = server == null ? "UNKNOWN" : server.status().name();
            String problem = server == null ? "not monitored" : server.problem();
            if (server == null || !server.isUp()) {
                reasons.add("data source '" + each.getKey() + "': primary " + each.getValue() + " is " + status
                        + (problem == null ? "" : " (" + problem + ")"));
            }
            primaries.add("{\"datasource\":" + Json.quote(each.getKey()) + ",\"server\":" + Json.quote(each.getValue())
                    + ",\"status\":" + Json.quote(status)
                    + (problem == null ? "" : ",\"problem\":" + Json.quote(problem)) + "}");
        }
        String verdict = reasons.isEmpty() ? "READY" : "NOT_READY";
        StringBuilder body = new StringBuilder("{\"status\":").append(Json.quote(verdict))
                .append(",\"listening\":").append(listens)
                .append(",\"primaries\":[").append(String.join(",", primaries)).append(']');
        if (!reasons.isEmpty()) {
            body.append(",\"reasons\":[");
            for (int i = 0; i < reasons.size(); i++) {
                body.append(i == 0 ? "" : ",").append(Json.quote(reasons.get(i)));
            }
            body.append(']');
        }
        return AdminResponse.json(reasons.isEmpty() ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                body.append('}').toString());
    }
}
