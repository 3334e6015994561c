package io.shardline.router.algorithm;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Snowflake key generator: fills a missing key column on INSERT with a unique, increasing, positive 64-bit id, as
 * Twitter's Snowflake and ShardingSphere's {@code SNOWFLAKE} do.
 *
 * <pre>
 *  0 | 41 bits: milliseconds since {@link #EPOCH} | 10 bits: worker id | 12 bits: sequence
 * </pre>
 *
 * <p>{@link #EPOCH} is 2026-01-01T00:00:00Z, so the 41-bit timestamp lasts until 2095-09-07. The worker id comes
 * from configuration and must differ between every generator that writes to the same tables: two generators
 * with the same worker id issue the same ids.
 *
 * <p><b>Sequence.</b> The 12-bit sequence is one running counter: every id takes the previous id's sequence plus
 * one, modulo 4096, also across milliseconds (it is not reset to 0 in a new millisecond). A reset would give
 * every id made at a low rate sequence 0, so {@code id % 2} would always be 0 and a {@code mod} rule on the key
 * would put every row on one shard. With the counter, consecutive ids of one generator rotate through every
 * residue of {@code id % N} for N a power of two up to 4096, at any rate. For other N the timestamp bits take
 * part and the spread depends on timing; {@code hash-mod} spreads them evenly.
 *
 * <p><b>Running out of sequence.</b> Ids within one millisecond must have increasing sequences, so when the
 * counter wraps to 0 inside a millisecond the generator moves on to the next <em>logical</em> millisecond
 * instead of waiting (no sleep, no busy wait). Under a sustained rate above 4096 ids/ms the logical clock runs
 * ahead of the real one; that is allowed and unbounded, and it ends as soon as the rate drops. The one risk: a
 * generator restarted while its logical clock is ahead (by the number of milliseconds borrowed) could repeat
 * ids; at realistic rates the lead is zero or a few milliseconds.
 *
 * <p><b>Clock going backwards.</b> Rollback is measured against the latest reading seen. Within
 * {@code maxClockRollback} the generator carries on from its last timestamp (the sequence keeps counting and
 * overflow borrows the next logical millisecond, as above), so ids stay unique and strictly increasing. Beyond
 * it {@link #nextId()} throws {@link IllegalStateException} until the clock comes back: carrying on would stamp
 * ids with a time that is wrong by the whole jump, and a restart during it would forget the last timestamp and
 * issue duplicates. A duplicate is never returned.
 *
 * <p>Thread-safe: {@link #nextId()} is synchronized; it does a few arithmetic steps, so contention is short.
 */
public final class Snowflake {
    /** Start of the timestamp: 2026-01-01T00:00:00Z. Changing it would make new ids collide with old ones. */
    public static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

    public static final int MAX_WORKER_ID = (1 << 10) - 1;

    /** The tolerance {@link #system(long)} uses: absorbs NTP's small corrections, nothing bigger. */
    public static final Duration DEFAULT_MAX_CLOCK_ROLLBACK = Duration.ofMillis(10);

    private static final long EPOCH_MILLIS = EPOCH.toEpochMilli();
    private static final int SEQUENCE_BITS = 12;
    private static final int WORKER_SHIFT = SEQUENCE_BITS;
    private static final int TIMESTAMP_SHIFT = SEQUENCE_BITS + 10;
    private static final long SEQUENCE_MASK = (1L << SEQUENCE_BITS) - 1;
    private static final long MAX_TIMESTAMP = (1L << 41) - 1;

    private final long workerBits;
    private final LongSupplier clockMillis;
    private final long maxRollbackMillis;

    // Guarded by this. The first id gets sequence 1, so that no id is ever 0: MySQL reads 0 in an AUTO_INCREMENT
    // column as "generate one", and worker 0 at the epoch's first millisecond would otherwise produce it.
    private long lastTimestamp = -1;
    private long latestClockMillis = Long.MIN_VALUE;
    private long sequence = 0;

    /**
     * @param workerId this generator's id, 0..1023, unique among generators writing the same tables
     * @param clockMillis milliseconds since the Unix epoch, as {@link System#currentTimeMillis()}
     * @param maxClockRollback how far the clock may go backwards before {@link #nextId()} refuses
     */
    public Snowflake(long workerId, LongSupplier clockMillis, Duration maxClockRollback) {
        if (workerId < 0 || workerId > MAX_WORKER_ID) {
            throw new IllegalArgumentException("Snowflake worker id must be between 0 and " + MAX_WORKER_ID
                    + " (10 bits), got " + workerId);
        }
        Objects.requireNonNull(maxClockRollback, "maxClockRollback");
        if (maxClockRollback.isNegative()) {
            throw new IllegalArgumentException("Snowflake max clock rollback must not be negative, got "
                    + maxClockRollback);
        }
        this.workerBits = workerId << WORKER_SHIFT;
        this.clockMillis = Objects.requireNonNull(clockMillis, "clockMillis");
        this.maxRollbackMillis = maxClockRollback.toMillis();
    }

    /** A generator on the system clock that tolerates {@link #DEFAULT_MAX_CLOCK_ROLLBACK}. */
    public static Snowflake system(long workerId) {
        return new Snowflake(workerId, System::currentTimeMillis, DEFAULT_MAX_CLOCK_ROLLBACK);
    }

    /**
     * The next id: positive, unique for this worker id and greater than every id this generator returned before.
     *
     * @throws IllegalStateException if the clock moved back by more than the tolerance, reads before
     *     {@link #EPOCH}, or is past the end of the 41-bit timestamp; the generator's state is left unchanged
     */
    public synchronized long nextId() {
        long now = clockMillis.getAsLong();
        checkClock(now);
        long nextSequence = (sequence + 1) & SEQUENCE_MASK;
        long timestamp = Math.max(now - EPOCH_MILLIS, lastTimestamp);
        if (timestamp == lastTimestamp && nextSequence == 0) {
            // This millisecond's 4096 sequences are used up: borrow the next logical millisecond.
            timestamp++;
        }
        if (timestamp > MAX_TIMESTAMP) {
            throw new IllegalStateException("Snowflake timestamp exhausted: 41 bits of milliseconds since "
                    + EPOCH + " end at " + Instant.ofEpochMilli(EPOCH_MILLIS + MAX_TIMESTAMP));
        }
        latestClockMillis = Math.max(latestClockMillis, now);
        lastTimestamp = timestamp;
        sequence = nextSequence;
        return timestamp << TIMESTAMP_SHIFT | workerBits | nextSequence;
    }

    private void checkClock(long now) {
        if (now < EPOCH_MILLIS) {
            throw new IllegalStateException("Clock reads " + Instant.ofEpochMilli(now)
                    + ", before the Snowflake epoch " + EPOCH + ": fix the host's time");
        }
        if (now < latestClockMillis && latestClockMillis - now > maxRollbackMillis) {
            throw new IllegalStateException("Clock moved back by " + (latestClockMillis - now) + " ms (tolerance "
                    + maxRollbackMillis + " ms): refusing to generate ids that could repeat. Fix the host's time"
                    + " synchronization (NTP should slew, not step, the clock) or raise the key generator's max"
                    + " clock rollback; ids resume when the clock reaches " + Instant.ofEpochMilli(latestClockMillis
                    - maxRollbackMillis));
        }
    }

    /** When an id was made, in milliseconds since the Unix epoch (logical time: see the class notes). */
    public static long timestampOf(long id) {
        return (checkId(id) >>> TIMESTAMP_SHIFT) + EPOCH_MILLIS;
    }

    /** The worker id of the generator that made an id. */
    public static long workerOf(long id) {
        return (checkId(id) >>> WORKER_SHIFT) & MAX_WORKER_ID;
    }

    private static long checkId(long id) {
        if (id < 0) {
            throw new IllegalArgumentException("Snowflake ids are positive, got " + id);
        }
        return id;
    }
}
