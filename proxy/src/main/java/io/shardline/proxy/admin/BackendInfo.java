package io.shardline.proxy.admin;

import io.shardline.proxy.backend.BackendPools;
import io.shardline.proxy.backend.PoolStats;
import io.shardline.proxy.health.HealthSnapshot;
import io.shardline.proxy.health.ServerHealth;
import io.shardline.proxy.health.Status;
import io.shardline.proxy.route.AdminOverrides;
import io.shardline.proxy.route.DataSourceBackends;
import io.shardline.proxy.route.ReplicaBackend;

/**
 * The BACKEND object of docs/admin-api.md: one server's health, admin state, weight and pools, as JSON.
 *
 * @param status      the health monitor's word ({@code UNCHECKED} before the first check)
 * @param adminState  {@code online} or {@code offline}
 * @param weight      a replica's share of reads now (an operator's or the configured one); null for a primary
 * @param lagSeconds  a replica's lag at the last check; null when unknown, and for a primary
 * @param problem     why it is not UP; null when it is
 */
public record BackendInfo(String name, String datasource, String role, String address, String status,
                          String adminState, Integer weight, Double lagSeconds, String problem, Pool pool) {
    /** Connections of the server's pools over all event loops. */
    public record Pool(int idle, int borrowed, int waiting) {
    }

    static BackendInfo primary(DataSourceBackends source) {
        return of(source, source.primary(), "primary", null);
    }

    static BackendInfo replica(DataSourceBackends source, ReplicaBackend replica) {
        return of(source, replica.pools(), "replica", source.overrides().weightOf(replica));
    }

    private static BackendInfo of(DataSourceBackends source, BackendPools pools, String role, Integer weight) {
        String name = pools.server().name();
        HealthSnapshot snapshot = source.health();
        ServerHealth health = snapshot == null ? null : snapshot.byServer().get(name);
        Status status = health == null ? Status.UNKNOWN : health.status();
        AdminOverrides overrides = source.overrides();
        PoolStats stats = pools.stats();
        return new BackendInfo(name, source.name(), role, pools.server().address(),
                status == Status.UNKNOWN ? "UNCHECKED" : status.name(),
                overrides.isOffline(name) ? "offline" : "online", weight,
                health == null || health.lagSeconds() == null ? null : health.lagSeconds().doubleValue(),
                status == Status.UP ? null : health == null ? "not checked yet" : health.problem(),
                new Pool(stats.idle(), stats.borrowed(), stats.waiting()));
    }
}
