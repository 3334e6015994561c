package io.shardline.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataSourceChangesTest {
    private static final DataSourceSpec MAIN = source("main", "127.0.0.1:3316", "secret",
            new ReplicaSpec(Endpoint.parse("127.0.0.1:3317"), 1), new ReplicaSpec(Endpoint.parse("127.0.0.1:3318"), 2));

    private static DataSourceSpec source(String name, String primary, String password, ReplicaSpec... replicas) {
        return new DataSourceSpec(name, Endpoint.parse(primary), List.of(replicas), "shardline", password, false,
                PoolSettings.DEFAULTS, ReadWriteSettings.DEFAULTS);
    }

    private static Map<String, DataSourceSpec> of(DataSourceSpec... sources) {
        Map<String, DataSourceSpec> result = new LinkedHashMap<>();
        for (DataSourceSpec each : sources) {
            result.put(each.name(), each);
        }
        return result;
    }

    @Test
    void theSameSourcesChangeNothing() {
        DataSourceChanges changes = DataSourceChanges.between(of(MAIN), of(MAIN));

        assertThat(changes.isLive()).isFalse();
        assertThat(changes.needsRestart()).isEmpty();
    }

    @Test
    void anAddedSourceStartsLiveAndIsRunningAfterwards() {
        DataSourceSpec shard = source("ds_1", "127.0.0.1:3320", "secret");
        DataSourceChanges changes = DataSourceChanges.between(of(MAIN), of(MAIN, shard));

        assertThat(changes.added()).containsExactly(shard);
        assertThat(changes.needsRestart()).isEmpty();
        assertThat(changes.appliedTo(of(MAIN)).keySet()).containsExactly("main", "ds_1");
    }

    @Test
    void replicasAddedRemovedAndWeightedChangeLive() {
        ReplicaSpec added = new ReplicaSpec(Endpoint.parse("127.0.0.1:3319"), 1);
        DataSourceSpec edited = source("main", "127.0.0.1:3316", "secret",
                new ReplicaSpec(Endpoint.parse("127.0.0.1:3317"), 0), added);
        DataSourceChanges changes = DataSourceChanges.between(of(MAIN), of(edited));

        assertThat(changes.weights()).containsExactly(
                new DataSourceChanges.WeightChange("main", Endpoint.parse("127.0.0.1:3317"), 1, 0));
        assertThat(changes.weights().get(0)).hasToString("datasources.main: replica 127.0.0.1:3317 weight 1 -> 0");
        assertThat(changes.replicas()).containsExactly(new DataSourceChanges.ReplicaChange("main", added, true),
                new DataSourceChanges.ReplicaChange("main", MAIN.replicas().get(1), false));
        assertThat(changes.replicas().get(1)).asString().startsWith("datasources.main: replica 127.0.0.1:3318 removed");
        assertThat(changes.needsRestart()).isEmpty();
        assertThat(changes.appliedTo(of(MAIN)).get("main")).isEqualTo(edited);
    }

    @Test
    void otherSettingsAndRemovedSourcesAreNamedForARestartWithoutTheirValues() {
        DataSourceSpec moved = source("main", "127.0.0.1:4316", "new-password",
                new ReplicaSpec(Endpoint.parse("127.0.0.1:3317"), 1), new ReplicaSpec(Endpoint.parse("127.0.0.1:3318"), 2));
        DataSourceChanges changes = DataSourceChanges.between(of(MAIN, source("ds_1", "127.0.0.1:3320", "")),
                of(moved));

        assertThat(changes.isLive()).isFalse();
        assertThat(changes.needsRestart()).containsExactly(
                "datasources.main.primary: changed; restart the proxy to apply it",
                "datasources.main.password: changed; restart the proxy to apply it",
                "datasources.ds_1: removed; restart the proxy to apply it (until then it keeps running)");
        assertThat(String.join("\n", changes.needsRestart())).doesNotContain("new-password", "4316");
    }

    @Test
    void poolAndReadWriteSettingsNeedARestart() {
        DataSourceSpec tuned = new DataSourceSpec("main", MAIN.primary(), MAIN.replicas(), "other", MAIN.password(),
                true, new PoolSettings(5, 0, PoolSettings.DEFAULTS.idleTimeout(), PoolSettings.DEFAULTS.maxLifetime(),
                PoolSettings.DEFAULTS.connectTimeout(), PoolSettings.DEFAULTS.validateAfterIdle()),
                new ReadWriteSettings(ReadWriteSettings.DEFAULTS.loadBalance(), ReadWriteSettings.DEFAULTS.maxReplicaLag(),
                        ReadWriteSettings.DEFAULTS.consistency(), ReadWriteSettings.DEFAULTS.writeWindow(),
                        ReadWriteSettings.DEFAULTS.fallback(), !ReadWriteSettings.DEFAULTS.followReadOnly()));

        assertThat(DataSourceChanges.between(of(MAIN), of(tuned)).needsRestart()).containsExactly(
                "datasources.main.user: changed; restart the proxy to apply it",
                "datasources.main.tls: changed; restart the proxy to apply it",
                "datasources.main.pool: changed; restart the proxy to apply it",
                "datasources.main.read/write settings: changed; restart the proxy to apply it");
    }
}
