package io.shardline.router.merge;

/** How a column's text-protocol values compare, from its MySQL type. */
public enum ValueKind {
    /** Whole numbers (TINYINT ... BIGINT, YEAR): compared as numbers. */
    INTEGER,
    /** DECIMAL: compared as exact numbers. */
    DECIMAL,
    /** FLOAT, DOUBLE: compared as doubles. */
    FLOAT,
    /** DATE, DATETIME, TIMESTAMP: fixed-width text, so the text order is the time order. */
    DATE_TIME,
    /** TIME: signed, with hours of varying width. */
    TIME,
    /** Character strings (CHAR, VARCHAR, TEXT, ENUM, SET, JSON): compared in the column's collation. */
    STRING,
    /** Binary strings, BIT, GEOMETRY: compared byte by byte. */
    BINARY
}
