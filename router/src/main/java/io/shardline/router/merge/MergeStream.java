package io.shardline.router.merge;

import java.util.List;

/**
 * A merge that takes the shards' rows while they arrive and hands out the client's rows as soon as they are known,
 * holding a bounded number of rows per shard: the caller reads a shard only while its queue is under the marks.
 * {@link StreamingMerge} answers an ORDER BY; {@link StreamingGroups} a GROUP BY or DISTINCT on top of it.
 * One instance per statement, used from one thread.
 */
public interface MergeStream {
    /** Whether {@code plan} can be merged as its rows arrive (otherwise every row is collected first). */
    static boolean supports(MergePlan plan) {
        return StreamingMerge.supports(plan) || StreamingGroups.supports(plan);
    }

    /**
     * Whether each shard was sent the client's LIMIT as {@code LIMIT offset + count}: what a shard still sends once
     * the merge's LIMIT is reached is then short. Not so under HAVING, which the merge evaluates.
     */
    static boolean shardsLimited(MergePlan plan) {
        return StreamingMerge.supports(plan) || StreamOrder.limitsShards(plan);
    }

    /**
     * The streaming merge for {@code plan} ({@link #supports}).
     *
     * @param columns every column of the shards' rows, the hidden ones last
     * @param shards how many shards send rows, numbered from 0
     */
    static MergeStream of(MergePlan plan, List<ColumnInfo> columns, int shards, StreamingMerge.QueueMarks marks) {
        return StreamingMerge.supports(plan) ? new StreamingMerge(plan, columns, shards, marks)
                : new StreamingGroups(plan, columns, shards, marks);
    }

    /** Queues a row of {@code shard} (every column, hidden ones included). */
    void add(int shard, byte[][] row);

    /** {@code shard} sent its last row. */
    void finish(int shard);

    /** The next row for the client, visible columns only; null when none can go yet or any more. */
    byte[][] poll();

    /** Whether every row the client gets has been polled. */
    boolean exhausted();

    /** The rows the client asked for (its LIMIT) are out: whatever the shards still send is not needed. */
    boolean limitReached();

    /** Reading {@code shard} should pause: its queue is full. */
    boolean overHighWater(int shard);

    /** Reading {@code shard} may resume. */
    boolean underLowWater(int shard);
}
