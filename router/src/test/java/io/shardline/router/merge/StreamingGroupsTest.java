package io.shardline.router.merge;

import static io.shardline.router.merge.TextRows.row;
import static io.shardline.router.merge.TextRows.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StreamingGroupsTest {
    private static final ColumnInfo NAME = new ColumnInfo(ValueKind.STRING, "utf8mb4_general_ci", 0);
    private static final ColumnInfo INT = new ColumnInfo(ValueKind.INTEGER, null, 0);
    private static final ColumnInfo MONEY = new ColumnInfo(ValueKind.DECIMAL, null, 2);
    private static final StreamingMerge.QueueMarks ROOMY = new StreamingMerge.QueueMarks(1_000_000, 1L << 40);
    private static final SortKey FIRST_ASC = new SortKey(Slot.visible(0), false);

    /** name, COUNT(*), SUM(amount) as AVG's sum, MIN(amount); hidden COUNT(amount): grouped by name. */
    private static MergePlan byName(List<SortKey> order, long offset, long limit, Condition having) {
        MergePlan plan = new MergePlan(1, true, List.of(Slot.visible(0)), Map.of(Slot.visible(1), Aggregate.COUNT,
                Slot.visible(2), Aggregate.AVG, Slot.visible(3), Aggregate.MIN, Slot.hidden(0), Aggregate.COUNT),
                Map.of(Slot.visible(2), Slot.hidden(0)), false, order, offset, limit, having);
        return plan.streamedIn(order.isEmpty() ? List.of(FIRST_ASC) : order);
    }

    private static final List<ColumnInfo> BY_NAME_COLUMNS = List.of(NAME, INT, MONEY, MONEY, INT);

    /** Feeds every shard's rows, finishes them all, and drains. */
    private static List<String> run(MergeStream merge, List<List<byte[][]>> shards) {
        for (int i = 0; i < shards.size(); i++) {
            for (byte[][] each : shards.get(i)) {
                merge.add(i, each);
            }
            merge.finish(i);
        }
        List<String> result = new ArrayList<>();
        for (byte[][] each = merge.poll(); each != null; each = merge.poll()) {
            result.add(text(each));
        }
        assertThat(merge.exhausted()).isTrue();
        return result;
    }

    @Test
    void aGroupSpreadOverShardsIsOneRowAggregatedAsTheCollectingMergeDoes() {
        List<List<byte[][]>> shards = List.of(
                List.of(row("new", "1", null, null, "0"), row("paid", "2", "10.00", "3.00", "2")),
                List.of(row("new", "3", "3.00", "1.00", "3"), row("PAID", "1", "5.01", "5.01", "1")),
                List.<byte[][]>of(row("zoo", "1", "1.00", "1.00", "1")));
        MergePlan plan = byName(List.of(), 0, -1, null);
        List<String> streamed = run(new StreamingGroups(plan, BY_NAME_COLUMNS, 3, ROOMY), shards);
        assertThat(streamed).containsExactly("new|4|1.000000|1.00", "paid|3|5.003333|3.00", "zoo|1|1.000000|1.00");
        List<byte[][]> all = new ArrayList<>();
        shards.forEach(all::addAll);
        assertThat(streamed).isEqualTo(new RowMerger(plan, BY_NAME_COLUMNS).merge(all).stream()
                .map(TextRows::text).toList());
    }

    @Test
    void aGroupGoesOutOnlyOnceARowWithAnotherKeyOrTheEndShowsItComplete() {
        StreamingGroups groups = new StreamingGroups(byName(List.of(), 0, -1, null), BY_NAME_COLUMNS, 2, ROOMY);
        groups.add(0, row("a", "1", "1.00", "1.00", "1"));
        groups.add(1, row("A", "2", "2.00", "1.00", "2"));
        assertThat(groups.poll()).as("shard 0 may send another 'a'").isNull();
        groups.add(0, row("b", "1", "1.00", "1.00", "1"));
        assertThat(groups.poll()).as("shard 1 may still send an 'a'").isNull();
        groups.finish(1);
        assertThat(text(groups.poll())).as("_ci: 'a' and 'A' are one group, shown as the lower shard's")
                .isEqualTo("a|3|1.000000|1.00");
        assertThat(groups.poll()).isNull();
        assertThat(groups.exhausted()).isFalse();
        groups.finish(0);
        assertThat(text(groups.poll())).isEqualTo("b|1|1.000000|1.00");
        assertThat(groups.poll()).isNull();
        assertThat(groups.exhausted()).isTrue();
    }

    @Test
    void nullKeysAreOneGroupAndComeFirst() {
        List<List<byte[][]>> shards = List.of(
                List.of(row(null, "2", "1.00", "0.50", "2"), row("x", "1", "1.00", "1.00", "1")),
                List.<byte[][]>of(row(null, "1", null, null, "0")));
        assertThat(run(new StreamingGroups(byName(List.of(), 0, -1, null), BY_NAME_COLUMNS, 2, ROOMY), shards))
                .containsExactly("NULL|3|0.500000|0.50", "x|1|1.000000|1.00");
    }

    @Test
    void descendingKeysHavingThenOffsetAndLimit() {
        // HAVING COUNT(*) > 1 ORDER BY name DESC LIMIT 2 OFFSET 1
        Condition having = new Condition.Compare(Condition.Comparison.GREATER, new Condition.Column(Slot.visible(1)),
                new Condition.Literal(java.math.BigDecimal.ONE));
        MergePlan plan = byName(List.of(new SortKey(Slot.visible(0), true)), 1, 2, having);
        List<List<byte[][]>> shards = List.of(
                List.of(row("e", "2", "1.00", "1.00", "1"), row("c", "1", "1.00", "1.00", "1"),
                        row("a", "5", "1.00", "1.00", "1")),
                List.of(row("d", "3", "1.00", "1.00", "1"), row("C", "1", "1.00", "1.00", "1"),
                        row("b", "1", "1.00", "1.00", "1")));
        StreamingGroups groups = new StreamingGroups(plan, BY_NAME_COLUMNS, 2, ROOMY);
        assertThat(run(groups, shards)).as("e, d, c, a pass HAVING (b does not); e skipped, a past the limit")
                .containsExactly("d|3|1.000000|1.00", "c|2|1.000000|1.00");
        assertThat(groups.limitReached()).isTrue();
    }

    @Test
    void distinctKeepsTheFirstOfEqualRowsAcrossShards() {
        MergePlan plan = new MergePlan(0, false, List.of(), Map.of(), Map.of(), true, List.of(), 0, -1)
                .streamedIn(List.of(FIRST_ASC, new SortKey(Slot.visible(1), false)));
        List<List<byte[][]>> shards = List.of(
                List.of(row(null, "1"), row("a", "1"), row("b", "2")),
                List.of(row(null, "1"), row("A", "1"), row("a", "2"), row("ß", "2")),
                List.<byte[][]>of(row("s", "2")));
        assertThat(run(new StreamingGroups(plan, List.of(NAME, INT), 3, ROOMY), shards))
                .as("general_ci: 'ß' equals 's', the lower shard's is kept")
                .containsExactly("NULL|1", "a|1", "a|2", "b|2", "ß|2");
    }

    @Test
    void equalsTheCollectingMergeOnRandomShards() {
        Random random = new Random(7);
        String[] names = {"a", "A", "á", "b", "B", "ss", "ß", null};
        for (int round = 0; round < 200; round++) {
            int shardCount = 1 + random.nextInt(4);
            boolean descending = random.nextBoolean();
            MergePlan plan = byName(descending ? List.of(new SortKey(Slot.visible(0), true)) : List.of(),
                    random.nextInt(3), random.nextInt(5) - 1, null);
            RowOrder order = new RowOrder(plan.streamOrder(), BY_NAME_COLUMNS, 4);
            List<List<byte[][]>> shards = new ArrayList<>();
            List<byte[][]> all = new ArrayList<>();
            for (int s = 0; s < shardCount; s++) {
                // A shard groups its own rows: one row per key of its collation, sorted by it.
                List<byte[][]> rows = new ArrayList<>();
                for (String name : names) {
                    if (random.nextInt(3) > 0 && rows.stream().noneMatch(r -> order.compare(r,
                            row(name, "", "", "", "")) == 0)) {
                        int count = 1 + random.nextInt(3);
                        rows.add(row(name, String.valueOf(count), count + ".00", "1.0" + random.nextInt(10),
                                String.valueOf(count)));
                    }
                }
                rows.sort(order);
                shards.add(rows);
                all.addAll(rows);
            }
            List<String> collected = new RowMerger(plan, BY_NAME_COLUMNS).merge(all).stream()
                    .map(TextRows::text).toList();
            assertThat(run(new StreamingGroups(plan, BY_NAME_COLUMNS, shardCount, new StreamingMerge.QueueMarks(2,
                    1 << 20)), shards)).as("round " + round).isEqualTo(collected);
        }
    }

    @Test
    void queuesSignalBackPressureLikeTheOrderedMerge() {
        StreamingGroups groups = new StreamingGroups(byName(List.of(), 0, -1, null), BY_NAME_COLUMNS, 2,
                new StreamingMerge.QueueMarks(2, 1 << 20));
        groups.add(0, row("a", "1", "1.00", "1.00", "1"));
        groups.add(0, row("b", "1", "1.00", "1.00", "1"));
        assertThat(groups.overHighWater(0)).isTrue();
        assertThat(groups.underLowWater(1)).isTrue();
    }

}
