package io.shardline.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain-text table for people: each column as wide as its widest cell, cells left aligned, two spaces between
 * columns, no trailing spaces (so the output diffs and greps cleanly). A null cell prints as {@code -}. Built
 * without headers it is a list of aligned "key  value" lines. Scripts should use {@code --json} instead: widths
 * and wording here may change.
 */
public final class TableOutput {
    private static final String GAP = "  ";
    private static final String NONE = "-";

    private final List<String[]> rows = new ArrayList<>();
    private final boolean header;

    /** A table whose first line names the columns; with no headers, a table of rows only. */
    public TableOutput(String... headers) {
        header = headers.length > 0;
        if (header) {
            rows.add(headers.clone());
        }
    }

    /** Adds a row; values are printed with {@code String.valueOf}, null as {@code -}. */
    public TableOutput row(Object... cells) {
        String[] texts = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            texts[i] = cells[i] == null ? NONE : String.valueOf(cells[i]);
        }
        if (header && texts.length != rows.get(0).length) {
            throw new IllegalArgumentException("a row of " + texts.length + " cells in a table of "
                    + rows.get(0).length + " columns: " + Arrays.toString(texts));
        }
        rows.add(texts);
        return this;
    }

    /** Rows added so far, the header not counted. */
    public int size() {
        return rows.size() - (header ? 1 : 0);
    }

    public void print(PrintWriter out) {
        int[] widths = widths();
        for (String[] each : rows) {
            StringBuilder line = new StringBuilder();
            for (int column = 0; column < each.length; column++) {
                line.append(each[column]);
                if (column < each.length - 1) {
                    line.append(" ".repeat(widths[column] - length(each[column]))).append(GAP);
                }
            }
            out.println(line.toString().stripTrailing());
        }
        out.flush();
    }

    private int[] widths() {
        int columns = 0;
        for (String[] each : rows) {
            columns = Math.max(columns, each.length);
        }
        int[] result = new int[columns];
        for (String[] each : rows) {
            for (int column = 0; column < each.length; column++) {
                result[column] = Math.max(result[column], length(each[column]));
            }
        }
        return result;
    }

    /** Characters as a terminal counts them, near enough: code points, not UTF-16 units. */
    private static int length(String text) {
        return text.codePointCount(0, text.length());
    }
}
