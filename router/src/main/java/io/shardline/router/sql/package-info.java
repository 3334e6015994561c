/**
 * MySQL/MariaDB lexical analysis. {@link io.shardline.router.sql.SqlLexer} makes one pass over the text and
 * records tokens as offsets in {@link io.shardline.router.sql.Tokens}; no text is copied until asked for.
 */
package io.shardline.router.sql;
