package io.shardline.proxy.route;

import static io.shardline.proxy.route.RouteFixtures.health;
import static io.shardline.proxy.route.RouteFixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.shardline.proxy.backend.BackendPools;
import io.shardline.proxy.config.ReadWriteSettings;
import io.shardline.proxy.health.Status;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DataSourceBackendsTest {
    private final RouteFixtures fixtures = new RouteFixtures();
    private final BackendPools primary = fixtures.pools("p");
    private final ReplicaBackend r1 = fixtures.replica("r1", 1);
    private final ReplicaBackend r2 = fixtures.replica("r2", 1);
    private final ReplicaBackend standby = fixtures.replica("standby", 0);

    @AfterEach
    void close() {
        fixtures.close();
    }

    private DataSourceBackends source(boolean followReadOnly) {
        ReadWriteSettings defaults = ReadWriteSettings.DEFAULTS;
        return new DataSourceBackends("main", primary, List.of(r1, r2, standby), new ReadWriteSettings(
                defaults.loadBalance(), defaults.maxReplicaLag(), defaults.consistency(), defaults.writeWindow(),
                defaults.fallback(), followReadOnly));
    }

    @Test
    void beforeAnyCheckWritesGoToThePrimaryAndNoReplicaReads() {
        DataSourceBackends source = source(false);

        assertThat(source.writer()).isSameAs(primary);
        assertThat(source.writerProblem()).isNull();
        assertThat(source.readable()).isEmpty();
    }

    @Test
    void onlyUpReplicasWithAWeightServeReads() {
        DataSourceBackends source = source(false);
        source.health(snapshot(health("p", Status.UP, false), health("r1", Status.UP, true),
                health("r2", Status.LAGGING, true), health("standby", Status.UP, true)));

        assertThat(source.readable()).containsExactly(r1);

        source.health(snapshot(health("p", Status.UP, false), health("r1", Status.DOWN, true),
                health("r2", Status.UP, true), health("standby", Status.UP, true)));
        assertThat(source.readable()).as("a new snapshot changes the view").containsExactly(r2);
    }

    @Test
    void aDownPrimaryIsReportedWithTheMonitorsReason() {
        DataSourceBackends source = source(false);
        source.health(snapshot(health("p", Status.DOWN, false), health("r1", Status.UP, true),
                health("r2", Status.UP, true), health("standby", Status.UP, true)));

        assertThat(source.writerProblem()).isEqualTo("test says DOWN");
        assertThat(source.readable()).containsExactly(r1, r2);
    }

    @Test
    void followReadOnlyMovesWritesToTheOneWritableReplica() {
        DataSourceBackends following = source(true);
        DataSourceBackends fixed = source(false);
        var failedOver = snapshot(health("p", Status.UP, true), health("r1", Status.UP, false),
                health("r2", Status.UP, true), health("standby", Status.UP, true));
        following.health(failedOver);
        fixed.health(failedOver);

        assertThat(following.writer()).isSameAs(r1.pools());
        assertThat(following.readable()).as("the new primary serves no reads").containsExactly(r2);
        assertThat(fixed.writer()).isSameAs(primary);
    }

    @Test
    void followReadOnlyStaysWhenTheSignalIsNotClear() {
        DataSourceBackends source = source(true);

        source.health(snapshot(health("p", Status.UP, true), health("r1", Status.UP, false),
                health("r2", Status.UP, false), health("standby", Status.UP, true)));
        assertThat(source.writer()).as("two writable replicas").isSameAs(primary);

        source.health(snapshot(health("p", Status.UP, true), health("r1", Status.UP, true),
                health("r2", Status.UP, true), health("standby", Status.UP, true)));
        assertThat(source.writer()).as("no writable replica").isSameAs(primary);

        source.health(snapshot(health("p", Status.UP, false), health("r1", Status.UP, false),
                health("r2", Status.UP, true), health("standby", Status.UP, true)));
        assertThat(source.writer()).as("the primary is still writable").isSameAs(primary);

        source.health(snapshot(health("p", Status.UP, true), health("r1", Status.DOWN, false),
                health("r2", Status.UP, true), health("standby", Status.UP, true)));
        assertThat(source.writer()).as("the writable replica is down").isSameAs(primary);
    }

    private static io.shardline.proxy.health.HealthSnapshot allUp() {
        return snapshot(health("p", Status.UP, false), health("r1", Status.UP, true), health("r2", Status.UP, true),
                health("standby", Status.UP, true));
    }

    @Test
    void anOfflineReplicaServesNoReadsWhateverItsHealthUntilItIsOnlineAgain() {
        DataSourceBackends source = source(false);
        source.health(allUp());

        source.offline("r1", true);
        assertThat(source.readable()).containsExactly(r2);
        assertThat(source.overrides().isOffline("r1")).isTrue();

        source.health(allUp());
        assertThat(source.readable()).as("a health round keeps the operator's choice").containsExactly(r2);

        source.offline("r1", false);
        assertThat(source.readable()).containsExactly(r1, r2);
    }

    @Test
    void offlineBeforeTheFirstCheckHoldsOnceChecksArrive() {
        DataSourceBackends source = source(false);
        source.offline("r2", true);
        assertThat(source.readable()).isEmpty();

        source.health(allUp());
        assertThat(source.readable()).containsExactly(r1);
    }

    @Test
    void anOperatorsWeightReplacesTheConfiguredOneAndZeroMeansNoReads() {
        DataSourceBackends source = source(false);
        source.health(allUp());

        source.weight("standby", 5);
        source.weight("r1", 0);
        assertThat(source.readable()).extracting(ReplicaBackend::name, ReplicaBackend::weight)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("r2", 1),
                        org.assertj.core.groups.Tuple.tuple("standby", 5));
        assertThat(source.overrides().weightOf(r1)).isZero();
        assertThat(source.overrides().weightOf(r2)).as("not overridden: the configured weight").isEqualTo(1);
    }

    @Test
    void aReloadedWeightChangesTheConfiguredOneAndAnOperatorsStillWins() {
        DataSourceBackends source = source(false);
        source.health(allUp());
        source.weight("r2", 7);

        source.configuredWeight("r1", 0);
        source.configuredWeight("r2", 3);
        source.configuredWeight("standby", 2);
        assertThat(source.readable()).extracting(ReplicaBackend::name, ReplicaBackend::weight)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("r2", 7),
                        org.assertj.core.groups.Tuple.tuple("standby", 2));
        assertThat(source.replicas()).extracting(ReplicaBackend::weight).containsExactly(0, 3, 2);
        assertThat(source.weightOf("r1")).isZero();
        assertThat(source.weightOf("r2")).as("the operator's").isEqualTo(7);
        assertThat(source.weightOf("p")).as("not a replica").isEqualTo(-1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> source.configuredWeight("p", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a replica");
    }

    @Test
    void aRemovedReplicaTakesNoMoreReadsAndItsMarksGoWithIt() {
        DataSourceBackends source = source(false);
        source.health(allUp());
        source.weight("r1", 9);

        assertThat(source.removeReplica("r1")).isSameAs(r1.pools());
        assertThat(source.readable()).containsExactly(r2);
        assertThat(source.removeReplica("r1")).isNull();
        source.addReplica(r1);
        assertThat(source.replicas()).containsExactly(r2, standby, r1);
        assertThat(source.weightOf("r1")).as("the operator's weight went with the removal").isEqualTo(1);
        assertThat(source.readable()).containsExactly(r2, r1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> source.addReplica(r1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already");
    }

    @Test
    void weightsAreForReplicasOfThisSourceWithinZeroToAThousand() {
        DataSourceBackends source = source(false);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> source.weight("p", 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a replica");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> source.weight("r1", 1001))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 to 1000");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> source.offline("elsewhere", true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no server elsewhere");
    }

    @Test
    void anOfflinePrimaryRefusesWritesNamingTheServerAndTheWayBack() {
        DataSourceBackends source = source(false);
        source.health(allUp());
        assertThat(source.writerRefusal()).isNull();

        source.offline("p", true);
        assertThat(source.writerRefusal()).contains("primary of data source 'main' is offline")
                .contains("'shardctl backend online p'").contains("nothing was executed");
        assertThat(source.readable()).as("reads go on").containsExactly(r1, r2);

        source.offline("p", false);
        assertThat(source.writerRefusal()).isNull();
    }

    @Test
    void aDownPrimaryIsRefusedWithTheMonitorsReason() {
        DataSourceBackends source = source(false);
        source.health(snapshot(health("p", Status.DOWN, false)));

        assertThat(source.writerRefusal()).isEqualTo("the primary of data source 'main' is down (test says DOWN);"
                + " nothing was executed; retry once it is back");
    }
}
