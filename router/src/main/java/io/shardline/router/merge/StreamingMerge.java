package io.shardline.router.merge;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The k-way merge of an ORDER BY over several shards whose rows arrive while it runs, each shard's rows already in
 * that order (the shard ran the same ORDER BY): the next row out is the least head of the shards' queues, ties
 * going to the lower shard index, so the answer equals a stable sort of the shards' rows taken shard after shard,
 * which is what {@link RowMerger} gives. A row can go out only once every shard still sending has a row queued:
 * a shard with an empty queue may yet send a smaller one. OFFSET rows are skipped, LIMIT rows kept, hidden columns
 * dropped. With no ORDER BY keys the shards' rows come out shard after shard.
 *
 * <p>Memory is bounded by the caller: a shard's queue over its high-water mark ({@link #overHighWater}) is a
 * signal to stop reading that shard, and under the low-water mark ({@link #underLowWater}) to read on. A queue
 * that must grow for a row to go out is always an empty one, so pausing full queues never stalls the merge.
 * One instance per statement, used from one thread.
 *
 * <p>The merge is only as right as {@link RowOrder}'s model of the servers' order (collations, types). Each shard's
 * rows are checked to come in that order: a shard sending a row the model puts before its previous one means the
 * model and the server disagree, and the merged answer would be out of order (or, grouped, repeat a group), so
 * the merge stops with {@link OrderMismatch} instead of answering wrongly.
 */
public final class StreamingMerge implements MergeStream {
    /** A row's bookkeeping beyond its values: the array and one reference per value. */
    private static final int ROW_OVERHEAD = 16;
    private static final int VALUE_OVERHEAD = 16;

    private final RowOrder order;
    private final int visible;
    private final long offset;
    private final long limit;
    private final QueueMarks marks;
    private final ArrayDeque<byte[][]>[] queues;
    private final long[] queuedBytes;
    private final boolean[] finished;
    /** Each shard's last row, to check that its rows come in the merge's order. */
    private final byte[][][] lastRows;
    /** The shards whose queue has rows, ordered by their head row, then by index. */
    private final PriorityQueue<Integer> heads;
    /** Shards still sending with nothing queued: while there is one, no row can go out. */
    private int waiting;
    private long skipped;
    private long sent;

    /**
     * How full a shard's queue may get.
     *
     * @param highRows rows at which reading the shard should pause
     * @param highBytes bytes (values and bookkeeping) at which it should pause; reading resumes when the queue
     *     is back under half of both
     */
    public record QueueMarks(int highRows, long highBytes) {
        public QueueMarks {
            if (highRows < 1 || highBytes < 1) {
                throw new IllegalArgumentException("queue marks must be positive: " + highRows + " rows, "
                        + highBytes + " bytes");
            }
        }
    }

    /**
     * Whether {@code plan} is a plain ORDER BY (with OFFSET and LIMIT, hidden ORDER BY columns allowed) that this
     * merge can answer row by row: nothing grouped, aggregated, de-duplicated or filtered after the shards.
     */
    public static boolean supports(MergePlan plan) {
        return !plan.grouped() && plan.groupKeys().isEmpty() && plan.aggregates().isEmpty() && !plan.distinct()
                && plan.having() == null && plan.distinctValues().isEmpty();
    }

    /**
     * @param plan an order-only plan ({@link #supports})
     * @param columns every column of the shards' rows, the hidden ones last
     * @param shards how many shards send rows, numbered from 0
     */
    @SuppressWarnings("unchecked")
    public StreamingMerge(MergePlan plan, List<ColumnInfo> columns, int shards, QueueMarks marks) {
        if (!supports(plan)) {
            throw new IllegalArgumentException("a streaming merge cannot group, aggregate, de-duplicate or filter");
        }
        this.visible = columns.size() - plan.hiddenColumns();
        if (visible <= 0) {
            throw new IllegalArgumentException("the shards returned " + columns.size() + " columns, fewer than the "
                    + plan.hiddenColumns() + " Shardline added");
        }
        this.order = new RowOrder(plan.order(), columns, visible);
        this.offset = plan.offset();
        this.limit = plan.limit();
        this.marks = marks;
        this.queues = new ArrayDeque[shards];
        for (int i = 0; i < shards; i++) {
            queues[i] = new ArrayDeque<>();
        }
        this.queuedBytes = new long[shards];
        this.finished = new boolean[shards];
        this.lastRows = new byte[shards][][];
        this.heads = new PriorityQueue<>(Math.max(1, shards), (left, right) -> {
            int result = order.compare(queues[left].peekFirst(), queues[right].peekFirst());
            return result != 0 ? result : Integer.compare(left, right);
        });
        this.waiting = shards;
    }

    /** Queues a row of {@code shard} (every column, hidden ones included); dropped once the limit is reached. */
    @Override
    public void add(int shard, byte[][] row) {
        if (finished[shard]) {
            throw new IllegalStateException("shard " + shard + " already finished");
        }
        if (limitReached()) {
            return;
        }
        byte[][] last = lastRows[shard];
        if (last != null && order.compare(row, last) < 0) {
            throw new OrderMismatch(shard);
        }
        lastRows[shard] = row;
        ArrayDeque<byte[][]> queue = queues[shard];
        queue.addLast(row);
        queuedBytes[shard] += size(row);
        if (queue.size() == 1) {
            waiting--;
            heads.add(shard);
        }
    }

    /** {@code shard} sent its last row. */
    @Override
    public void finish(int shard) {
        if (finished[shard]) {
            return;
        }
        finished[shard] = true;
        if (queues[shard].isEmpty()) {
            waiting--;
        }
    }

    /**
     * The next row for the client, visible columns only; null when none can go yet (a shard still sending has
     * nothing queued) or any more (see {@link #exhausted}).
     */
    @Override
    public byte[][] poll() {
        while (!limitReached() && waiting == 0 && !heads.isEmpty()) {
            byte[][] row = take();
            if (skipped < offset) {
                skipped++;
                continue;
            }
            sent++;
            if (limitReached()) {
                clear();
            }
            return row.length == visible ? row : Arrays.copyOf(row, visible);
        }
        return null;
    }

    /** Whether every row the client gets has been polled: the limit is reached, or every shard finished and sent. */
    @Override
    public boolean exhausted() {
        return limitReached() || waiting == 0 && heads.isEmpty() && allFinished();
    }

    /** The rows the client asked for are out: whatever the shards still send is not needed. */
    @Override
    public boolean limitReached() {
        return limit >= 0 && sent >= limit;
    }

    @Override
    public boolean overHighWater(int shard) {
        return queues[shard].size() >= marks.highRows() || queuedBytes[shard] >= marks.highBytes();
    }

    @Override
    public boolean underLowWater(int shard) {
        return queues[shard].size() <= marks.highRows() / 2 && queuedBytes[shard] <= marks.highBytes() / 2;
    }

    /** The least head row, taken off its queue. */
    private byte[][] take() {
        int shard = heads.poll();
        ArrayDeque<byte[][]> queue = queues[shard];
        byte[][] row = queue.pollFirst();
        queuedBytes[shard] -= size(row);
        if (!queue.isEmpty()) {
            heads.add(shard);
        } else if (!finished[shard]) {
            waiting++;
        }
        return row;
    }

    /** Nothing more goes out: the queued rows are let go at once. */
    private void clear() {
        for (int i = 0; i < queues.length; i++) {
            queues[i].clear();
            queuedBytes[i] = 0;
        }
        heads.clear();
    }

    private boolean allFinished() {
        for (boolean each : finished) {
            if (!each) {
                return false;
            }
        }
        return true;
    }

    private static long size(byte[][] row) {
        long result = ROW_OVERHEAD;
        for (byte[] each : row) {
            result += VALUE_OVERHEAD + (each == null ? 0 : each.length);
        }
        return result;
    }

    /**
     * A shard sent its rows in an order Shardline's model of the ORDER BY columns (their collations and types)
     * does not follow: the statement cannot be merged exactly. MySQL's error 1105 (unknown error), naming what to
     * do.
     */
    public static final class OrderMismatch extends io.shardline.router.algorithm.ShardingException {
        public OrderMismatch(int shard) {
            super("Shardline: shard " + (shard + 1) + " sent its rows in an order that Shardline's model of the"
                    + " ORDER BY / GROUP BY columns (their collation or type, e.g. an ENUM, or a collation it does not"
                    + " model) does not follow, so the merged rows could be out of order or repeat a group; the"
                    + " statement was stopped. Order by columns with a _bin, _general_ci or _unicode_ci collation, or"
                    + " run the statement on one shard (give its sharding columns in WHERE)", 1105, "HY000");
        }
    }
}
