package io.shardline.proxy.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.shardline.proxy.config.ResultCacheSettings;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Encoded responses of cacheable reads, shared by every session (docs/result-cache.md). Caffeine bounds them by
 * bytes and expires each after its own TTL; {@link TableVersions} decides whether an entry is still current.
 * Concurrent misses of one key run one backend query: the first becomes the {@link Load}, the others wait for
 * its bytes. A waiter joins only while the load's stamp is current, so a session that wrote (and so invalidated)
 * never waits for a read that started before its write.
 */
public final class ResultCache {
    private final ResultCacheSettings settings;
    private final TableVersions versions = new TableVersions();
    private final Cache<CacheKey, CachedResponse> entries;
    private final ConcurrentHashMap<CacheKey, Load> loading = new ConcurrentHashMap<>();
    private final CacheMetrics metrics;
    /**
     * One instance per distinct set of session facts, so keys of sessions alike compare their facts by identity
     * (the facts are a few hundred characters; comparing them char by char was a visible part of a hit's cost).
     * Bounded: facts vary with users, schemas and settings, not with statements.
     */
    private final Cache<String, String> facts = Caffeine.newBuilder().maximumSize(10_000).build();

    public ResultCache(ResultCacheSettings settings, MeterRegistry registry, Ticker ticker) {
        this.settings = settings;
        this.metrics = new CacheMetrics(registry);
        this.entries = Caffeine.newBuilder()
                .maximumWeight(settings.maxBytes())
                .weigher((CacheKey key, CachedResponse value) -> key.weight() + value.bytes().length)
                .expireAfter(new PerEntryTtl())
                .ticker(ticker)
                .executor(Runnable::run)
                .removalListener((CacheKey key, CachedResponse value, RemovalCause cause) -> {
                    if (value != null && cause.wasEvicted()) {
                        metrics.evicted(cause == RemovalCause.EXPIRED ? "expired" : "size", value.rule());
                    }
                })
                .build();
        Gauge.builder("shardline.result_cache.bytes", entries, ResultCache::weight)
                .description("Bytes the stored responses and their keys take, as the size bound counts them")
                .baseUnit("bytes").register(registry);
        Gauge.builder("shardline.result_cache.entries", entries, each -> each.estimatedSize())
                .description("Responses stored (including stale ones not yet looked up)").register(registry);
    }

    /** The shared instance equal to {@code sessionFacts}. */
    String canonical(String sessionFacts) {
        return facts.get(sessionFacts, same -> same);
    }

    public ResultCacheSettings settings() {
        return settings;
    }

    public TableVersions versions() {
        return versions;
    }

    /**
     * What to do with a cacheable read.
     *
     * @param tables the tables it reads ("schema.table")
     * @param ttlNanos how long its response may be served
     * @param rule the rule that made it cacheable, for metrics
     * @param waiter called once with the response bytes, or with null meaning "run it yourself", when the result
     *     is {@link Lookup#WAIT}; called from the thread that completes the load
     */
    public Lookup lookup(CacheKey key, Collection<String> tables, long ttlNanos, String rule,
                         Consumer<byte[]> waiter) {
        byte[] stored = hit(key);
        if (stored != null) {
            return Lookup.hit(stored);
        }
        while (true) {
            Load running = loading.get(key);
            if (running != null && versions.current(running.stamp) && running.await(waiter)) {
                metrics.lookup(CacheMetrics.COALESCED, rule);
                return Lookup.WAIT;
            }
            Load mine = new Load(key, versions.stamp(tables), ttlNanos, rule);
            boolean started = running == null ? loading.putIfAbsent(key, mine) == null
                    : loading.replace(key, running, mine);
            if (started) {
                metrics.lookup(CacheMetrics.MISS, rule);
                return Lookup.load(mine);
            }
        }
    }

    /**
     * The stored answer for {@code key} when it is still current, counted as a hit; null otherwise (a stale entry
     * is dropped). An entry exists only for a read the policy allowed, and the key holds everything the policy
     * decided from, so a caller may try this before deciding anything.
     */
    public byte[] hit(CacheKey key) {
        CachedResponse entry = entries.getIfPresent(key);
        if (entry == null) {
            return null;
        }
        if (versions.current(entry.stamp())) {
            metrics.lookup(CacheMetrics.HIT, entry.rule());
            return entry.bytes();
        }
        if (entries.asMap().remove(key, entry)) {
            metrics.evicted("invalidated", entry.rule());
        }
        return null;
    }

    /** A write through Shardline changed these tables ("schema.table"). */
    public void invalidate(Collection<String> tables) {
        if (!tables.isEmpty()) {
            versions.invalidate(tables);
            metrics.invalidated("tables");
        }
    }

    /** A write whose tables are not known: nothing stored so far may be served. */
    public void invalidateAll() {
        versions.invalidateAll();
        metrics.invalidated("all");
    }

