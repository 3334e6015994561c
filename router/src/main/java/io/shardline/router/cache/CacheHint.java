package io.shardline.router.cache;

import io.shardline.router.classify.Classification;
import io.shardline.router.sql.Tokens;
import java.time.Duration;
import java.util.List;

/**
 * What a statement asks of the result cache. Hints sit in its leading comments, written as the routing hints are
 * ({@link io.shardline.router.route.RoutingHint}): {@code /*+ shardline:cache *}{@code /} caches with the TTL the
 * cache rules give, {@code /*+ shardline:cache(ttl=30s) *}{@code /} with its own TTL (ms, s, m or h; a bare number
 * is seconds), {@code /*+ shardline:no_cache *}{@code /} (or {@code nocache}) never caches; several hints may share
 * one comment ({@code /*+ shardline:replica shardline:cache(ttl=5s) *}{@code /}), and plain comments count too.
 * MySQL's own {@code SQL_NO_CACHE} select option also means never. Not caching wins over caching.
 *
 * <p>A malformed hint ({@code cache(ttl=abc)}) is ignored, never an error: {@link #problem} says what was wrong, for
 * the proxy to log.
 *
 * @param mode    what the statement asks
 * @param ttl     with CACHE, the statement's own time to live; null for the rules' TTL, and with other modes
 * @param problem why a cache hint was ignored, or null
 */
public record CacheHint(Mode mode, Duration ttl, String problem) {
    public static final CacheHint NONE = new CacheHint(Mode.NONE, null, null);

    public enum Mode {
        /** No cache hint: the cache rules decide. */
        NONE,
        CACHE,
        NO_CACHE
    }

    public static CacheHint of(Classification classification, Tokens tokens) {
        return of(classification.leadingComments(), tokens);
    }

    /**
     * @param leadingComments comment bodies as {@link Classification#leadingComments()} gives them
     * @param tokens          the statement's tokens, searched for SQL_NO_CACHE
     */
    public static CacheHint of(List<String> leadingComments, Tokens tokens) {
        CacheHintReader reader = new CacheHintReader();
        for (String each : leadingComments) {
            reader.read(each.startsWith("+") ? each.substring(1) : each);
        }
        if (reader.noCache() || hasSqlNoCache(tokens)) {
            return new CacheHint(Mode.NO_CACHE, null, reader.problem());
        }
        if (reader.cache()) {
            return new CacheHint(Mode.CACHE, reader.ttl(), reader.problem());
        }
        return reader.problem() == null ? NONE : new CacheHint(Mode.NONE, null, reader.problem());
    }

    /** SQL_NO_CACHE as a word of code (not in a string or comment); an executable comment's content is code. */
    private static boolean hasSqlNoCache(Tokens tokens) {
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.isWord(i, "SQL_NO_CACHE")) {
                return true;
            }
        }
        return false;
    }
}
