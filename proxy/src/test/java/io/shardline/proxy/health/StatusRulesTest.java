package io.shardline.proxy.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class StatusRulesTest {

    static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
    static final MonitoredServer PRIMARY =
            new MonitoredServer("primary", "127.0.0.1", 3316, "monitor", "secret", Role.PRIMARY, null);
    static final MonitoredServer REPLICA =
            new MonitoredServer("replica1", "127.0.0.1", 3317, "monitor", "secret", Role.REPLICA,
                    Duration.ofSeconds(5));
    static final GtidPosition POSITION = GtidPosition.parse("0-3316-42");

    private final StatusRules rules = new StatusRules(1);

    static ReplicaStatus replica(String io, String sql, Long lag) {
        return new ReplicaStatus(io, sql, lag, "127.0.0.1", 3316, true, "", "");
    }

    static CheckResult replicaResult(ReplicaStatus status) {
        return CheckResult.answered(true, POSITION, status);
    }

    static ServerHealth up(MonitoredServer server, Long lag) {
        return new ServerHealth(server.name(), Status.UP, server.role() == Role.REPLICA, lag,
                server.role() == Role.REPLICA, POSITION, null, NOW.minusSeconds(1));
    }

    static Observation observe(MonitoredServer server, CheckResult result, ServerHealth previous) {
        return new Observation(server, result, result.ok() ? 0 : 1, previous, null, NOW);
    }

    @Nested
    class Primary {

        @Test
        void answeringIsUp() {
            ServerHealth health = rules.evaluate(observe(PRIMARY, CheckResult.answered(false, POSITION, null),
                    ServerHealth.unknown("primary")));
            assertThat(health).isEqualTo(
                    new ServerHealth("primary", Status.UP, false, null, false, POSITION, null, NOW));
        }

        @Test
        void aFailedCheckIsDownWithTheReasonAndTheLastKnownValues() {
            ServerHealth health = rules.evaluate(observe(PRIMARY,
                    CheckResult.failed("cannot connect: Connection refused"), up(PRIMARY, null)));
            assertThat(health.status()).isEqualTo(Status.DOWN);
            assertThat(health.problem()).isEqualTo("cannot connect: Connection refused");
            assertThat(health.position()).isEqualTo(POSITION);
            assertThat(health.lagSeconds()).isNull();
            assertThat(health.checkedAt()).isEqualTo(NOW);
        }

        @Test
        void comesBackUpAsSoonAsACheckPasses() {
            ServerHealth down = rules.evaluate(observe(PRIMARY, CheckResult.failed("x"), up(PRIMARY, null)));
            ServerHealth again = rules.evaluate(observe(PRIMARY, CheckResult.answered(false, POSITION, null), down));
            assertThat(again.status()).isEqualTo(Status.UP);
            assertThat(again.problem()).isNull();
        }
    }

    @Nested
    class FailuresBeforeDown {

        private final StatusRules patient = new StatusRules(3);

        private ServerHealth afterFailures(int failures, ServerHealth previous) {
            return patient.evaluate(new Observation(PRIMARY, CheckResult.failed("no answer within 1000 ms"),
                    failures, previous, null, NOW));
        }

        @Test
        void fewerFailuresKeepThePreviousStatusAndSayWhatHappened() {
            ServerHealth health = afterFailures(2, up(PRIMARY, null));
            assertThat(health.status()).isEqualTo(Status.UP);
            assertThat(health.problem()).isEqualTo("check failed (2 of 3 before down): no answer within 1000 ms");
        }

        @Test
        void theLastAllowedFailureMakesItDown() {
            ServerHealth health = afterFailures(3, up(PRIMARY, null));
            assertThat(health.status()).isEqualTo(Status.DOWN);
            assertThat(health.problem()).isEqualTo("no answer within 1000 ms (3 failed checks in a row)");
        }

        @Test
        void aServerNeverCheckedStaysUnknownUntilDown() {
            assertThat(afterFailures(1, ServerHealth.unknown("primary")).status()).isEqualTo(Status.UNKNOWN);
        }
    }

    @Nested
    class Replica {

        private ServerHealth evaluate(ReplicaStatus status, ServerHealth previous) {
            return rules.evaluate(observe(REPLICA, replicaResult(status), previous));
        }

        @Test
        void withinItsLagIsUp() {
            ServerHealth health = evaluate(replica("Yes", "Yes", 5L), ServerHealth.unknown("replica1"));
            assertThat(health).isEqualTo(
                    new ServerHealth("replica1", Status.UP, true, 5L, true, POSITION, null, NOW));
        }

        @Test
        void beyondItsLagIsLagging() {
            ServerHealth health = evaluate(replica("Yes", "Yes", 6L), up(REPLICA, 0L));
            assertThat(health.status()).isEqualTo(Status.LAGGING);
            assertThat(health.lagSeconds()).isEqualTo(6L);
            assertThat(health.replicating()).isTrue();
            assertThat(health.problem()).isEqualTo("lag 6 s exceeds the allowed 5 s");
        }

        @Test
        void aSubSecondMaximumTreatsAnyWholeSecondAsTooMuch() {
            MonitoredServer strict = new MonitoredServer("replica1", "127.0.0.1", 3317, "m", "", Role.REPLICA,
                    Duration.ofMillis(500));
            ServerHealth health = rules.evaluate(observe(strict, replicaResult(replica("Yes", "Yes", 1L)),
                    up(strict, 0L)));
            assertThat(health.status()).isEqualTo(Status.LAGGING);
            assertThat(health.problem()).isEqualTo("lag 1 s exceeds the allowed 500 ms");
        }

        @Test
        void aStoppedSqlThreadIsLaggingWithLagUnknownHoweverRecentItsLastLag() {
            ReplicaStatus stopped = new ReplicaStatus("Yes", "No", null, "127.0.0.1", 3316, false, "",
                    "Error 'Duplicate entry' on query.\nDefault database: 'x'");
            ServerHealth health = evaluate(stopped, up(REPLICA, 0L));
            assertThat(health.status()).isEqualTo(Status.LAGGING);
            assertThat(health.lagSeconds()).isNull();
            assertThat(health.replicating()).isFalse();
            assertThat(health.problem()).isEqualTo(
                    "SQL thread stopped: Error 'Duplicate entry' on query. Default database: 'x'; lag unknown");
        }

        @Test
        void aStoppedSqlThreadIsLaggingEvenWhenTheSourceIsDown() {
            ReplicaStatus stopped = new ReplicaStatus("Connecting", "No", null, "127.0.0.1", 3316, true, "", "");
            ServerHealth health = rules.evaluate(new Observation(REPLICA, replicaResult(stopped), 0,
                    up(REPLICA, 0L), "primary", NOW));
            assertThat(health.status()).isEqualTo(Status.LAGGING);
        }

        @Test
        void anIoThreadThatCannotReachARunningSourceIsLagging() {
            ReplicaStatus cut = new ReplicaStatus("Connecting", "Yes", null, "127.0.0.1", 3316, true,
                    "error connecting to master 'repl@127.0.0.1:3316' - retry-time: 60", "");
            ServerHealth health = evaluate(cut, up(REPLICA, 0L));
            assertThat(health.status()).isEqualTo(Status.LAGGING);
            assertThat(health.lagSeconds()).isNull();
            assertThat(health.problem()).isEqualTo("IO thread Connecting: error connecting to master"
                    + " 'repl@127.0.0.1:3316' - retry-time: 60; lag unknown");
        }

        @Test
        void noReplicationConfiguredIsLagging() {
            ServerHealth health = evaluate(null, ServerHealth.unknown("replica1"));
            assertThat(health.status()).isEqualTo(Status.LAGGING);
            assertThat(health.problem()).isEqualTo("replication is not configured");
        }

        @Test
        void aFailedCheckIsDownLikeAnyServer() {
            ServerHealth health = rules.evaluate(observe(REPLICA, CheckResult.failed("cannot connect: refused"),
                    up(REPLICA, 0L)));
            assertThat(health.status()).isEqualTo(Status.DOWN);
            assertThat(health.lagSeconds()).isNull();
            assertThat(health.replicating()).isFalse();
        }
    }

    @Nested
    class SourceDown {

        /** What MariaDB 10.11 reports on a replica whose primary was stopped: IO Connecting, lag NULL. */
        private final ReplicaStatus orphaned = new ReplicaStatus("Connecting", "Yes", null, "127.0.0.1", 3316,
                true, "error reconnecting to master 'repl@127.0.0.1:3316' - retry-time: 1 maximum-retries: 100000"
                + " message: Can't connect to server on '127.0.0.1' (111 \"Connection refused\")", "");

        private ServerHealth evaluate(ReplicaStatus status, ServerHealth previous) {
            return rules.evaluate(new Observation(REPLICA, replicaResult(status), 0, previous, "primary", NOW));
        }

        @Test
        void aReplicaThatAppliedEverythingKeepsItsLastKnownLagAndStaysUp() {
            ServerHealth health = evaluate(orphaned, up(REPLICA, 2L));
            assertThat(health.status()).isEqualTo(Status.UP);
            assertThat(health.lagSeconds()).isEqualTo(2L);
            assertThat(health.replicating()).isFalse();
            assertThat(health.problem()).isEqualTo("source primary is down (IO thread Connecting);"
                    + " all received transactions are applied; last known lag 2 s");
        }

        @Test
        void theKeptLagStillCountsAgainstTheMaximum() {
            ServerHealth lagging = new ServerHealth("replica1", Status.LAGGING, true, 9L, true, POSITION,
                    "lag 9 s exceeds the allowed 5 s", NOW.minusSeconds(1));
            ServerHealth health = evaluate(orphaned, lagging);
            assertThat(health.status()).isEqualTo(Status.LAGGING);
            assertThat(health.lagSeconds()).isEqualTo(9L);
            assertThat(health.problem()).endsWith("last known lag 9 s; lag 9 s exceeds the allowed 5 s");
        }

        @Test
        void theLastKnownLagSurvivesManyRounds() {
            ServerHealth first = evaluate(orphaned, up(REPLICA, 1L));
            ServerHealth second = evaluate(orphaned, first);
            assertThat(second.lagSeconds()).isEqualTo(1L);
            assertThat(second.status()).isEqualTo(Status.UP);
        }

        @Test
        void withoutALastKnownLagTheReplicaIsUpWithLagUnknown() {
            ServerHealth health = evaluate(orphaned, ServerHealth.unknown("replica1"));
            assertThat(health.status()).isEqualTo(Status.UP);
            assertThat(health.lagSeconds()).isNull();
            assertThat(health.problem()).endsWith("lag unknown");
        }

        @Test
        void aReplicaStillApplyingWhatItReceivedIsLagging() {
            ReplicaStatus applying = new ReplicaStatus("Connecting", "Yes", null, "127.0.0.1", 3316, false, "", "");
            ServerHealth health = evaluate(applying, up(REPLICA, 0L));
            assertThat(health.status()).isEqualTo(Status.LAGGING);
            assertThat(health.lagSeconds()).isNull();
            assertThat(health.problem()).isEqualTo(
                    "source primary is down and received transactions are still being applied; lag unknown");
        }

        @Test
        void aKnownLagIsUsedAsUsualWhenTheIoThreadHasNotNoticedYet() {
            ServerHealth health = evaluate(replica("Yes", "Yes", 0L), up(REPLICA, 3L));
            assertThat(health.status()).isEqualTo(Status.UP);
            assertThat(health.lagSeconds()).isZero();
            assertThat(health.problem()).isNull();
        }
    }
}
