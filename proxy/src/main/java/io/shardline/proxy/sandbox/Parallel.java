package io.shardline.proxy.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/** Runs the same step for several servers at once; the sandbox's servers spend start-up waiting on I/O. */
final class Parallel {

    private Parallel() {}

    /** Runs one task per item on its own thread and reports every failure, not just the first. */
    static <T> void forEach(List<T> items, Consumer<T> task) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, items.size()), runnable -> {
            Thread thread = new Thread(runnable, "sandbox-worker");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<CompletableFuture<Void>> futures = items.stream()
                    .map(item -> CompletableFuture.runAsync(() -> task.accept(item), pool))
                    .toList();
            List<String> failures = new ArrayList<>();
            for (CompletableFuture<Void> future : futures) {
                failure(future).ifPresent(failures::add);
            }
            if (!failures.isEmpty()) {
                throw new SandboxException(String.join(System.lineSeparator(), failures));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Optional<String> failure(CompletableFuture<Void> future) {
        try {
            future.join();
            return Optional.empty();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return Optional.of(cause.getMessage() == null ? cause.toString() : cause.getMessage());
        }
    }
}
