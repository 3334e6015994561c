package io.shardline.router.algorithm;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Places rows on targets (the actual tables of one data source, or the data sources of a table) by the values of
 * their sharding columns. Pure and immutable: the router calls it for every statement with the values the statement
 * gives. {@link Algorithms#create} builds one from a rule's settings.
 */
public sealed interface ShardingAlgorithm
        permits SingleColumnSharding, InlineSharding {

    /** The sharding columns it reads, lower case. */
    Set<String> columns();

    /**
     * The one target holding rows whose sharding columns have these values.
     *
     * @param values a value for each of {@link #columns()} (lower-case names)
     * @throws ShardingException when the values cannot be placed (a type the algorithm cannot use, no such target)
     */
    String target(List<String> targets, Map<String, Object> values);

    /**
     * The targets that may hold rows whose sharding column lies in {@code range}, in the order of {@code targets};
     * all of them when the algorithm cannot narrow a range (hashes, expressions).
     */
    List<String> targets(List<String> targets, String column, ValueRange range);
}
