package io.shardline.proxy.health;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one check per server in parallel and waits for them until a shared deadline, so one slow server costs the
 * round at most the timeout and never delays the others' results.
 *
 * <p>A check still running at the deadline is reported as failed and left to finish on its own (JDBC's socket
 * timeout ends it; interrupting a blocking socket read would not). Until it has, that server gets no new check:
 * a server that hangs must not eat one more thread per round. Not thread-safe; the monitor runs one round at a
 * time.
 */
final class HealthRound {

    /**
     * Added to the timeout before the round gives up on a check, so that the driver's own timeouts, set to the
     * same value, fire first and report the precise cause ("Connection refused", "Read timed out").
     */
    static final Duration GRACE = Duration.ofMillis(200);

    private final ExecutorService workers;
    private final Duration timeout;
    private final Map<String, Future<CheckResult>> stillRunning = new HashMap<>();

    HealthRound(ExecutorService workers, Duration timeout) {
        this.workers = workers;
        this.timeout = timeout;
    }

    /** One result per probe, in the probes' order. */
    Map<String, CheckResult> run(Map<String, Probe> probes) {
        long deadline = System.nanoTime() + timeout.plus(GRACE).toNanos();
        Map<String, Future<CheckResult>> running = new LinkedHashMap<>();
        Map<String, CheckResult> results = new LinkedHashMap<>();
        probes.forEach((name, probe) -> {
            Future<CheckResult> previous = stillRunning.get(name);
            if (previous != null && !previous.isDone()) {
                results.put(name, CheckResult.failed("no answer within " + millis(timeout)
                        + "; the previous check is still running"));
            } else {
                stillRunning.remove(name);
                submit(name, probe, running, results);
            }
        });
        running.forEach((name, future) -> results.put(name, await(name, future, deadline)));
        // Back in the probes' order, which the admin output and the logs follow.
        Map<String, CheckResult> ordered = new LinkedHashMap<>();
        probes.keySet().forEach(name -> ordered.put(name, results.get(name)));
        return ordered;
    }

    private void submit(String name, Probe probe, Map<String, Future<CheckResult>> running,
            Map<String, CheckResult> results) {
        try {
            running.put(name, workers.submit(probe::check));
        } catch (RejectedExecutionException e) {
            // Only after close() shut the workers down; the monitor does not publish such a round.
            results.put(name, CheckResult.failed("the health monitor is closing"));
        }
    }

    private CheckResult await(String name, Future<CheckResult> future, long deadline) {
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            stillRunning.put(name, future);
            return CheckResult.failed("no answer within " + millis(timeout));
        } catch (ExecutionException e) {
            // Probes report failures as results; an exception here is a bug in one, which must not end the round.
            return CheckResult.failed("check failed: " + Problems.rootMessage(e));
        } catch (InterruptedException e) {
            // The monitor is closing: keep the flag for the caller, which will not publish this round.
            Thread.currentThread().interrupt();
            return CheckResult.failed("check interrupted");
        }
    }

    static String millis(Duration duration) {
        return duration.toMillis() + " ms";
    }
}
