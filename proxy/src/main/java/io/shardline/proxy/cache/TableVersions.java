package io.shardline.proxy.cache;

import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A version number per logical table, bumped by every write Shardline sees to it, plus one epoch bumped by writes
 * whose tables cannot be told (CALL, unparsable statements): invalidation by version rather than by an index of
 * keys per table. An entry keeps the {@link Stamp} taken before its statement was sent to the backend and is good
 * only while the stamp is still current. That closes the race an index cannot: a read that started before a write
 * committed and finishes after the write's invalidation carries an old stamp, so it is never served, even though it
 * is stored after the invalidation ran. Invalidating is one increment, whatever the number of entries; stale
 * entries are dropped when next looked up, or by size and TTL.
 */
public final class TableVersions {
    private final ConcurrentHashMap<String, AtomicLong> versions = new ConcurrentHashMap<>();
    private final AtomicLong epoch = new AtomicLong();

    /** The versions of {@code tables} ("schema.table", lower case) now, with the epoch. */
    public Stamp stamp(Collection<String> tables) {
        long at = epoch.get();
        String[] names = tables.toArray(new String[0]);
        long[] seen = new long[names.length];
        for (int i = 0; i < names.length; i++) {
            seen[i] = version(names[i]);
        }
        return new Stamp(names, seen, at);
    }

    /** True when no table of the stamp was written since it was taken. */
    public boolean current(Stamp stamp) {
        if (stamp.epoch() != epoch.get()) {
            return false;
        }
        for (int i = 0; i < stamp.tables().length; i++) {
            if (version(stamp.tables()[i]) != stamp.versions()[i]) {
                return false;
            }
        }
        return true;
    }

    public void invalidate(Collection<String> tables) {
        for (String each : tables) {
            versions.computeIfAbsent(each, name -> new AtomicLong()).incrementAndGet();
        }
    }

    /** Every entry stored so far is stale. */
    public void invalidateAll() {
        epoch.incrementAndGet();
    }

    private long version(String table) {
        AtomicLong result = versions.get(table);
        return result == null ? 0 : result.get();
    }

    /** The table versions one read saw before it ran; arrays are owned by the stamp. */
    public record Stamp(String[] tables, long[] versions, long epoch) {
    }
}
