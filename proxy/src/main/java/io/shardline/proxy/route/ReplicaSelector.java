package io.shardline.proxy.route;

import io.shardline.proxy.backend.BackendPools;
import io.shardline.proxy.config.ReadWriteSettings.LoadBalance;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Picks the replica for a read, confined to one event loop (no locks). Weighted round-robin is the smooth variant
 * (as nginx does it): every pick adds each candidate's weight to its running score, takes the highest and lowers
 * it by the total, which spreads picks evenly instead of in bursts. Least-connections takes the replica with the
 * fewest connections lent out across all event loops, relative to its weight; ties (an idle proxy) go round in
 * turn rather than always to the first replica.
 */
public final class ReplicaSelector {
    private final LoadBalance policy;
    /**
     * Running scores of the smooth round-robin, one cell per replica: no boxing on the query path. Keyed by the
     * replica's pools, which live as long as the replica: a weight an operator changes makes a new
     * {@link ReplicaBackend}, and keying by it would leave the old one's cell behind. A replica a reload removes
     * leaves its cell (one long per event loop) until a restart: not worth a clean-up on the query path.
     */
    private final Map<BackendPools, long[]> scores = new IdentityHashMap<>();
    private int turn;

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
            long[] score = scores.computeIfAbsent(each.pools(), key -> new long[1]);
            score[0] += each.weight();
            total += each.weight();
            if (score[0] > bestScore) {
                best = each;
                bestScore = score[0];
            }
        }
        if (best != null) {
            scores.get(best.pools())[0] -= total;
        }
        return best;
    }

    private ReplicaBackend leastConnections(List<ReplicaBackend> candidates, Set<String> excluded) {
        ReplicaBackend best = null;
        double bestLoad = Double.MAX_VALUE;
        int size = candidates.size();
        int start = size == 0 ? 0 : Math.floorMod(turn++, size);
        for (int i = 0; i < size; i++) {
            ReplicaBackend each = candidates.get((start + i) % size);
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
