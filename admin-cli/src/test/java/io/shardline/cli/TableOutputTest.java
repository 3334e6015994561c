package io.shardline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TableOutputTest {

    private static String print(TableOutput table) {
        StringWriter text = new StringWriter();
        table.print(new PrintWriter(text));
        return text.toString();
    }

    @Test
    void columnsAreAsWideAsTheirWidestCellLeftAlignedTwoSpacesApart() {
        String text = print(new TableOutput("NAME", "ROLE", "LAG")
                .row("main/primary@127.0.0.1:3316", "primary", null)
                .row("main/replica@127.0.0.1:3317", "replica", "0.5s"));

        assertThat(text.lines()).containsExactly(
                "NAME                         ROLE     LAG",
                "main/primary@127.0.0.1:3316  primary  -",
                "main/replica@127.0.0.1:3317  replica  0.5s");
    }

    @Test
    void noLineEndsInSpacesEvenWhenTheLastColumnIsNarrow() {
        String text = print(new TableOutput("A", "PROBLEM").row("xxxxx", "").row("y", "down"));

        assertThat(text.lines()).containsExactly("A      PROBLEM", "xxxxx", "y      down");
    }

    @Test
    void withoutHeadersItIsAlignedKeyValueLines() {
        TableOutput table = new TableOutput().row("version", 3).row("applied at", "2026-11-26T15:00:00Z");

        assertThat(print(table).lines()).containsExactly("version     3", "applied at  2026-11-26T15:00:00Z");
        assertThat(table.size()).isEqualTo(2);
    }

    @Test
    void widthsCountCharactersNotUtf16Units() {
        String text = print(new TableOutput("K", "V").row("\uD83D\uDE00", "x").row("ab", "y"));

        assertThat(text.lines()).containsExactly("K   V", "\uD83D\uDE00   x", "ab  y");
    }

    @Test
    void anEmptyTableIsItsHeader() {
        TableOutput table = new TableOutput("ID", "USER");

        assertThat(print(table).lines()).containsExactly("ID  USER");
        assertThat(table.size()).isZero();
    }

    @Test
    void aRowOfTheWrongWidthIsABug() {
        assertThatThrownBy(() -> new TableOutput("A", "B").row("only one"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 cells in a table of 2 columns");
    }
}
