/**
 * What the proxy's result cache needs to know about a statement, decided without I/O: which tables it reads and
 * which it may write ({@link io.shardline.router.cache.TableAccessAnalyzer}), so that a read's cached result can
 * be dropped when a statement through the proxy writes one of its tables, and what the statement's cache hints
 * ask for ({@link io.shardline.router.cache.CacheHint}).
 *
 * <p>Errors go one way: a table read but not reported would leave a stale result in the cache, a table reported
 * but not read or written costs only an early invalidation. Whatever cannot be told exactly is
 * {@link io.shardline.router.cache.TableAccess#UNKNOWN}.
 */
package io.shardline.router.cache;
