/**
 * The sharding rules as configured, as plain immutable values: where a sharded table's rows live
 * ({@link io.shardline.router.rule.DataNode}) and the inline expressions DBAs write to list them
 * ({@link io.shardline.router.rule.DataNodeExpression}, e.g. {@code ds_${0..1}.t_order_${0..3}}), parsed by a small
 * hand-written scanner rather than a script engine.
 */
package io.shardline.router.rule;
