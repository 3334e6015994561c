/**
 * Sharding algorithms and key generators: pure functions from shard-key values to target names (a data source or
 * an actual table), and the generator that fills a missing key column on INSERT. {@link Algorithms#create} builds
 * the algorithm a rule names ({@code mod}, {@code hash-mod}, {@code range}, {@code interval}, {@code inline},
 * {@code complex}). {@link io.shardline.router.algorithm.InlineTemplate} is the small safe expression language of
 * {@code inline} (e.g. {@code t_order_${order_id % 4}}), parsed once into an immutable tree, never a script engine;
 * {@link io.shardline.router.algorithm.StableHash} is the documented, never-changing hash of {@code hash-mod};
 * {@link io.shardline.router.algorithm.Snowflake} makes unique, increasing 64-bit ids from a clock that the caller
 * supplies. Nothing here does I/O or starts threads.
 */
package io.shardline.router.algorithm;
