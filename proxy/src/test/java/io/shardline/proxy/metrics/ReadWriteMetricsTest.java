package io.shardline.proxy.metrics;

import static io.shardline.proxy.route.RouteFixtures.health;
import static io.shardline.proxy.route.RouteFixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.shardline.proxy.backend.BackendPools;
import io.shardline.proxy.config.ReadWriteSettings;
import io.shardline.proxy.health.ServerHealth;
import io.shardline.proxy.health.Status;
import io.shardline.proxy.route.DataSourceBackends;
import io.shardline.proxy.route.ReplicaBackend;
import io.shardline.proxy.route.RouteFixtures;
import io.shardline.router.route.ReadWriteDecision;
import io.shardline.router.route.Target;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The names and labels docs/read-write-splitting.md lists, as Prometheus scrapes them. */
class ReadWriteMetricsTest {
    private final RouteFixtures fixtures = new RouteFixtures();
    private final BackendPools primary = fixtures.pools("main/primary@p:1");
    private final ReplicaBackend replica = fixtures.replica("main/replica1@r:1", 1);
    private final DataSourceBackends source = new DataSourceBackends("main", primary, List.of(replica),
            ReadWriteSettings.DEFAULTS);
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ReadWriteMetrics metrics = new ReadWriteMetrics(registry, source);

    @AfterEach
    void close() {
        fixtures.close();
    }

    @Test
    void countsDecisionsStatementsRetriesAndRedirects() {
        metrics.decided(ReadWriteDecision.replica("read"));
        metrics.decided(ReadWriteDecision.replica("read"));
        metrics.decided(ReadWriteDecision.primary("insert"));
        metrics.decided(new ReadWriteDecision(Target.PRIMARY, "hint", true));
        metrics.ranOn(replica.pools().server(), true);
        metrics.ranOn(primary.server(), false);
        metrics.ranOn(primary.server(), false);
        metrics.retried(replica.pools().server());
        metrics.redirected(ReadWriteMetrics.NOT_CAUGHT_UP);

        String text = registry.scrape();
        assertThat(text)
                .contains("shardline_read_write_decisions_total{datasource=\"main\",reason=\"read\",target=\"replica\"} 2.0")
                .contains("shardline_read_write_decisions_total{datasource=\"main\",reason=\"insert\",target=\"primary\"} 1.0")
                .contains("shardline_read_write_decisions_total{datasource=\"main\",reason=\"hint\",target=\"primary\"} 1.0")
                .contains("shardline_backend_statements_total{datasource=\"main\",role=\"primary\",server=\"main/primary@p:1\"} 2.0")
                .contains("shardline_backend_statements_total{datasource=\"main\",role=\"replica\",server=\"main/replica1@r:1\"} 1.0")
                .contains("shardline_replica_read_retries_total{datasource=\"main\",server=\"main/replica1@r:1\"} 1.0")
                .contains("shardline_replica_reads_on_primary_total{cause=\"not_caught_up\",datasource=\"main\"} 1.0");
    }

    @Test
    void healthGaugesFollowTheLatestSnapshot() {
        assertThat(registry.scrape())
                .as("before the first check nothing is up and the lag is unknown")
                .contains("shardline_backend_up{datasource=\"main\",role=\"primary\",server=\"main/primary@p:1\"} 0.0")
                .contains("shardline_replica_lag_seconds{datasource=\"main\",server=\"main/replica1@r:1\"} NaN");

        source.health(snapshot(health("main/primary@p:1", Status.UP, false),
                new ServerHealth("main/replica1@r:1", Status.UP, true, 3L, true, null, null, Instant.EPOCH)));
        assertThat(registry.scrape())
                .contains("shardline_backend_up{datasource=\"main\",role=\"primary\",server=\"main/primary@p:1\"} 1.0")
                .contains("shardline_backend_up{datasource=\"main\",role=\"replica\",server=\"main/replica1@r:1\"} 1.0")
                .contains("shardline_replica_lag_seconds{datasource=\"main\",server=\"main/replica1@r:1\"} 3.0");

        source.health(snapshot(health("main/primary@p:1", Status.UP, false),
                health("main/replica1@r:1", Status.LAGGING, true)));
        assertThat(registry.scrape())
                .contains("shardline_backend_up{datasource=\"main\",role=\"replica\",server=\"main/replica1@r:1\"} 0.0");
    }

    @Test
    void adminStateAndWeightGaugesFollowTheOperatorsChanges() {
        assertThat(registry.scrape())
                .contains("shardline_backend_online{datasource=\"main\",role=\"primary\",server=\"main/primary@p:1\"} 1.0")
                .contains("shardline_backend_online{datasource=\"main\",role=\"replica\",server=\"main/replica1@r:1\"} 1.0")
                .contains("shardline_replica_weight{datasource=\"main\",server=\"main/replica1@r:1\"} 1.0");

        source.offline("main/replica1@r:1", true);
        source.weight("main/replica1@r:1", 250);
        assertThat(registry.scrape())
                .contains("shardline_backend_online{datasource=\"main\",role=\"replica\",server=\"main/replica1@r:1\"} 0.0")
                .contains("shardline_replica_weight{datasource=\"main\",server=\"main/replica1@r:1\"} 250.0");
    }

    @Test
    void aReplicaAddedOrRemovedByAReloadGetsOrLosesItsSeries() {
        ReplicaBackend added = fixtures.replica("main/replica2@r:2", 3);
        source.addReplica(added);
        metrics.replicaAdded(added);
        metrics.ranOn(replica.pools().server(), true);
        assertThat(registry.scrape())
                .contains("shardline_replica_weight{datasource=\"main\",server=\"main/replica2@r:2\"} 3.0")
                .contains("shardline_backend_pool_connections{datasource=\"main\",server=\"main/replica2@r:2\"");

        source.removeReplica("main/replica1@r:1");
        metrics.replicaRemoved("main/replica1@r:1");
        assertThat(registry.scrape()).doesNotContain("main/replica1@r:1")
                .contains("server=\"main/primary@p:1\"", "server=\"main/replica2@r:2\"");
    }
}
