/**
 * What routing needs from a parsed statement (JSqlParser), and nothing more: the tables it names with their
 * aliases, and the conditions on columns its WHERE clause sets. Parsing happens once per statement shape
 * ({@link io.shardline.router.sql.Digest}); values come from the statement's literals and parameters.
 */
package io.shardline.router.parse;
