package io.shardline.proxy.backend;

/**
 * Told how long each borrow from a pool took until the connection was lent (or the borrow failed): zero when an
 * idle connection was at hand, otherwise the time spent opening one, pinging a long-idle one, or queued behind
 * other borrowers. Called on the pool's event loop.
 */
@FunctionalInterface
public interface PoolWaits {
    PoolWaits NONE = nanos -> { };

    void waited(long nanos);
}
