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
    /** Read per probe: a configuration reload may add data sources. */
    private final Supplier<Map<String, String>> primaryByDataSource;
    private final Supplier<HealthSnapshot> health;
    private final BooleanSupplier listening;
    private final BooleanSupplier draining;

    public Readiness(Map<String, String> primaryByDataSource, Supplier<HealthSnapshot> health,
                     BooleanSupplier listening) {
        this(primaryByDataSource, health, listening, () -> false);
    }

    /**
     * @param primaryByDataSource each data source's name and its primary's server name (as the monitor knows it),
     *                            in file order
     * @param draining            whether the proxy is stopping (SIGTERM): never ready again
     */
    public Readiness(Map<String, String> primaryByDataSource, Supplier<HealthSnapshot> health,
                     BooleanSupplier listening, BooleanSupplier draining) {
        this(fixed(primaryByDataSource), health, listening, draining);
    }

    /** @param primaryByDataSource as above, read at each probe (the data sources running now) */
    public Readiness(Supplier<Map<String, String>> primaryByDataSource, Supplier<HealthSnapshot> health,
                     BooleanSupplier listening, BooleanSupplier draining) {
        this.primaryByDataSource = primaryByDataSource;
        this.health = health;
        this.listening = listening;
        this.draining = draining;
    }

    private static Supplier<Map<String, String>> fixed(Map<String, String> primaryByDataSource) {
        Map<String, String> copy = Collections.unmodifiableMap(new LinkedHashMap<>(primaryByDataSource));
        return () -> copy;
    }

    @Override
    public AdminResponse handle(AdminRequest request) {
        HealthSnapshot snapshot = health.get();
        List<String> reasons = new ArrayList<>();
        boolean listens = listening.getAsBoolean();
        boolean stopping = draining.getAsBoolean();
        if (stopping) {
            reasons.add("draining: the proxy is stopping; sessions end as their statements and transactions do");
        } else if (!listens) {
            reasons.add("not listening for clients");
        }
        List<Map<String, Object>> primaries = new ArrayList<>();
        for (Map.Entry<String, String> each : primaryByDataSource.get().entrySet()) {
            ServerHealth server = snapshot.byServer().get(each.getValue());
            String status = server == null ? "UNKNOWN" : server.status().name();
            String problem = server == null ? "not monitored" : server.problem();
            if (server == null || !server.isUp()) {
                reasons.add("data source '" + each.getKey() + "': primary " + each.getValue() + " is " + status
                        + (problem == null ? "" : " (" + problem + ")"));
            }
            Map<String, Object> primary = new LinkedHashMap<>();
            primary.put("datasource", each.getKey());
            primary.put("server", each.getValue());
            primary.put("status", status);
            if (problem != null) {
                primary.put("problem", problem);
            }
            primaries.add(primary);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", reasons.isEmpty() ? "READY" : "NOT_READY");
        body.put("listening", listens);
        if (stopping) {
            body.put("draining", true);
        }
        body.put("primaries", primaries);
        if (!reasons.isEmpty()) {
            body.put("reasons", reasons);
        }
        return AdminResponse.json(reasons.isEmpty() ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                body);
    }
}
