package io.shardline.proxy.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;

class JdbcProbeTest {
    /**
     * DriverManager's login timeout is global to the JVM: a probe that set it to its own 1 s would cut short the
     * JDBC connects of everything else in the process (it did: 200 clients connecting at once in a test).
     */
    @Test
    void aProbeLeavesTheJvmWideLoginTimeoutAlone() throws Exception {
        int before = DriverManager.getLoginTimeout();
        ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor();
        MonitoredServer nowhere = new MonitoredServer("nowhere", "127.0.0.1", 1, "u", "p", Role.PRIMARY,
                Duration.ofSeconds(10));
        try (JdbcProbe probe = new JdbcProbe(nowhere, Duration.ofSeconds(1), housekeeping)) {
            CheckResult result = probe.check();
            assertThat(result.ok()).as("nothing listens on port 1").isFalse();
            assertThat(DriverManager.getLoginTimeout()).isEqualTo(before);
        } finally {
            housekeeping.shutdownNow();
        }
    }
}
