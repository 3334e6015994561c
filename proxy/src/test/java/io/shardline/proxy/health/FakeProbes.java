package io.shardline.proxy.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Probes whose next result a test sets; a probe can also be made to hang until released. */
final class FakeProbes implements Probe.Factory {

    final Map<String, FakeProbe> byServer = new LinkedHashMap<>();
    volatile boolean closed;

    @Override
    public synchronized Probe open(MonitoredServer server) {
        FakeProbe probe = new FakeProbe();
        byServer.put(server.name(), probe);
        return probe;
    }

    FakeProbe get(String server) {
        return byServer.get(server);
    }

    @Override
    public void close() {
        closed = true;
    }

    static final class FakeProbe implements Probe {
        volatile CheckResult next = CheckResult.failed("no result set by the test");
        volatile CountDownLatch hang;
        volatile int checks;
        volatile boolean closed;

        @Override
        public CheckResult check() {
            checks++;
            CountDownLatch latch = hang;
            if (latch != null) {
                try {
                    latch.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return next;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
