package io.shardline.router.merge;

import static io.shardline.router.merge.TextRows.row;
import static io.shardline.router.merge.TextRows.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowMergerTest {
    private static final ColumnInfo NAME = new ColumnInfo(ValueKind.STRING, "utf8mb4_general_ci", 0);
    private static final ColumnInfo INT = new ColumnInfo(ValueKind.INTEGER, null, 0);
    private static final ColumnInfo MONEY = new ColumnInfo(ValueKind.DECIMAL, null, 2);

    private static List<String> text(List<byte[][]> rows) {
        return rows.stream().map(TextRows::text).toList();
    }

    @Test
    void ordersInTheCollationWithNullsFirstThenSkipsAndLimits() {
        MergePlan plan = new MergePlan(1, false, List.of(), Map.of(), Map.of(), false,
                List.of(new SortKey(Slot.hidden(0), false), new SortKey(Slot.visible(0), true)), 1, 3);
        RowMerger merger = new RowMerger(plan, List.of(INT, NAME));
        assertThat(text(merger.merge(List.of(row("1", "b"), row("2", "É"), row("3", null), row("4", "a"),
                row("5", "e"), row("6", "B"))))).containsExactly("4", "6", "1");
    }

    @Test
    void generalCiWeighsSharpSAsOneS() {
        MergePlan plan = new MergePlan(0, false, List.of(), Map.of(), Map.of(), false,
                List.of(new SortKey(Slot.visible(0), false)), 0, -1);
        RowMerger merger = new RowMerger(plan, List.of(NAME));
        assertThat(text(merger.merge(List.of(row("ss"), row("zoo"), row("s"), row("ß"), row("pad")))))
                .containsExactly("pad", "s", "ß", "ss", "zoo");
    }

    @Test
    void numbersCompareByValueNotText() {
        MergePlan plan = new MergePlan(0, false, List.of(), Map.of(), Map.of(), false,
                List.of(new SortKey(Slot.visible(0), false)), 0, -1);
        RowMerger merger = new RowMerger(plan, List.of(MONEY));
        assertThat(text(merger.merge(List.of(row("10.00"), row("-2.50"), row("9.99"), row("100.00")))))
                .containsExactly("-2.50", "9.99", "10.00", "100.00");
    }

    @Test
    void groupsAggregateAcrossShardsAndComeOutInKeyOrder() {
        // status, COUNT(*), SUM(amount) as the AVG's sum, MIN(amount); hidden COUNT(amount)
        MergePlan plan = new MergePlan(1, true, List.of(Slot.visible(0)), Map.of(Slot.visible(1), Aggregate.COUNT,
                Slot.visible(2), Aggregate.AVG, Slot.visible(3), Aggregate.MIN, Slot.hidden(0), Aggregate.COUNT),
                Map.of(Slot.visible(2), Slot.hidden(0)), false, List.of(), 0, -1);
        RowMerger merger = new RowMerger(plan, List.of(NAME, INT, MONEY, MONEY, INT));
        List<byte[][]> shards = List.of(
                row("paid", "2", "10.00", "3.00", "2"), row("new", "1", null, null, "0"),
                row("PAID", "1", "5.01", "5.01", "1"), row("new", "3", "3.00", "1.00", "3"));
        assertThat(text(merger.merge(shards))).containsExactly("new|4|1.000000|1.00", "paid|3|5.003333|3.00");
    }

    @Test
    void anAggregateWithoutGroupByGivesOneRowAndSumOfNothingIsNull() {
        MergePlan plan = new MergePlan(0, true, List.of(), Map.of(Slot.visible(0), Aggregate.COUNT,
                Slot.visible(1), Aggregate.SUM, Slot.visible(2), Aggregate.MAX), Map.of(), false, List.of(), 0, -1);
        RowMerger merger = new RowMerger(plan, List.of(INT, MONEY, NAME));
        assertThat(text(merger.merge(List.of(row("0", null, null), row("0", null, null))))).containsExactly(
                "0|NULL|NULL");
        assertThat(text(merger.merge(List.of(row("2", "1.5", "b"), row("1", "2.25", "C"))))).containsExactly(
                "3|3.75|C");
    }

    @Test
    void havingKeepsTheGroupsItsConditionHoldsForWithUnknownAsFalse() {
        // status, COUNT(*) ... HAVING COUNT(*) >= 3 OR status = 'b' (general_ci: 'B' matches)
        Condition having = new Condition.Or(
                new Condition.Compare(Condition.Comparison.GREATER_OR_EQUAL, new Condition.Column(Slot.visible(1)),
                        new Condition.Literal(new java.math.BigDecimal("3"))),
                new Condition.Compare(Condition.Comparison.EQUAL, new Condition.Column(Slot.visible(0)),
                        new Condition.Literal("b")));
        MergePlan plan = new MergePlan(0, true, List.of(Slot.visible(0)), Map.of(Slot.visible(1), Aggregate.COUNT),
                Map.of(), false, List.of(), 0, -1, having);
        RowMerger merger = new RowMerger(plan, List.of(NAME, INT));
        assertThat(text(merger.merge(List.of(row("a", "2"), row("B", "1"), row("c", "1"), row("a", "1"),
                row(null, "5"))))).containsExactly("NULL|5", "a|3", "B|1");
    }

    @Test
    void countDistinctCountsEachGroupsDifferentValuesAcrossShards() {
        // status, COUNT(DISTINCT note) with note hidden; shards grouped by (status, note)
        MergePlan plan = new MergePlan(1, true, List.of(Slot.visible(0)), Map.of(Slot.visible(1),
                Aggregate.COUNT_DISTINCT), Map.of(), false, List.of(), 0, -1, null,
                Map.of(Slot.visible(1), Slot.hidden(0)));
        RowMerger merger = new RowMerger(plan, List.of(NAME, INT, NAME));
        assertThat(text(merger.merge(List.of(row("a", "1", "x"), row("a", "1", "y"), row("a", "1", "X"),
                row("b", "0", null), row("a", "1", "y"))))).containsExactly("a|2", "b|0");
    }

    @Test
    void distinctKeepsOneOfEachEqualRow() {
        MergePlan plan = new MergePlan(0, false, List.of(), Map.of(), Map.of(), true, List.of(), 0, -1);
        RowMerger merger = new RowMerger(plan, List.of(NAME, MONEY));
        assertThat(text(merger.merge(List.of(row("a", "1.00"), row("A ", "1.0"), row("b", "1.00"), row("a", null)))))
                .containsExactly("a|1.00", "b|1.00", "a|NULL");
    }

    @Test
    void doublesAreWrittenAsTheServerWritesThem() {
        assertThat(DoubleText.format(15.0)).isEqualTo("15");
        assertThat(DoubleText.format(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(DoubleText.format(12345678.5)).isEqualTo("12345678.5");
        assertThat(DoubleText.format(1e20)).isEqualTo("1e20");
        assertThat(DoubleText.format(-1.5e-7)).isEqualTo("-1.5e-7");
    }
}
