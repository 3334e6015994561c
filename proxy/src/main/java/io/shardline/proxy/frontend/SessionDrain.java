package io.shardline.proxy.frontend;

import io.shardline.proxy.session.PinReason;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The client side of a graceful stop (docs/operations.md, "Stopping the proxy"). Idle sessions close at once; a
 * session running a statement closes right after the statement's response is complete, so no client is left
 * holding half a result; a session inside a transaction (or reading a cursor) may go on until the transaction
 * ends, then closes. Whatever is left when the timeout runs out is closed as it is: its servers roll back what
 * was not committed when their connections close. The proxy rolls back nothing itself.
 *
 * <p>Runs on the thread that stops the proxy, never on an event loop: it waits by polling the registry, which the
 * sessions leave on their own loops as they close.
 */
public final class SessionDrain {
    private static final Logger LOG = Logger.getLogger(SessionDrain.class.getName());
    private static final long POLL_MILLIS = 20;
    private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);

    private SessionDrain() {}

    /**
     * Drains every session, waiting up to {@code timeout}; returns how many were still open when it ran out and
     * were closed by force (0: every session ended by itself).
     */
    public static int drain(SessionRegistry sessions, Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        sessions.startDraining();
        // Idle sessions close within milliseconds of the request: count the busy ones after that.
        long nextLog = start + TimeUnit.MILLISECONDS.toNanos(200);
        int left;
        while ((left = sessions.size()) > 0 && System.nanoTime() - deadline < 0) {
            if (System.nanoTime() - nextLog >= 0) {
                LOG.info("draining: " + left + " sessions busy (" + sessions.pinnedBy(PinReason.TRANSACTION)
                        + " inside a transaction), waiting up to " + seconds(deadline - System.nanoTime()) + "s");
                nextLog = System.nanoTime() + LOG_EVERY_NANOS;
            }
            Thread.sleep(POLL_MILLIS);
        }
        if (left == 0) {
            LOG.info("drained: every session ended in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)
                    + " ms");
            return 0;
        }
        LOG.warning("draining: server.shutdown-timeout (" + timeout.toMillis() + " ms) ran out; closing the " + left
                + " sessions left (their servers roll back what they did not commit)");
        sessions.closeAll();
        awaitClosed(sessions, System.nanoTime() + TimeUnit.SECONDS.toNanos(2));
        return left;
    }

    private static void awaitClosed(SessionRegistry sessions, long deadline) throws InterruptedException {
        while (sessions.size() > 0 && System.nanoTime() - deadline < 0) {
            Thread.sleep(POLL_MILLIS);
        }
    }

    private static long seconds(long nanos) {
        return Math.max(0, TimeUnit.NANOSECONDS.toSeconds(nanos + TimeUnit.MILLISECONDS.toNanos(999)));
    }
}
