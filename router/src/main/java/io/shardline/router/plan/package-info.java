/**
 * What a statement becomes under the sharding rules: the statements to send, one per data node, or a clear
 * refusal. Today: SELECT, UPDATE and DELETE over one sharded table or one binding group (with broadcast tables),
 * INSERT ... VALUES split by node, writes to broadcast tables on every data source;
 * merging the nodes' results comes with the executor.
 */
package io.shardline.router.plan;
