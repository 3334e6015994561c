package io.shardline.router.algorithm;

import java.util.List;

/**
 * {@code hash-mod}: any key (strings included) goes to shard {@code StableHash.hash(key) mod count}: CRC-32 of the
 * key's canonical text, so a DBA can find a row's shard in SQL with {@code CRC32(key) % count}. Ranges cannot be
 * narrowed.
 */
public record HashModSharding(String column, int count) implements SingleColumnSharding {
    public HashModSharding {
        if (count < 1) {
            throw new IllegalArgumentException("hash-mod needs a shard count of at least 1, got " + count);
        }
    }

    @Override
    public String targetOf(List<String> targets, Object value) {
        if (value == null) {
            throw new ShardingException(name() + " cannot place NULL; give " + column + " a value");
        }
        long hash;
        try {
            hash = StableHash.hash(value);
        } catch (IllegalArgumentException e) {
            throw new ShardingException(name() + ": " + e.getMessage());
        }
        return Targets.byIndex(targets, hash % count, this::name, value);
    }

    @Override
    public List<String> targets(List<String> targets, String column, ValueRange range) {
        return targets;
    }

    private String name() {
        return "hash-mod(" + column + ", " + count + ")";
    }
}
