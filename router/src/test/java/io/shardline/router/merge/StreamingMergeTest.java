package io.shardline.router.merge;

import static io.shardline.router.merge.TextRows.row;
import static io.shardline.router.merge.TextRows.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StreamingMergeTest {
    private static final ColumnInfo NAME = new ColumnInfo(ValueKind.STRING, "utf8mb4_general_ci", 0);
    private static final ColumnInfo INT = new ColumnInfo(ValueKind.INTEGER, null, 0);
    private static final StreamingMerge.QueueMarks ROOMY = new StreamingMerge.QueueMarks(1_000_000, 1L << 40);

    private static MergePlan ordered(int hidden, long offset, long limit, SortKey... keys) {
        return new MergePlan(hidden, false, List.of(), Map.of(), Map.of(), false, List.of(keys), offset, limit);
    }

    private static List<String> drain(StreamingMerge merge) {
        List<String> result = new ArrayList<>();
        for (byte[][] each = merge.poll(); each != null; each = merge.poll()) {
            result.add(text(each));
        }
        return result;
    }

    @Test
    void aRowWaitsUntilEveryShardStillSendingHasOneQueued() {
        StreamingMerge merge = new StreamingMerge(ordered(0, 0, -1, new SortKey(Slot.visible(0), false)),
                List.of(INT), 2, ROOMY);
        merge.add(0, row("5"));
        assertThat(merge.poll()).as("shard 1 may still send a smaller row").isNull();
        merge.add(1, row("3"));
        assertThat(drain(merge)).containsExactly("3");
        merge.finish(1);
        assertThat(drain(merge)).containsExactly("5");
        assertThat(merge.exhausted()).isFalse();
        merge.finish(0);
        assertThat(merge.exhausted()).isTrue();
    }

    @Test
    void aShardWhoseRowsBreakTheModelsOrderStopsTheMerge() {
        // An ENUM sorts by its index on the server ('b' before 'a' for ENUM('b', 'a')): as text the model disagrees.
        StreamingMerge merge = new StreamingMerge(ordered(0, 0, -1, new SortKey(Slot.visible(0), false)),
                List.of(NAME), 2, ROOMY);
        merge.add(0, row("b"));
        merge.add(0, row("B")); // equal under general_ci: fine
        assertThatThrownBy(() -> merge.add(0, row("a"))).isInstanceOf(StreamingMerge.OrderMismatch.class)
                .hasMessageContaining("shard 1 sent its rows in an order");
        StreamingMerge descending = new StreamingMerge(ordered(0, 0, -1, new SortKey(Slot.visible(0), true)),
                List.of(INT), 1, ROOMY);
        descending.add(0, row("9"));
        descending.add(0, row("9"));
        descending.add(0, row("2"));
        assertThatThrownBy(() -> descending.add(0, row("10"))).isInstanceOf(StreamingMerge.OrderMismatch.class);
    }

    @Test
    void tiesGoToTheLowerShardAndShardsKeepTheirOwnOrder() {
        StreamingMerge merge = new StreamingMerge(ordered(0, 0, -1, new SortKey(Slot.visible(0), false)),
                List.of(NAME, INT), 3, ROOMY);
        merge.add(2, row("a", "20"));
        merge.add(1, row("A", "10"));
        merge.add(1, row("b", "11"));
        merge.add(0, row("á", "0"));
        merge.finish(0);
        merge.finish(1);
        merge.finish(2);
        assertThat(drain(merge)).containsExactly("á|0", "A|10", "a|20", "b|11");
    }

    @Test
    void offsetAndLimitApplyToTheMergedRowsAndLaterRowsAreDropped() {
        StreamingMerge merge = new StreamingMerge(ordered(0, 1, 2, new SortKey(Slot.visible(0), true)),
                List.of(INT), 2, ROOMY);
        merge.add(0, row("9"));
        merge.add(0, row("4"));
        merge.add(1, row("7"));
        merge.add(1, row("6"));
        assertThat(drain(merge)).containsExactly("7", "6");
        assertThat(merge.limitReached()).isTrue();
        assertThat(merge.exhausted()).as("the client has all it asked for").isTrue();
        merge.add(1, row("5"));
        assertThat(merge.overHighWater(1)).isFalse();
        assertThat(merge.underLowWater(0)).as("queued rows are let go").isTrue();
        assertThat(merge.poll()).isNull();
    }

    @Test
    void limitZeroIsExhaustedAtOnce() {
        StreamingMerge merge = new StreamingMerge(ordered(0, 0, 0), List.of(INT), 2, ROOMY);
        assertThat(merge.exhausted()).isTrue();
        merge.add(0, row("1"));
        assertThat(merge.poll()).isNull();
    }

    @Test
    void hiddenColumnsAreDropped() {
        StreamingMerge merge = new StreamingMerge(ordered(1, 0, -1, new SortKey(Slot.hidden(0), false)),
                List.of(NAME, INT), 2, ROOMY);
        merge.add(0, row("x", "2"));
        merge.add(1, row("y", "1"));
        merge.finish(0);
        merge.finish(1);
        assertThat(drain(merge)).containsExactly("y", "x");
    }

    @Test
    void withoutKeysTheShardsComeOneAfterAnother() {
        StreamingMerge merge = new StreamingMerge(MergePlan.asTheyCome(), List.of(INT), 2, ROOMY);
        merge.add(1, row("10"));
        merge.add(0, row("2"));
        assertThat(drain(merge)).containsExactly("2");
        merge.add(0, row("1"));
        merge.finish(0);
        assertThat(drain(merge)).containsExactly("1", "10");
    }

    @Test
    void waterMarksFollowRowsAndBytes() {
        StreamingMerge merge = new StreamingMerge(ordered(0, 0, -1, new SortKey(Slot.visible(0), false)),
                List.of(NAME), 2, new StreamingMerge.QueueMarks(4, 1000));
        for (int i = 0; i < 3; i++) {
            merge.add(0, row("r" + i));
        }
        assertThat(merge.overHighWater(0)).isFalse();
        merge.add(0, row("r3"));
        assertThat(merge.overHighWater(0)).isTrue();
        assertThat(merge.underLowWater(0)).isFalse();
        merge.add(1, row("x".repeat(1000)));
        assertThat(merge.overHighWater(1)).as("one large row is over the byte mark").isTrue();
        merge.finish(0);
        merge.finish(1);
        assertThat(drain(merge)).hasSize(5);
        assertThat(merge.underLowWater(0)).isTrue();
        assertThat(merge.underLowWater(1)).isTrue();
    }

    @Test
    void equalsTheCollectedMergeForAnyArrivalOrder() {
        Random random = new Random(20240611L);
        List<ColumnInfo> columns = List.of(NAME, INT, INT);
        String[] names = {"a", "A", "b", "B", "é", "e", null, "ss", "ß", "z"};
        for (int round = 0; round < 200; round++) {
            int shards = 1 + random.nextInt(5);
            long offset = random.nextInt(4) == 0 ? random.nextInt(10) : 0;
            long limit = random.nextInt(3) == 0 ? random.nextInt(15) : -1;
            MergePlan plan = ordered(1, offset, limit, new SortKey(Slot.visible(0), random.nextBoolean()),
                    new SortKey(Slot.hidden(0), random.nextBoolean()));
            RowOrder order = new RowOrder(plan.order(), columns, 2);
            List<List<byte[][]>> perShard = new ArrayList<>();
            List<byte[][]> all = new ArrayList<>();
            for (int s = 0; s < shards; s++) {
                List<byte[][]> rows = new ArrayList<>();
                int count = random.nextInt(12);
                for (int i = 0; i < count; i++) {
                    rows.add(row(names[random.nextInt(names.length)], String.valueOf(s * 100 + i),
                            random.nextInt(3) == 0 ? null : String.valueOf(random.nextInt(4))));
                }
                rows.sort(order);
                perShard.add(rows);
                all.addAll(rows);
            }
            List<String> expected = new RowMerger(plan, columns).merge(all).stream()
                    .map(TextRows::text).toList();
            StreamingMerge merge = new StreamingMerge(plan, columns, shards, ROOMY);
            int[] next = new int[shards];
            List<String> streamed = new ArrayList<>();
            List<Integer> open = new ArrayList<>();
            for (int s = 0; s < shards; s++) {
                open.add(s);
            }
            while (!open.isEmpty()) {
                int shard = open.get(random.nextInt(open.size()));
                if (next[shard] == perShard.get(shard).size()) {
                    merge.finish(shard);
                    open.remove(Integer.valueOf(shard));
                } else {
                    merge.add(shard, perShard.get(shard).get(next[shard]++));
                }
                streamed.addAll(drain(merge));
            }
            assertThat(merge.exhausted()).isTrue();
            assertThat(streamed).as("round " + round).isEqualTo(expected);
        }
    }

    @Test
    void onlyPlainOrderingsStream() {
        assertThat(StreamingMerge.supports(ordered(1, 5, 10, new SortKey(Slot.hidden(0), false)))).isTrue();
        assertThat(StreamingMerge.supports(MergePlan.asTheyCome())).isTrue();
        assertThat(StreamingMerge.supports(new MergePlan(0, true, List.of(Slot.visible(0)), Map.of(), Map.of(),
                false, List.of(), 0, -1))).isFalse();
        assertThat(StreamingMerge.supports(new MergePlan(0, false, List.of(), Map.of(), Map.of(), true, List.of(),
                0, -1))).isFalse();
        assertThat(StreamingMerge.supports(new MergePlan(0, false, List.of(), Map.of(), Map.of(), false, List.of(),
                0, -1, new Condition.IsNull(new Condition.Column(Slot.visible(0)), false)))).isFalse();
        assertThatThrownBy(() -> new StreamingMerge(new MergePlan(0, false, List.of(), Map.of(), Map.of(), true,
                List.of(), 0, -1), List.of(INT), 2, ROOMY)).isInstanceOf(IllegalArgumentException.class);
    }
}
