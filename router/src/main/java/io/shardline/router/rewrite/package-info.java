/**
 * Rewriting a statement for one data node: the logical table names become the node's actual tables (and a schema
 * qualifier its actual database), written into the client's own text so that everything else stays exactly as
 * the client wrote it.
 */
package io.shardline.router.rewrite;
