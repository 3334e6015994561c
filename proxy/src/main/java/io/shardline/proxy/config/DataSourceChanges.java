package io.shardline.proxy.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What differs between the data sources a proxy runs and those its configuration file defines now, sorted by
 * what a reload can do about it: data sources added (started live: the DBA's scale-out step), replicas added,
 * removed or weighted otherwise (changed live), and everything else, which shapes pools, logins and sessions
 * already running and is named for a restart rather than half-applied: a primary's address, the account, TLS, pool
 * sizes, read/write settings, data sources removed. Pure: compares two sets of records. Replicas are told apart by
 * address.
 *
 * @param added        data sources the file defines and the proxy does not run, in file order
 * @param replicas     replicas added to or removed from data sources in both
 * @param weights      replicas whose weight differs, of data sources in both
 * @param needsRestart one line per other change, naming the setting ({@code datasources.ds_1.primary: ...})
 */
public record DataSourceChanges(List<DataSourceSpec> added, List<ReplicaChange> replicas, List<WeightChange> weights,
                                List<String> needsRestart) {
    private static final String RESTART = "; restart the proxy to apply it";

    /** A replica's configured weight, changed in the file. */
    public record WeightChange(String dataSource, Endpoint replica, int from, int to) {
        @Override
        public String toString() {
            return "datasources." + dataSource + ": replica " + replica + " weight "
                    + from + " -> " + to;
        }
    }

    /** A replica added to ({@code added}) or removed from a data source the proxy runs. */
    public record ReplicaChange(String dataSource, ReplicaSpec replica, boolean added) {
        @Override
        public String toString() {
            return "datasources." + dataSource + ": replica " + replica.address() + (added ? " added (weight "
                    + replica.weight() + ")" : " removed (drained: running statements and pinned sessions finish)");
        }
    }

    public DataSourceChanges {
        added = List.copyOf(added);
        replicas = List.copyOf(replicas);
        weights = List.copyOf(weights);
        needsRestart = List.copyOf(needsRestart);
    }

    public static DataSourceChanges between(Map<String, DataSourceSpec> running, Map<String, DataSourceSpec> file) {
        List<DataSourceSpec> added = new ArrayList<>();
        List<ReplicaChange> replicas = new ArrayList<>();
        List<WeightChange> weights = new ArrayList<>();
        List<String> restart = new ArrayList<>();
        for (DataSourceSpec each : file.values()) {
            DataSourceSpec before = running.get(each.name());
            if (before == null) {
                added.add(each);
            } else {
                settings(before, each, restart);
                replicas(before, each, replicas, weights);
            }
        }
        for (String each : running.keySet()) {
            if (!file.containsKey(each)) {
                restart.add("datasources." + each + ": removed" + RESTART + " (until then it keeps running)");
            }
        }
        return new DataSourceChanges(added, replicas, weights, restart);
    }

    private static void settings(DataSourceSpec before, DataSourceSpec after, List<String> restart) {
        String prefix = "datasources." + before.name() + ".";
        changed(restart, prefix + "primary", before.primary(), after.primary());
        changed(restart, prefix + "user", before.user(), after.user());
        changed(restart, prefix + "password", before.password(), after.password());
        changed(restart, prefix + "tls", before.tls(), after.tls());
        changed(restart, prefix + "pool", before.pool(), after.pool());
        changed(restart, prefix + "read/write settings", before.readWrite(), after.readWrite());
    }

    private static void replicas(DataSourceSpec before, DataSourceSpec after, List<ReplicaChange> replicas,
                                 List<WeightChange> weights) {
        Map<Endpoint, Integer> old = weightsOf(before);
        Map<Endpoint, Integer> now = weightsOf(after);
        now.forEach((address, weight) -> {
            Integer was = old.get(address);
            if (was == null) {
                replicas.add(new ReplicaChange(before.name(), new ReplicaSpec(address, weight), true));
            } else if (was.intValue() != weight) {
                weights.add(new WeightChange(before.name(), address, was, weight));
            }
        });
        old.forEach((address, weight) -> {
            if (!now.containsKey(address)) {
                replicas.add(new ReplicaChange(before.name(), new ReplicaSpec(address, weight), false));
            }
        });
    }

    /** Values are compared, never printed: a password must not reach a log or an HTTP answer. */
    private static void changed(List<String> restart, String setting, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            restart.add(setting + ": changed" + RESTART);
        }
    }

    private static Map<Endpoint, Integer> weightsOf(DataSourceSpec source) {
        Map<Endpoint, Integer> result = new LinkedHashMap<>();
        source.replicas().forEach(each -> result.putIfAbsent(each.address(), each.weight()));
        return result;
    }

    public boolean isLive() {
        return !added.isEmpty() || !replicas.isEmpty() || !weights.isEmpty();
    }

    /**
     * The data sources as they run once the live part is applied: {@code running} with the replicas' changes, then
     * the added ones. Settings left for a restart keep their running values, so the next reload names them again.
     */
    public Map<String, DataSourceSpec> appliedTo(Map<String, DataSourceSpec> running) {
        Map<String, DataSourceSpec> result = new LinkedHashMap<>(running);
        for (ReplicaChange each : replicas) {
            List<ReplicaSpec> next = new ArrayList<>(result.get(each.dataSource()).replicas());
            next.removeIf(replica -> replica.address().equals(each.replica().address()));
            if (each.added()) {
                next.add(each.replica());
            }
            result.put(each.dataSource(), withReplicas(result.get(each.dataSource()), next));
        }
        for (WeightChange each : weights) {
            List<ReplicaSpec> next = new ArrayList<>();
            for (ReplicaSpec replica : result.get(each.dataSource()).replicas()) {
                next.add(replica.address().equals(each.replica()) ? new ReplicaSpec(replica.address(), each.to())
                        : replica);
            }
            result.put(each.dataSource(), withReplicas(result.get(each.dataSource()), next));
        }
        added.forEach(each -> result.put(each.name(), each));
        return result;
    }

    private static DataSourceSpec withReplicas(DataSourceSpec source, List<ReplicaSpec> replicas) {
        return new DataSourceSpec(source.name(), source.primary(), List.copyOf(replicas), source.user(),
                source.password(), source.tls(), source.pool(), source.readWrite());
    }
}
