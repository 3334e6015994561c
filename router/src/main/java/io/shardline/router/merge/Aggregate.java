package io.shardline.router.merge;

/**
 * How the values of one column from several shards' rows of a group become the group's value.
 */
public enum Aggregate {
    /** A grouping key or a plain column: the value of the group's first row. */
    FIRST,
    /** COUNT(...): the shards' counts added. */
    COUNT,
    /** SUM(...): the shards' sums added; NULL when every shard's is NULL. */
    SUM,
    MIN,
    MAX,
    /** AVG(...), sent to the shards as SUM(...) with a hidden COUNT(...): the sums' total over the counts'. */
    AVG,
    /**
     * COUNT(DISTINCT x): the shards also group by x and return it hidden; the merge counts the distinct non-NULL x
     * of each group.
     */
    COUNT_DISTINCT
}
