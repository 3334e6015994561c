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
}
