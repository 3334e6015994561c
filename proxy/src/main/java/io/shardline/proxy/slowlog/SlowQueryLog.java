package io.shardline.proxy.slowlog;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.shardline.proxy.config.SlowQueryLogSettings;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The slow query log: statements at or over the threshold, one JSON line each ({@link SlowQueryLine}). An event
 * loop only offers an entry to a bounded queue and goes on; one daemon thread digests, formats and writes them,
 * flushing whenever the queue runs empty. When the queue is full (the disk cannot keep up, or a burst of slow
 * statements) the entry is dropped and counted, rather than making a client wait.
 */
public final class SlowQueryLog implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SlowQueryLog.class.getName());
    static final int QUEUE_CAPACITY = 10_000;
    private static final int BATCH = 256;

    private final long thresholdNanos;
    private final BlockingQueue<SlowQuery> queue;
    private final Writer out;
    private final Counter written;
    private final Counter dropped;
    private final Thread writer = new Thread(this::run, "shardline-slow-query-log");
    private volatile boolean closing;
    private boolean failing;

    SlowQueryLog(long thresholdNanos, int capacity, Writer out, MeterRegistry registry) {
        this.thresholdNanos = thresholdNanos;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.out = out;
        this.written = Counter.builder("shardline.slow.queries").description("Statements written to the slow"
                + " query log").register(registry);
        this.dropped = Counter.builder("shardline.slow.queries.dropped").description("Slow statements not written"
                + " to the slow query log: its queue was full, or writing failed").register(registry);
        writer.setDaemon(true);
    }

    /** The log the settings ask for, its file opened for appending and its thread started; null when it is off. */
    public static SlowQueryLog open(SlowQueryLogSettings settings, MeterRegistry registry) {
        if (!settings.enabled()) {
            return null;
        }
        Path file = settings.file();
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            SlowQueryLog result = new SlowQueryLog(settings.threshold().toNanos(), QUEUE_CAPACITY, out, registry);
            result.writer.start();
            return result;
        } catch (IOException ex) {
            throw new IllegalStateException("cannot open server.slow-query-log.file " + file + ": " + ex
                    + " (check the directory exists or can be created, and is writable)", ex);
        }
    }

    /** Whether a statement that took {@code nanos} belongs in the log. */
    public boolean isSlow(long nanos) {
        return nanos >= thresholdNanos;
    }

    /** Queues a slow statement without waiting; dropped (and counted) when the queue is full. */
    public void offer(SlowQuery query) {
        if (!queue.offer(query)) {
            dropped.increment();
        }
    }

    private void run() {
        List<SlowQuery> batch = new ArrayList<>(BATCH);
        while (!closing || !queue.isEmpty()) {
            try {
                SlowQuery first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, BATCH - 1);
                    write(batch);
                    batch.clear();
                }
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Writes what is queued now and flushes; for tests, which run no thread. */
    void drain() {
        List<SlowQuery> batch = new ArrayList<>();
        queue.drainTo(batch);
        write(batch);
    }

    private void write(List<SlowQuery> batch) {
        try {
            for (SlowQuery each : batch) {
                out.write(SlowQueryLine.of(each));
                out.write('\n');
            }
            if (queue.isEmpty()) {
                out.flush();
            }
            written.increment(batch.size());
            failing = false;
        } catch (IOException ex) {
            dropped.increment(batch.size());
            if (!failing) {
                LOG.log(Level.WARNING, "cannot write the slow query log (entries are dropped until it works"
                        + " again): " + ex);
                failing = true;
            }
        }
    }

    /** Writes what is queued, then closes the file. */
    @Override
    public void close() {
        closing = true;
        try {
            writer.join(5_000);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        try {
            out.close();
        } catch (IOException ex) {
            LOG.warning("cannot close the slow query log: " + ex);
        }
    }
}
