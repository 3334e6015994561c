package io.shardline.proxy.sandbox;

import java.io.PrintStream;

/**
 * Receives one line per step of a long operation.
 *
 * <p>Starting five servers takes seconds; a silent terminal for that long looks like a hang, so every step
 * reports what it is doing. Implementations must be thread-safe because servers start in parallel.
 */
@FunctionalInterface
public interface Progress {

    void step(String message);

    /** Prints each step as its own line, prefixed so it stands out from server or Maven output. */
    static Progress to(PrintStream out) {
        return message -> {
            synchronized (out) {
                out.println("[sandbox] " + message);
                out.flush();
            }
        };
    }

    static Progress silent() {
        return message -> {};
    }
}
