package io.shardline.proxy.backend;

/** A snapshot of one pool: connections open, idle, lent out, and borrowers waiting. */
public record PoolStats(int open, int idle, int borrowed, int waiting) {
    public PoolStats plus(PoolStats other) {
        return new PoolStats(open + other.open, idle + other.idle, borrowed + other.borrowed, waiting + other.waiting);
    }
}
