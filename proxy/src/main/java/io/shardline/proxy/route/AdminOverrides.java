package io.shardline.proxy.route;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What operators set through the admin API for one data source's servers, by server name: which are out of service
 * (offline) and which replicas take another share of reads than the configuration gives them. Immutable: a change
 * makes a new one, and {@link DataSourceBackends} folds it into its view as it does a health snapshot. Kept in
 * memory only: a restart starts from the configuration again.
 *
 * @param offline servers no new statement may go to
 * @param weights replicas' weights that replace the configured ones (0: no reads)
 */
public record AdminOverrides(Set<String> offline, Map<String, Integer> weights) {
    public static final AdminOverrides NONE = new AdminOverrides(Set.of(), Map.of());

    public AdminOverrides {
        offline = Set.copyOf(offline);
        weights = Map.copyOf(weights);
    }

    public boolean isOffline(String server) {
        return offline.contains(server);
    }

    /** The replica's weight now: an operator's override, else the configured one. */
    public int weightOf(ReplicaBackend replica) {
        return weights.getOrDefault(replica.name(), replica.weight());
    }

    public AdminOverrides offline(String server, boolean value) {
        Set<String> next = new HashSet<>(offline);
        if (value) {
            next.add(server);
        } else {
            next.remove(server);
        }
        return new AdminOverrides(next, weights);
    }

    /** Without any mark for {@code server}: it left the configuration, and one added later under its name starts clean. */
    public AdminOverrides forget(String server) {
        Map<String, Integer> next = new HashMap<>(weights);
        next.remove(server);
        return new AdminOverrides(offline(server, false).offline(), next);
    }

    public AdminOverrides weight(String replica, int value) {
        Map<String, Integer> next = new HashMap<>(weights);
        next.put(replica, value);
        return new AdminOverrides(offline, next);
    }
}
