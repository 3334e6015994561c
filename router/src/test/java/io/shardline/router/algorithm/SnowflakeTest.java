package io.shardline.router.algorithm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SnowflakeTest {
    private static final long EPOCH = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    private static final long START = EPOCH + 1_000_000;
    private static final Duration TEN_MS = Duration.ofMillis(10);

    /** A clock the test sets; every read returns the current value. */
    private static final class FakeClock {
        long millis = START;

        long read() {
            return millis;
        }
    }

    private final FakeClock clock = new FakeClock();

    private Snowflake generator(long workerId, Duration tolerance) {
        return new Snowflake(workerId, clock::read, tolerance);
    }

    private static long sequenceOf(long id) {
        return id & 0xFFF;
    }

    @Test
    void epochIsTheFirstOf2026() {
        assertThat(Snowflake.EPOCH).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(Snowflake.EPOCH.toEpochMilli()).isEqualTo(1_767_225_600_000L);
    }

    @Test
    void layoutIsTimestampWorkerSequence() {
        long id = generator(5, TEN_MS).nextId();

        assertThat(id).isPositive();
        assertThat(id >>> 22).isEqualTo(START - EPOCH);
        assertThat(Snowflake.timestampOf(id)).isEqualTo(START);
        assertThat(Snowflake.workerOf(id)).isEqualTo(5);
        assertThat(sequenceOf(id)).as("first id's sequence: 1, so that no id is 0").isEqualTo(1);
    }

    @Test
    void noIdIsZeroEvenAtTheEpochForWorkerZero() {
        clock.millis = EPOCH;
        Snowflake snowflake = generator(0, TEN_MS);

        for (int i = 0; i < 10_000; i++) {
            assertThat(snowflake.nextId()).isPositive();
        }
    }

    @Test
    void idsAreUniqueAndStrictlyIncreasingOnAnIrregularClock() {
        Snowflake snowflake = generator(1023, TEN_MS);
        Random random = new Random(42);
        long previous = 0;
        for (int i = 0; i < 300_000; i++) {
            // Mostly the same millisecond (bursts that overflow the sequence), sometimes a jump of a few ms.
            if (random.nextInt(2_000) == 0) {
                clock.millis += 1 + random.nextInt(5);
            }
            long id = snowflake.nextId();
            assertThat(id).isGreaterThan(previous);
            assertThat(Snowflake.workerOf(id)).isEqualTo(1023);
            previous = id;
        }
    }

    @Test
    void sequenceOverflowBorrowsTheNextLogicalMillisecond() {
        Snowflake snowflake = generator(7, TEN_MS);
        long[] ids = new long[4095 + 4096 + 10];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = snowflake.nextId();
        }

        assertThat(ids).isSorted().doesNotHaveDuplicates();
        assertThat(Snowflake.timestampOf(ids[0])).isEqualTo(START);
        assertThat(Snowflake.timestampOf(ids[4094])).isEqualTo(START);
        assertThat(sequenceOf(ids[4094])).isEqualTo(4095);
        assertThat(Snowflake.timestampOf(ids[4095])).isEqualTo(START + 1);
        assertThat(sequenceOf(ids[4095])).isZero();
        assertThat(Snowflake.timestampOf(ids[4095 + 4096])).isEqualTo(START + 2);
    }

    @Test
    void logicalClockAheadWaitsForTheRealClockToCatchUp() {
        Snowflake snowflake = generator(0, TEN_MS);
        long last = 0;
        for (int i = 0; i < 4095 + 4096 + 100; i++) {
            last = snowflake.nextId();
        }
        assertThat(Snowflake.timestampOf(last)).isEqualTo(START + 2);

        clock.millis = START + 1;
        long stillAhead = snowflake.nextId();
        clock.millis = START + 5;
        long caughtUp = snowflake.nextId();

        assertThat(stillAhead).isGreaterThan(last);
        assertThat(Snowflake.timestampOf(stillAhead)).isEqualTo(START + 2);
        assertThat(caughtUp).isGreaterThan(stillAhead);
        assertThat(Snowflake.timestampOf(caughtUp)).isEqualTo(START + 5);
    }

    @Test
    void rollbackWithinToleranceKeepsTheLastTimestamp() {
        Snowflake snowflake = generator(3, TEN_MS);
        long before = snowflake.nextId();

        clock.millis = START - 10;
        long during = snowflake.nextId();

        assertThat(during).isGreaterThan(before);
        assertThat(Snowflake.timestampOf(during)).isEqualTo(START);
        assertThat(sequenceOf(during)).isEqualTo(sequenceOf(before) + 1);
    }

    @Test
    void rollbackWithinToleranceOverflowsIntoLogicalMillisecondsWithoutDuplicates() {
        Snowflake snowflake = generator(3, TEN_MS);
        List<Long> ids = new ArrayList<>();
        ids.add(snowflake.nextId());
        clock.millis = START - 5;
        for (int i = 0; i < 3 * 4096; i++) {
            ids.add(snowflake.nextId());
        }
        // The real clock comes back past the rollback but not past the borrowed milliseconds.
        clock.millis = START + 1;
        ids.add(snowflake.nextId());

        assertThat(ids).isSorted().doesNotHaveDuplicates();
        assertThat(Snowflake.timestampOf(ids.get(ids.size() - 1))).isEqualTo(START + 3);
    }

    @Test
    void rollbackIsMeasuredFromTheLatestReadingNotFromTheLogicalClock() {
        Snowflake snowflake = generator(3, TEN_MS);
        for (int i = 0; i < 4095 + 100 * 4096; i++) {
            snowflake.nextId();
        }
        // 100 ms borrowed ahead of a still clock: that alone is no rollback, the generator carries on.
        assertThat(Snowflake.timestampOf(snowflake.nextId())).isEqualTo(START + 101);

        clock.millis = START - 10;
        assertThat(Snowflake.timestampOf(snowflake.nextId())).isEqualTo(START + 101);
        clock.millis = START - 11;
        assertThatThrownBy(snowflake::nextId).hasMessageContaining("Clock moved back by 11 ms");
    }

    @Test
    void rollbackBeyondToleranceThrowsAndSaysWhatToDo() {
        Snowflake snowflake = generator(3, TEN_MS);
        long before = snowflake.nextId();

        clock.millis = START - 11;

        assertThatThrownBy(snowflake::nextId)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Clock moved back by 11 ms")
                .hasMessageContaining("tolerance 10 ms")
                .hasMessageContaining("NTP")
                .hasMessageContaining("max clock rollback")
                .hasMessageContaining("ids resume when the clock reaches " + Instant.ofEpochMilli(START - 10));
        clock.millis = START - 2_000;
        assertThatThrownBy(snowflake::nextId).hasMessageContaining("Clock moved back by 2000 ms");

        clock.millis = START - 10;
        long after = snowflake.nextId();
        assertThat(after).isGreaterThan(before);
        assertThat(sequenceOf(after)).as("a refused call consumes nothing").isEqualTo(sequenceOf(before) + 1);
    }

    @Test
    void zeroToleranceRefusesAnyRollbackButNotAStillClock() {
        Snowflake snowflake = generator(3, Duration.ZERO);
        long first = snowflake.nextId();

        assertThat(snowflake.nextId()).isGreaterThan(first);
        clock.millis = START - 1;
        assertThatThrownBy(snowflake::nextId).hasMessageContaining("Clock moved back by 1 ms");
    }

    @Test
    void workerIdMustFitTenBits() {
        assertThatThrownBy(() -> generator(-1, TEN_MS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Snowflake worker id must be between 0 and 1023 (10 bits), got -1");
        assertThatThrownBy(() -> generator(1024, TEN_MS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 1024");
        assertThatThrownBy(() -> Snowflake.system(Long.MAX_VALUE)).isInstanceOf(IllegalArgumentException.class);

        assertThat(Snowflake.workerOf(generator(0, TEN_MS).nextId())).isZero();
        assertThat(Snowflake.workerOf(generator(1023, TEN_MS).nextId())).isEqualTo(1023);
        assertThat(Snowflake.MAX_WORKER_ID).isEqualTo(1023);
    }

    @Test
    void constructorRefusesMissingClockAndNegativeTolerance() {
        assertThatThrownBy(() -> new Snowflake(1, null, TEN_MS)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Snowflake(1, clock::read, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Snowflake(1, clock::read, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be negative");
    }

    @Test
    void clockBeforeTheEpochIsRefused() {
        clock.millis = EPOCH - 1;

        assertThatThrownBy(generator(1, TEN_MS)::nextId)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("before the Snowflake epoch 2026-01-01T00:00:00Z");
    }

    @Test
    void timestampRunsOutAfterFortyOneBits() {
        long lastMillisecond = EPOCH + (1L << 41) - 1;
        clock.millis = lastMillisecond;
        Snowflake snowflake = generator(1023, TEN_MS);
        long last = 0;
        for (int i = 0; i < 4095; i++) {
            last = snowflake.nextId();
        }

        assertThat(last).isPositive();
        assertThat(Snowflake.timestampOf(last)).isEqualTo(lastMillisecond);
        assertThatThrownBy(snowflake::nextId)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("timestamp exhausted");
        clock.millis = lastMillisecond + 1;
        assertThatThrownBy(snowflake::nextId).hasMessageContaining("2095-09-07T15:47:35.551Z");
    }

    @Test
    void diagnosticsRefuseNegativeIds() {
        assertThatThrownBy(() -> Snowflake.timestampOf(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Snowflake.workerOf(Long.MIN_VALUE)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void systemGeneratorUsesTheSystemClock() {
        long before = System.currentTimeMillis();
        long id = Snowflake.system(42).nextId();
        long after = System.currentTimeMillis();

        assertThat(Snowflake.workerOf(id)).isEqualTo(42);
        assertThat(Snowflake.timestampOf(id)).isBetween(before, after);
        assertThat(Snowflake.DEFAULT_MAX_CLOCK_ROLLBACK).isEqualTo(Duration.ofMillis(10));
    }

    @Test
    void idsAtOnePerMillisecondSpreadEvenlyOverModTwoAndModFour() {
        Snowflake snowflake = generator(0, TEN_MS);
        long[] ids = new long[10_000];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = snowflake.nextId();
            clock.millis++;
        }

        assertEvenSpread(ids, 2);
        assertEvenSpread(ids, 4);
        for (int i = 1; i < ids.length; i++) {
            assertThat(ids[i] % 4).as("consecutive ids rotate through the residues").isEqualTo((ids[i - 1] + 1) % 4);
        }
    }

    @Test
    void idsSpreadEvenlyAtIrregularRatesToo() {
        Snowflake snowflake = generator(9, TEN_MS);
        Random random = new Random(7);
        long[] ids = new long[40_000];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = snowflake.nextId();
            if (random.nextInt(3) == 0) {
                clock.millis += 1 + random.nextInt(3);
            }
        }

        assertEvenSpread(ids, 2);
        assertEvenSpread(ids, 4);
        assertEvenSpread(ids, 16);
    }

    private static void assertEvenSpread(long[] ids, int shards) {
        long[] counts = new long[shards];
        for (long each : ids) {
            counts[(int) (each % shards)]++;
        }
        double expected = (double) ids.length / shards;
        for (int shard = 0; shard < shards; shard++) {
            assertThat((double) counts[shard])
                    .as("ids with id %% %d == %d, counts %s", shards, shard, Arrays.toString(counts))
                    .isCloseTo(expected, within(expected * 0.01));
        }
    }

    @Test
    void concurrentCallersGetUniqueIncreasingIds() throws Exception {
        // A clock that moves one millisecond every 10,000 reads: threads share milliseconds and overflow them.
        AtomicLong reads = new AtomicLong();
        Snowflake snowflake = new Snowflake(11, () -> START + reads.getAndIncrement() / 10_000, TEN_MS);
        int threads = 4;
        int perThread = 50_000;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<long[]>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    long[] ids = new long[perThread];
                    for (int i = 0; i < perThread; i++) {
                        ids[i] = snowflake.nextId();
                    }
                    return ids;
                }));
            }
            start.countDown();
            long[] all = new long[threads * perThread];
            for (int t = 0; t < threads; t++) {
                long[] ids = results.get(t).get(60, TimeUnit.SECONDS);
                assertThat(ids).as("each caller sees increasing ids").isSorted();
                System.arraycopy(ids, 0, all, t * perThread, perThread);
            }
            assertThat(Arrays.stream(all).distinct().count()).isEqualTo(all.length);
        } finally {
            pool.shutdownNow();
        }
    }
}
