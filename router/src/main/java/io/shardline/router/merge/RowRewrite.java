package io.shardline.router.merge;

import java.util.List;

/** A last change to a result's rows before the client gets them, knowing the columns' names. */
public interface RowRewrite {
    /** @param columns the visible columns' names (labels), in order */
    List<byte[][]> apply(List<String> columns, List<byte[][]> rows);

    /** The label the client sees for a column the server named {@code label}. */
    default String label(int column, String label) {
        return label;
    }
}
