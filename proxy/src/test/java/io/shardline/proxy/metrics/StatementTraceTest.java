package io.shardline.proxy.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which layer's word on the route wins, and the row count. */
class StatementTraceTest {
    private final StatementTrace trace = new StatementTrace();

    @Test
    void aStatementIsLocalWithNoRowsUntilALayerSaysOtherwise() {
        trace.route(Route.SHARDS_N);
        trace.rowSent();
        trace.begin();

        assertThat(trace.route()).isEqualTo(Route.LOCAL);
        assertThat(trace.rows()).isZero();
    }

    @Test
    void theServerItRanOnLastCountsARetryOnThePrimary() {
        trace.begin();
        trace.ranOn(true);
        assertThat(trace.route()).isEqualTo(Route.REPLICA);
        trace.ranOn(false);
        assertThat(trace.route()).isEqualTo(Route.PRIMARY);
    }

    @Test
    void theShardingRulesWordWinsOverTheServerItRanOn() {
        trace.begin();
        trace.route(Route.SHARDS_1);
        trace.ranOn(false);

        assertThat(trace.route()).isEqualTo(Route.SHARDS_1);
    }

    @Test
    void anErrorAfterTheResponseBeganIsKeptUntilTheNextStatement() {
        trace.begin();
        trace.rowSent();
        trace.failed(1242);
        assertThat(trace.error()).isEqualTo(1242);

        trace.begin();
        assertThat(trace.error()).isZero();
    }

    @Test
    void rowsSentAndAffectedAddUp() {
        trace.begin();
        trace.rowSent();
        trace.rowSent();
        trace.affected(5);

        assertThat(trace.rows()).isEqualTo(7);
    }
}
