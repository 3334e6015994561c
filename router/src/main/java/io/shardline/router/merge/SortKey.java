package io.shardline.router.merge;

/** One ORDER BY key: the column it reads and its direction. */
public record SortKey(Slot slot, boolean descending) {}