    /** Drops every entry (admin flush, tests). */
    public void clear() {
        versions.invalidateAll();
        entries.invalidateAll();
    }

    /**
     * What the cache holds and how it has answered since the start (the admin API's {@code /api/cache}).
     *
     * @param evictions entries removed by the size bound, their TTL, or found stale after a write
     */
    public record Stats(long entries, long bytes, long maxBytes, long hits, long misses, long coalesced,
                        long evictions) {
        /** Hits among lookups that were answered (hits, misses and coalesced misses); 0 before the first. */
        public double hitRatio() {
            long lookups = hits + misses + coalesced;
            return lookups == 0 ? 0 : (double) hits / lookups;
        }
    }

    public Stats stats() {
        return new Stats(entries.estimatedSize(), (long) weight(entries), settings.maxBytes(),
                (long) metrics.lookups(CacheMetrics.HIT), (long) metrics.lookups(CacheMetrics.MISS),
                (long) metrics.lookups(CacheMetrics.COALESCED), (long) (metrics.evictions("size")
                + metrics.evictions("expired") + metrics.evictions("invalidated")));
    }

    /** The stored bytes for {@code key} if current, without counting a lookup (tests, admin). */
    public byte[] peek(CacheKey key) {
        CachedResponse entry = entries.getIfPresent(key);
        return entry != null && versions.current(entry.stamp()) ? entry.bytes() : null;
    }

    /** Runs Caffeine's pending maintenance now (evictions), for tests. */
    void cleanUp() {
        entries.cleanUp();
    }

    private static double weight(Cache<CacheKey, CachedResponse> cache) {
        return cache.policy().eviction().map(each -> each.weightedSize().orElse(0)).orElse(0L);
    }

    void finish(Load load, byte[] bytes, String skipReason) {
        loading.remove(load.key, load);
        if (bytes != null && !versions.current(load.stamp)) {
            skipReason = "stale";
        }
        if (bytes != null && skipReason == null) {
            entries.put(load.key, new CachedResponse(bytes, load.stamp, load.ttlNanos, load.rule));
            // Evict now rather than when Caffeine's batched maintenance next runs, so the byte bound holds after
            // every store (puts follow backend reads, so this is not on a hit's path).
            entries.cleanUp();
            metrics.put(load.rule);
        } else if (skipReason != null) {
            metrics.skipped(skipReason, load.rule);
        }
        // Waiters joined while the stamp was current: no write acknowledged before they asked is missing from
        // these bytes, even when a write since has made them unfit to store.
        load.release(bytes);
    }

    /** The answer to {@link #lookup}. */
    public record Lookup(byte[] hit, Load load) {
        static final Lookup WAIT = new Lookup(null, null);

        static Lookup hit(byte[] bytes) {
            return new Lookup(bytes, null);
        }

        static Lookup load(Load load) {
            return new Lookup(null, load);
        }

        public boolean waiting() {
            return hit == null && load == null;
        }
    }

    /** One running backend read whose response will be stored; others with the same key wait for it. */
    public final class Load {
        private final CacheKey key;
        private final TableVersions.Stamp stamp;
        private final long ttlNanos;
        private final String rule;
        private java.util.List<Consumer<byte[]>> waiters = new java.util.ArrayList<>();

        private Load(CacheKey key, TableVersions.Stamp stamp, long ttlNanos, String rule) {
            this.key = key;
            this.stamp = stamp;
            this.ttlNanos = ttlNanos;
            this.rule = rule;
        }

        /** False when the load already ended (the caller looks again). */
        private synchronized boolean await(Consumer<byte[]> waiter) {
            if (waiters == null) {
                return false;
            }
            waiters.add(waiter);
            return true;
        }

        private void release(byte[] bytes) {
            java.util.List<Consumer<byte[]>> woken;
            synchronized (this) {
                woken = waiters;
                waiters = null;
            }
            for (Consumer<byte[]> each : woken) {
                each.accept(bytes);
            }
        }

        /** The response was complete and storable: these are the bytes the client received. */
        public void stored(byte[] bytes) {
            finish(this, bytes, null);
        }

        /** The response cannot be stored ({@code reason} labels the metric); waiters run the read themselves. */
        public void abandoned(String reason) {
            finish(this, null, reason);
        }

        public String rule() {
            return rule;
        }
    }

    private static final class PerEntryTtl implements Expiry<CacheKey, CachedResponse> {
        @Override
        public long expireAfterCreate(CacheKey key, CachedResponse value, long currentTime) {
            return value.ttlNanos();
        }

        @Override
        public long expireAfterUpdate(CacheKey key, CachedResponse value, long currentTime, long currentDuration) {
            return value.ttlNanos();
        }

        @Override
        public long expireAfterRead(CacheKey key, CachedResponse value, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
