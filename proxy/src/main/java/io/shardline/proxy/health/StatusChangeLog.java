package io.shardline.proxy.health;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One log line per status change: {@code replica1: UP -> LAGGING (SQL thread stopped; lag unknown)}.
 *
 * <p>Only status changes are logged, not every new lag or position, so a healthy proxy logs one line per server
 * at start and nothing after. Turning worse is a warning, getting better is information. The text comes from
 * {@link ServerHealth}, which holds no credentials.
 */
final class StatusChangeLog {

    static final Logger LOG = Logger.getLogger(HealthMonitor.class.getName());

    private StatusChangeLog() {}

    static void log(HealthSnapshot before, HealthSnapshot after) {
        for (ServerHealth now : after.byServer().values()) {
            ServerHealth then = before.byServer().get(now.server());
            Status old = then == null ? Status.UNKNOWN : then.status();
            if (old != now.status()) {
                LOG.log(now.isUp() ? Level.INFO : Level.WARNING, line(old, now));
            }
        }
    }

    static String line(Status old, ServerHealth now) {
        return now.server() + ": " + old + " -> " + now.status()
                + (now.problem() == null ? "" : " (" + now.problem() + ")");
    }
}
