/**
 * Sharding algorithms and key generators: pure functions from shard-key values to target names, and the generator
 * that fills a missing key column on INSERT. {@link io.shardline.router.algorithm.StableHash} is the documented,
 * never-changing hash of {@code hash-mod}; {@link io.shardline.router.algorithm.Snowflake} makes unique,
 * increasing 64-bit ids from a clock that the caller supplies. Nothing here does I/O or starts threads.
 */
package io.shardline.router.algorithm;
