/**
 * What a statement becomes under the sharding rules: the statements to send, one per data node, or a clear
 * refusal. SELECT, UPDATE and DELETE over one sharded table or one binding group (with broadcast tables), with
 * subqueries, derived tables, WITH queries and UNIONs where each query block sees all its rows on the nodes it
 * runs on ({@link io.shardline.router.plan.NestedPlanner}); INSERT ... VALUES split by node; writes to broadcast
 * tables on every data source; DDL on every actual table. The merge of several nodes' rows is planned here and
 * run by the proxy.
 */
package io.shardline.router.plan;
