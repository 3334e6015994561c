package io.shardline.proxy.cache;

/**
 * What must be equal for two reads to get the same bytes back.
 *
 * @param session    the session facts that change a result or its encoding ({@link SessionFacts})
 * @param binary     prepared (binary rows) or text protocol
 * @param statement  the statement text as the client sent it, one char per byte
 * @param parameters a prepared execution's parameter block and types, one char per byte; empty for text
 */
public record CacheKey(String session, boolean binary, String statement, String parameters) {
    /** Roughly what the key costs in memory, for the cache's byte bound. */
    int weight() {
        return 64 + 2 * (session.length() + statement.length() + parameters.length());
    }
}
