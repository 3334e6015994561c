package io.shardline.proxy.health;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Named daemon threads: the monitor must never keep the JVM alive on its own, and a thread dump should say
 * whose threads these are.
 */
final class DaemonThreads {

    private DaemonThreads() {}

    /** {@code name} for the first thread, {@code name-2}, {@code name-3}, ... for any further ones. */
    static ThreadFactory named(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            int n = count.incrementAndGet();
            Thread thread = new Thread(runnable, n == 1 ? name : name + "-" + n);
            thread.setDaemon(true);
            return thread;
        };
    }
}
