package io.shardline.proxy.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.shardline.router.classify.StatementKind;
import io.shardline.router.plan.ShardPlanner;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The statement timer's labels (kind, outcome, route), the errors counter, and the router's meters. */
class StatementMetricsTest {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @Test
    void timersAreLabelledByKindOutcomeAndRoute() {
        StatementMetrics metrics = new StatementMetrics(registry);

        metrics.finished(StatementKind.SELECT, Route.REPLICA, 2_000_000, 0);
        metrics.finished(StatementKind.SELECT, Route.REPLICA, 3_000_000, 0);
        metrics.finished(StatementKind.SELECT, Route.CACHE, 100_000, 0);
        metrics.finished(StatementKind.INSERT, Route.SHARDS_N, 20_000_000, 1062);

        String text = registry.scrape();
        assertThat(text)
                .contains("shardline_statements_seconds_count{kind=\"select\",outcome=\"ok\",route=\"replica\"} 2")
                .contains("shardline_statements_seconds_count{kind=\"select\",outcome=\"ok\",route=\"cache\"} 1")
                .contains("shardline_statements_seconds_count{kind=\"insert\",outcome=\"error\",route=\"shards_n\"} 1")
                .contains("shardline_statements_seconds_bucket{kind=\"select\",outcome=\"ok\",route=\"cache\","
                        + "le=\"0.001\"} 1")
                .contains("shardline_statements_errors_total{code=\"1062\"} 1.0");
        assertThat(registry.getMeters()).as("one timer per label set, and the errors counter").hasSize(4);
    }

    @Test
    void routeLabelsAreTheDocumentedSet() {
        assertThat(java.util.Arrays.stream(Route.values()).map(Route::label))
                .containsExactly("primary", "replica", "shards_1", "shards_n", "broadcast", "local", "cache");
    }

    @Test
    void planCacheAndRulesVersion() {
        ShardPlanner planner = new ShardPlanner(100);
        AtomicLong version = new AtomicLong(1);
        RouterMetrics.register(registry, () -> planner, version::get);

        version.set(7);

        String text = registry.scrape();
        assertThat(text).contains("shardline_plan_cache_requests_total{result=\"hit\"} 0.0")
                .contains("shardline_plan_cache_requests_total{result=\"miss\"} 0.0")
                .contains("shardline_plan_cache_entries 0.0")
                .contains("shardline_rules_version 7.0");
    }
}
