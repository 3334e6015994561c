package io.shardline.proxy.route;

import io.shardline.proxy.config.ReadWriteSettings.LoadBalance;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Picks the replica for a read, confined to one event loop (no locks). Weighted round-robin is the smooth variant
 * (as nginx does it): every pick adds each candidate's weight to its running score, takes the highest and lowers
 * it by the total, which spreads picks evenly instead of in bursts. Least-connections takes the replica with the
 * fewest connections lent out across all event loops, relative to its weight.
 */
public final class ReplicaSelector {
    private final LoadBalance policy;
    private final Map<String, Long> scores = new HashMap<>();

    public ReplicaSelector(LoadBalance policy) {
        this.policy = policy;
    }

    /** Returns null when every candidate is excluded. */
    public ReplicaBackend choose(List<ReplicaBackend> candidates, Set<String> excluded) {
        return policy == LoadBalance.LEAST_CONNECTIONS ? leastConnections(candidates, excluded)
                : weightedRoundRobin(candidates, excluded);
    }

    private ReplicaBackend weightedRoundRobin(List<ReplicaBackend> candidates, Set<String> excluded) {
        ReplicaBackend best = null;
        long bestScore = Long.MIN_VALUE;
        long total = 0;
        for (ReplicaBackend each : candidates) {
            if (excluded.contains(each.name())) {
                continue;
            }
            long score = scores.getOrDefault(each.name(), 0L) + each.weight();
            scores.put(each.name(), score);
            total += each.weight();
            if (score > bestScore) {
                best = each;
                bestScore = score;
            }
        }
        if (best != null) {
            scores.put(best.name(), bestScore - total);
        }
        return best;
    }

    private static ReplicaBackend leastConnections(List<ReplicaBackend> candidates, Set<String> excluded) {
        ReplicaBackend best = null;
        double bestLoad = Double.MAX_VALUE;
        for (ReplicaBackend each : candidates) {
            if (excluded.contains(each.name())) {
                continue;
            }
            double load = (each.pools().borrowed() + 1.0) / each.weight();
            if (load < bestLoad) {
                best = each;
                bestLoad = load;
            }
        }
        return best;
    }
}
