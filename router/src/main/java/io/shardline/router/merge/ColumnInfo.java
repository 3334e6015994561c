package io.shardline.router.merge;

/**
 * What the merge needs to know of one result column, from its column definition.
 *
 * @param collation the collation name of a STRING column (e.g. utf8mb4_general_ci); ignored otherwise
 * @param decimals the digits after the point of a DECIMAL or FLOAT column
 */
public record ColumnInfo(ValueKind kind, String collation, int decimals) {}
