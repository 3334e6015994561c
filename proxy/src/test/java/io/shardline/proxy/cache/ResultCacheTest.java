package io.shardline.proxy.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.shardline.proxy.config.ResultCacheSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The cache's own rules, with time advanced by hand. */
class ResultCacheTest {
    private static final long TTL = TimeUnit.SECONDS.toNanos(10);
    private static final List<String> TABLES = List.of("shop.a");

    private final AtomicLong now = new AtomicLong();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ResultCache cache = cache(1 << 20);

    private ResultCache cache(long maxBytes) {
        return cache(maxBytes, registry);
    }

    private ResultCache cache(long maxBytes, SimpleMeterRegistry meters) {
        return new ResultCache(new ResultCacheSettings(true, maxBytes, 1024, Duration.ofSeconds(10), List.of()),
                meters, now::get);
    }

    private static CacheKey key(String sql) {
        return new CacheKey("facts", false, sql, "");
    }

    private ResultCache.Lookup lookup(ResultCache on, CacheKey key, List<byte[]> woken) {
        return on.lookup(key, TABLES, TTL, "rule", woken::add);
    }

    private double count(String name, String tag, String value) {
        return registry.find(name).tag(tag, value).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    @Test
    void aStoredResponseIsServedUntilItsTtlEnds() {
        List<byte[]> woken = new ArrayList<>();
        ResultCache.Lookup first = lookup(cache, key("q"), woken);
        assertThat(first.load()).as("the first read loads").isNotNull();
        first.load().stored(new byte[] {1, 2, 3});

        assertThat(lookup(cache, key("q"), woken).hit()).containsExactly(1, 2, 3);
        assertThat(lookup(cache, key("other"), woken).load()).as("another key").isNotNull();

        now.addAndGet(TTL - 1);
        assertThat(lookup(cache, key("q"), woken).hit()).isNotNull();
        now.addAndGet(1);
        assertThat(lookup(cache, key("q"), woken).load()).as("expired").isNotNull();
        assertThat(count("shardline.result_cache.requests", "result", "hit")).isEqualTo(2);
        assertThat(count("shardline.result_cache.puts", "rule", "rule")).isEqualTo(1);
    }

    @Test
    void aWriteToATableItReadMakesTheEntryStale() {
        lookup(cache, key("q"), new ArrayList<>()).load().stored(new byte[] {1});
        cache.invalidate(List.of("shop.b"));
        assertThat(lookup(cache, key("q"), new ArrayList<>()).hit()).as("another table").isNotNull();

        cache.invalidate(TABLES);
        assertThat(lookup(cache, key("q"), new ArrayList<>()).load()).isNotNull();
        assertThat(count("shardline.result_cache.evictions", "cause", "invalidated")).isEqualTo(1);
        assertThat(count("shardline.result_cache.invalidations", "scope", "tables")).isEqualTo(2);
    }

    @Test
    void aReadThatStartedBeforeAWriteIsNotStoredButItsWaitersGetIt() {
        List<byte[]> woken = new ArrayList<>();
        ResultCache.Load load = lookup(cache, key("q"), woken).load();
        assertThat(lookup(cache, key("q"), woken).waiting()).as("same read, same time: waits").isTrue();

        cache.invalidate(TABLES);
        List<byte[]> afterWrite = new ArrayList<>();
        ResultCache.Lookup late = lookup(cache, key("q"), afterWrite);
        assertThat(late.load()).as("a read after the write never waits for a read from before it").isNotNull();

        load.stored(new byte[] {7});
        assertThat(cache.peek(key("q"))).as("not stored: it may predate the write").isNull();
        assertThat(woken).singleElement().satisfies(bytes -> assertThat(bytes).containsExactly(7));
        assertThat(afterWrite).isEmpty();
        assertThat(count("shardline.result_cache.skipped", "reason", "stale")).isEqualTo(1);

        late.load().stored(new byte[] {8});
        assertThat(cache.peek(key("q"))).containsExactly(8);
    }

    @Test
    void concurrentMissesRunOneLoadAndAnAbandonedLoadWakesWaitersEmptyHanded() {
        List<byte[]> woken = new ArrayList<>();
        ResultCache.Load load = lookup(cache, key("q"), woken).load();
        for (int i = 0; i < 3; i++) {
            assertThat(lookup(cache, key("q"), woken).waiting()).isTrue();
        }
        load.abandoned("too_large");
        assertThat(woken).hasSize(3).containsOnlyNulls();
        assertThat(lookup(cache, key("q"), woken).load()).as("the next read loads again").isNotNull();
        assertThat(count("shardline.result_cache.requests", "result", "coalesced")).isEqualTo(3);
        assertThat(count("shardline.result_cache.skipped", "reason", "too_large")).isEqualTo(1);
    }

    @Test
    void theByteBoundEvictsTheLeastUsed() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ResultCache small = cache(8 * 1024, meters);
        for (int i = 0; i < 40; i++) {
            lookup(small, key("q" + i), new ArrayList<>()).load().stored(new byte[1000]);
        }
        small.cleanUp();
        double bytes = meters.get("shardline.result_cache.bytes").gauge().value();
        assertThat(bytes).isPositive().isLessThanOrEqualTo(8 * 1024);
        assertThat(meters.get("shardline.result_cache.evictions").tag("cause", "size").counter().count())
                .isGreaterThanOrEqualTo(30);
    }

    @Test
    void invalidatingEverythingDropsEveryEntry() {
        lookup(cache, key("q"), new ArrayList<>()).load().stored(new byte[] {1});
        cache.invalidateAll();
        assertThat(cache.peek(key("q"))).isNull();
    }
}
