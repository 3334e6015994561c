package io.shardline.proxy.health;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Makes a {@link JdbcProbe} per server. All their pools share one housekeeping thread; left to itself, HikariCP
 * would start one per pool for work that takes microseconds a few times a minute.
 */
final class JdbcProbeFactory implements Probe.Factory {

    /**
     * HikariCP serves only these pools in the proxy, and it reports what the monitor already reports in one line
     * (a server going away) with a stack trace per broken connection, plus four lines per pool start and stop.
     * Unless logging is configured for it, it is quietened to SEVERE. The reference is kept because
     * java.util.logging holds loggers weakly and would forget the level.
     */
    private static final Logger HIKARI = quietened(Logger.getLogger("com.zaxxer.hikari"));

    private final Duration timeout;
    private final ScheduledExecutorService housekeeping;

    JdbcProbeFactory(Duration timeout) {
        this.timeout = timeout;
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("shardline-health-pools"));
    }

    private static Logger quietened(Logger logger) {
        if (logger.getLevel() == null) {
            logger.setLevel(Level.SEVERE);
        }
        return logger;
    }

    @Override
    public Probe open(MonitoredServer server) {
        return new JdbcProbe(server, timeout, housekeeping);
    }

    @Override
    public void close() {
        housekeeping.shutdownNow();
    }
}
