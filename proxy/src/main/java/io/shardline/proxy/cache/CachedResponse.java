package io.shardline.proxy.cache;

/**
 * A stored response: the exact bytes the client received (packets with their headers, sequence ids from 1), the
 * table versions its read saw, its time to live and the rule that cached it.
 */
record CachedResponse(byte[] bytes, TableVersions.Stamp stamp, long ttlNanos, String rule) {
}
