package io.shardline.router.merge;

/**
 * A column of the shards' rows: one the client sees (its position in the select list), or one Shardline added
 * after them for itself (an ORDER BY or GROUP BY key the select list lacks, the COUNT behind an AVG). With
 * {@code SELECT *} the number of visible columns is only known from the shards' answer, so hidden columns are
 * counted from the end of the visible ones.
 */
public record Slot(boolean hidden, int index) {
    public static Slot visible(int index) {
        return new Slot(false, index);
    }

    public static Slot hidden(int index) {
        return new Slot(true, index);
    }

    /** The column's position in a shard's row that has {@code visibleColumns} visible columns first. */
    public int position(int visibleColumns) {
        return hidden ? visibleColumns + index : index;
    }
}
