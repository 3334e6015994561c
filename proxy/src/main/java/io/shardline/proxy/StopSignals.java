package io.shardline.proxy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT (Ctrl-C) stop the proxy gracefully ({@link ShardlineServer#stop}); a second signal while it
 * drains stops it at once.
 *
 * <p>Why signal handlers and not only a shutdown hook: the JVM answers SIGTERM by running shutdown hooks and then
 * exiting with status 143, and java.util.logging's own hook closes the log handlers at the same moment, so a drain
 * inside a hook could neither log its progress nor exit 0. Handling the signal keeps the JVM running normally
 * until the drain is done, then exits with 0. {@code sun.misc.Signal} (module jdk.unsupported) is the JDK's only
 * way to do that; where it is unavailable the caller's shutdown hook still closes the proxy, without draining.
 */
final class StopSignals {
    private static final Logger LOG = Logger.getLogger(StopSignals.class.getName());

    private StopSignals() {}

    /**
     * Handles TERM and INT: the first drains {@code server} for up to {@code timeout} on a thread of its own and
     * then counts {@code stopped} down; the next closes it at once.
     */
    static void install(ShardlineServer server, Duration timeout, CountDownLatch stopped) {
        AtomicInteger received = new AtomicInteger();
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), signal -> onSignal(signal, received, server, timeout, stopped));
            } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError ex) {
                LOG.log(Level.WARNING, "cannot handle SIG" + name + " (" + ex + "): it stops the proxy without"
                        + " draining its sessions");
            }
        }
    }

    private static void onSignal(Signal signal, AtomicInteger received, ShardlineServer server, Duration timeout,
                                 CountDownLatch stopped) {
        if (received.incrementAndGet() > 1) {
            LOG.warning("SIG" + signal.getName() + " again: stopping now, without waiting for sessions");
            server.close();
            stopped.countDown();
            return;
        }
        LOG.info("SIG" + signal.getName() + ": stopping gracefully (up to " + timeout.toMillis() + " ms; send it"
                + " again to stop at once)");
        Thread drain = new Thread(() -> {
            try {
                server.stop(timeout);
            } catch (InterruptedException ex) {
                server.close();
            } catch (RuntimeException ex) {
                LOG.log(Level.SEVERE, "graceful stop failed; closing at once", ex);
                server.close();
            } finally {
                stopped.countDown();
            }
        }, "shardline-stop");
        drain.start();
    }
}
