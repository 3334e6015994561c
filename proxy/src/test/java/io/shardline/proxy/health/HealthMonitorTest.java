package io.shardline.proxy.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HealthMonitorTest {

    static final String PASSWORD = "hunter2-secret";
    static final MonitoredServer PRIMARY =
            new MonitoredServer("primary", "localhost", 3316, "monitor", PASSWORD, Role.PRIMARY, null);
    static final MonitoredServer REPLICA = new MonitoredServer("replica1", "127.0.0.1", 3317, "monitor", PASSWORD,
            Role.REPLICA, Duration.ofSeconds(5));
    static final GtidPosition POSITION = GtidPosition.parse("0-3316-7");
    static final Instant START = Instant.parse("2024-05-01T12:00:00Z");

    private final MutableClock clock = new MutableClock(START);
    private final FakeProbes probes = new FakeProbes();
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private HealthMonitor monitor;

    @BeforeEach
    void captureLog() {
        Logger.getLogger(HealthMonitor.class.getName()).addHandler(capture);
    }

    @AfterEach
    void closeMonitor() {
        Logger.getLogger(HealthMonitor.class.getName()).removeHandler(capture);
        if (monitor != null) {
            monitor.close();
        }
    }

    private HealthMonitor monitor(HealthSettings settings, MonitoredServer... servers) {
        monitor = new HealthMonitor(List.of(servers), settings, clock, probes);
        return monitor;
    }

    /** The default interval and timeout, DOWN at the first failure (the cases below count failures themselves). */
    private HealthMonitor monitor(MonitoredServer... servers) {
        HealthSettings defaults = HealthSettings.defaults();
        return monitor(new HealthSettings(defaults.interval(), defaults.timeout(), 1), servers);
    }

    private void answers(String server, ReplicaStatus replica) {
        probes.get(server).next = CheckResult.answered(replica != null, POSITION, replica);
    }

    private static ReplicaStatus replicating(long lag) {
        return new ReplicaStatus("Yes", "Yes", lag, "127.0.0.1", 3316, true, "", "");
    }

    @Test
    void everythingIsUnknownBeforeTheFirstRound() {
        monitor(PRIMARY, REPLICA);
        HealthSnapshot snapshot = monitor.current();
        assertThat(snapshot.version()).isZero();
        assertThat(snapshot.byServer().keySet()).containsExactly("primary", "replica1");
        assertThat(snapshot.of("replica1").status()).isEqualTo(Status.UNKNOWN);
        assertThat(snapshot.of("replica1").checkedAt()).isNull();
    }

    @Test
    void addedServersAreUnknownUntilTheNextRoundChecksThem() {
        monitor(PRIMARY);
        answers("primary", null);
        monitor.checkNow();
        MonitoredServer shard = new MonitoredServer("shard", "127.0.0.1", 3320, "monitor", PASSWORD, Role.PRIMARY,
                null);

        monitor.add(List.of(shard));
        assertThat(monitor.current().of("shard").status()).isEqualTo(Status.UNKNOWN);
        assertThat(monitor.current().of("primary").status()).as("kept").isEqualTo(Status.UP);
        answers("shard", null);
        monitor.checkNow();

        assertThat(monitor.current().of("shard").status()).isEqualTo(Status.UP);
        assertThatThrownBy(() -> monitor.add(List.of(shard))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two monitored servers are named 'shard'");
        monitor.remove(java.util.Set.of("shard"));
        assertThat(monitor.current().byServer().keySet()).containsExactly("primary");
        assertThat(probes.get("shard").closed).isTrue();
        monitor.checkNow();
        assertThat(probes.get("shard").checks).as("no longer checked").isEqualTo(1);
    }

    @Test
    void listenersHearOnlyOfRoundsThatChangedSomething() {
        monitor(PRIMARY, REPLICA);
        List<HealthSnapshot> heard = new ArrayList<>();
        monitor.addListener(heard::add);
        answers("primary", null);
        answers("replica1", replicating(0));

        monitor.checkNow();
        assertThat(heard).hasSize(1);
        assertThat(heard.get(0).version()).isEqualTo(1);
        assertThat(heard.get(0).of("replica1").status()).isEqualTo(Status.UP);

        clock.advance(Duration.ofMillis(500));
        monitor.checkNow();
        assertThat(heard).as("same result, only a new time stamp").hasSize(1);
        assertThat(monitor.current().version()).isEqualTo(1);
        assertThat(monitor.current().of("primary").checkedAt()).isEqualTo(START.plusMillis(500));

        answers("replica1", replicating(1));
        monitor.checkNow();
        assertThat(heard).as("a new lag is a change").hasSize(2);
        assertThat(heard.get(1).version()).isEqualTo(2);
        assertThat(heard.get(1).of("replica1").lagSeconds()).isEqualTo(1L);
    }

    @Test
    void downAfterTheConfiguredFailuresInARowAndUpAgainByItself() {
        monitor(new HealthSettings(Duration.ofMillis(500), Duration.ofSeconds(1), 2), PRIMARY);
        answers("primary", null);
        monitor.checkNow();

        probes.get("primary").next = CheckResult.failed("cannot connect: Connection refused");
        monitor.checkNow();
        assertThat(monitor.current().of("primary").status()).isEqualTo(Status.UP);
        monitor.checkNow();
        assertThat(monitor.current().of("primary").status()).isEqualTo(Status.DOWN);
        assertThat(monitor.current().of("primary").problem())
                .isEqualTo("cannot connect: Connection refused (2 failed checks in a row)");

        answers("primary", null);
        monitor.checkNow();
        assertThat(monitor.current().of("primary").status()).isEqualTo(Status.UP);

        // The count starts afresh after a success.
        probes.get("primary").next = CheckResult.failed("cannot connect: Connection refused");
        monitor.checkNow();
        assertThat(monitor.current().of("primary").status()).isEqualTo(Status.UP);
    }

    @Test
    void replicasOfADownPrimaryStayReadable() {
        monitor(PRIMARY, REPLICA);
        answers("primary", null);
        answers("replica1", replicating(0));
        monitor.checkNow();

        probes.get("primary").next = CheckResult.failed("cannot connect: Connection refused");
        // The replica names its source 127.0.0.1 where the configuration says localhost: the same server.
        answers("replica1", new ReplicaStatus("Connecting", "Yes", null, "127.0.0.1", 3316, true,
                "error reconnecting to master", ""));
        monitor.checkNow();

        HealthSnapshot snapshot = monitor.current();
        assertThat(snapshot.of("primary").status()).isEqualTo(Status.DOWN);
        assertThat(snapshot.of("replica1").status()).isEqualTo(Status.UP);
        assertThat(snapshot.of("replica1").lagSeconds()).isZero();
        assertThat(snapshot.of("replica1").problem()).startsWith("source primary is down");
    }

    @Test
    void aReplicaCutOffFromARunningPrimaryIsLagging() {
        monitor(PRIMARY, REPLICA);
        answers("primary", null);
        answers("replica1", new ReplicaStatus("Connecting", "Yes", null, "127.0.0.1", 3316, true, "", ""));
        monitor.checkNow();
        assertThat(monitor.current().of("replica1").status()).isEqualTo(Status.LAGGING);
    }

    @Test
    void aReplicaOfAnUnmonitoredSourceGetsNoSpecialCase() {
        monitor(PRIMARY, REPLICA);
        probes.get("primary").next = CheckResult.failed("cannot connect: Connection refused");
        answers("replica1", new ReplicaStatus("Connecting", "Yes", null, "10.0.0.9", 3306, true, "", ""));
        monitor.checkNow();
        assertThat(monitor.current().of("replica1").status()).isEqualTo(Status.LAGGING);
    }

    @Test
    void aHangingServerDelaysNobodyAndGetsNoSecondCheckUntilItReturns() {
        monitor(new HealthSettings(Duration.ofMillis(500), Duration.ofMillis(50), 1), PRIMARY, REPLICA);
        answers("primary", null);
        answers("replica1", replicating(0));
        CountDownLatch release = new CountDownLatch(1);
        probes.get("replica1").hang = release;
        try {
            monitor.checkNow();
            assertThat(monitor.current().of("primary").status()).isEqualTo(Status.UP);
            assertThat(monitor.current().of("replica1").status()).isEqualTo(Status.DOWN);
            assertThat(monitor.current().of("replica1").problem()).isEqualTo("no answer within 50 ms");

            monitor.checkNow();
            assertThat(monitor.current().of("replica1").problem())
                    .isEqualTo("no answer within 50 ms; the previous check is still running");
            assertThat(probes.get("replica1").checks).isEqualTo(1);
        } finally {
            probes.get("replica1").hang = null;
            release.countDown();
        }
        awaitTrue(this::monitorRoundSeesReplicaUp);
    }

    /** One more round; true once the released probe's check has finished and a new one answered. */
    private boolean monitorRoundSeesReplicaUp() {
        monitor.checkNow();
        return monitor.current().of("replica1").status() == Status.UP;
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 5 s").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    @Test
    void aFailingListenerDoesNotStopTheOthers() {
        monitor(PRIMARY);
        List<HealthSnapshot> heard = new ArrayList<>();
        monitor.addListener(snapshot -> {
            throw new IllegalStateException("listener bug");
        });
        monitor.addListener(heard::add);
        answers("primary", null);
        monitor.checkNow();
        assertThat(heard).hasSize(1);
    }

    @Test
    void logsOneLinePerStatusChangeAndNeverThePassword() {
        monitor(PRIMARY, REPLICA);
        answers("primary", null);
        answers("replica1", replicating(0));
        monitor.checkNow();
        monitor.checkNow();
        probes.get("primary").next = CheckResult.failed("cannot connect: Connection refused");
        monitor.checkNow();

        assertThat(logged).extracting(LogRecord::getMessage).containsExactly(
                "primary: UNKNOWN -> UP",
                "replica1: UNKNOWN -> UP",
                "primary: UP -> DOWN (cannot connect: Connection refused)");
        assertThat(logged).allSatisfy(record -> assertThat(record.getMessage()).doesNotContain(PASSWORD));
        assertThat(PRIMARY.toString()).doesNotContain(PASSWORD).contains("monitor@localhost:3316");
    }

    @Test
    void startRunsTheFirstRoundAtOnceOnItsOwnThread() throws InterruptedException {
        monitor(new HealthSettings(Duration.ofHours(1), Duration.ofSeconds(1), 1), PRIMARY);
        answers("primary", null);
        CountDownLatch heard = new CountDownLatch(1);
        List<String> threads = new CopyOnWriteArrayList<>();
        monitor.addListener(snapshot -> {
            threads.add(Thread.currentThread().getName());
            heard.countDown();
        });
        monitor.start();
        assertThat(heard.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(threads).containsExactly("shardline-health");
        assertThatThrownBy(monitor::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closeClosesEveryProbeAndRefusesFurtherRounds() {
        monitor(PRIMARY, REPLICA);
        monitor.close();
        monitor.close();
        assertThat(probes.byServer.values()).allSatisfy(probe -> assertThat(probe.closed).isTrue());
        assertThat(probes.closed).isTrue();
        assertThatThrownBy(monitor::checkNow).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(monitor::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesDuplicateNamesAndUnknownServers() {
        assertThatThrownBy(() -> new HealthMonitor(List.of(PRIMARY, PRIMARY), HealthSettings.defaults(), clock,
                probes)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'primary'");
        monitor(PRIMARY);
        assertThatThrownBy(() -> monitor.current().of("nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'nope'");
    }
}
