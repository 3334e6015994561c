package io.shardline.router.merge;

import static io.shardline.router.merge.TextRows.row;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowOrderTest {
    private static final ColumnInfo NAME = new ColumnInfo(ValueKind.STRING, "utf8mb4_general_ci", 0);
    private static final ColumnInfo INT = new ColumnInfo(ValueKind.INTEGER, null, 0);

    private static List<String> sorted(RowOrder order, byte[][]... rows) {
        List<byte[][]> list = new ArrayList<>(List.of(rows));
        list.sort(order);
        return list.stream().map(TextRows::text).toList();
    }

    @Test
    void keysCompareInTurnEachInItsDirection() {
        RowOrder order = new RowOrder(List.of(new SortKey(Slot.visible(1), true), new SortKey(Slot.visible(0), false)),
                List.of(NAME, INT), 2);
        assertThat(sorted(order, row("b", "1"), row("a", "10"), row("c", "1"), row("a", "9")))
                .containsExactly("a|10", "a|9", "b|1", "c|1");
    }

    @Test
    void nullIsFirstAscendingAndLastDescending() {
        RowOrder up = new RowOrder(List.of(new SortKey(Slot.visible(0), false)), List.of(INT, INT), 2);
        RowOrder down = new RowOrder(List.of(new SortKey(Slot.visible(0), true)), List.of(INT, INT), 2);
        assertThat(sorted(up, row("2", "a"), row(null, "b"), row("-1", "c"))).containsExactly("NULL|b", "-1|c", "2|a");
        assertThat(sorted(down, row("2", "a"), row(null, "b"), row("-1", "c")))
                .containsExactly("2|a", "-1|c", "NULL|b");
    }

    @Test
    void stringsCompareInTheirCollationSoCaseAndAccentsTie() {
        RowOrder order = new RowOrder(List.of(new SortKey(Slot.visible(0), false)), List.of(NAME, INT), 2);
        assertThat(order.compare(row("É", "1"), row("e", "2"))).isZero();
        assertThat(order.compare(row("a", "1"), row("B", "2"))).isNegative();
    }

    @Test
    void aHiddenKeyIsCountedAfterTheVisibleColumns() {
        RowOrder order = new RowOrder(List.of(new SortKey(Slot.hidden(0), false)), List.of(NAME, INT), 1);
        assertThat(sorted(order, row("x", "10"), row("y", "9"))).containsExactly("y|9", "x|10");
        assertThatThrownBy(() -> new RowOrder(List.of(new SortKey(Slot.hidden(1), false)), List.of(NAME, INT), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("past the 2 columns");
    }

    @Test
    void withoutKeysEveryRowTies() {
        RowOrder order = new RowOrder(List.of(), List.of(INT), 1);
        assertThat(order.compare(row("1"), row("2"))).isZero();
    }
}
