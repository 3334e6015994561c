package io.shardline.proxy.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardline.proxy.config.ReadWriteSettings.LoadBalance;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReplicaSelectorTest {
    private final RouteFixtures fixtures = new RouteFixtures();
    private final ReplicaBackend heavy = fixtures.replica("heavy", 3);
    private final ReplicaBackend light = fixtures.replica("light", 1);

    @AfterEach
    void close() {
        fixtures.close();
    }

    private static List<String> picks(ReplicaSelector selector, List<ReplicaBackend> candidates, Set<String> excluded,
                                      int count) {
        List<String> result = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ReplicaBackend chosen = selector.choose(candidates, excluded);
            result.add(chosen == null ? null : chosen.name());
        }
        return result;
    }

    @Test
    void weightedRoundRobinIsSmoothAndExact() {
        ReplicaSelector selector = new ReplicaSelector(LoadBalance.WEIGHTED_ROUND_ROBIN);

        List<String> picks = picks(selector, List.of(heavy, light), Set.of(), 8);

        assertThat(picks).as("3:1, never three heavies then a light in a burst of the light's share")
                .containsExactly("heavy", "heavy", "light", "heavy", "heavy", "heavy", "light", "heavy");
    }

    @Test
    void weightedRoundRobinKeepsTheRatioOverManyPicks() {
        ReplicaSelector selector = new ReplicaSelector(LoadBalance.WEIGHTED_ROUND_ROBIN);
        Map<String, Integer> counts = new HashMap<>();
        for (String each : picks(selector, List.of(heavy, light), Set.of(), 4000)) {
            counts.merge(each, 1, Integer::sum);
        }
        assertThat(counts).containsEntry("heavy", 3000).containsEntry("light", 1000);
    }

    @Test
    void excludedReplicasAreSkippedAndNoneLeftGivesNull() {
        ReplicaSelector selector = new ReplicaSelector(LoadBalance.WEIGHTED_ROUND_ROBIN);

        assertThat(picks(selector, List.of(heavy, light), Set.of("heavy"), 3)).containsOnly("light");
        assertThat(selector.choose(List.of(heavy, light), Set.of("heavy", "light"))).isNull();
        assertThat(selector.choose(List.of(), Set.of())).isNull();
    }

    @Test
    void leastConnectionsTakesTurnsWhenLoadsTie() {
        ReplicaBackend a = fixtures.replica("a", 1);
        ReplicaBackend b = fixtures.replica("b", 1);
        ReplicaSelector selector = new ReplicaSelector(LoadBalance.LEAST_CONNECTIONS);

        assertThat(picks(selector, List.of(a, b), Set.of(), 4)).containsExactly("a", "b", "a", "b");
        assertThat(picks(selector, List.of(a, b), Set.of("a"), 2)).containsOnly("b");
    }

    @Test
    void leastConnectionsWeighsLoadByWeight() {
        ReplicaSelector selector = new ReplicaSelector(LoadBalance.LEAST_CONNECTIONS);

        // Nothing borrowed: load is 1/weight, so the heavier replica is the lesser-loaded one every time.
        assertThat(picks(selector, List.of(light, heavy), Set.of(), 4)).containsOnly("heavy");
    }
}
