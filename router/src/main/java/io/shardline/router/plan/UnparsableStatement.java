package io.shardline.router.plan;

import io.shardline.router.algorithm.ShardingException;

/**
 * The parser could not read a statement on a sharded schema. The statement may be wrong (the server would answer
 * with its syntax error, which the client should get instead), or valid MySQL beyond what the parser reads.
 */
public final class UnparsableStatement extends ShardingException {
    public UnparsableStatement(String reason) {
        super("Shardline cannot parse this statement to route it on the shards: " + reason);
    }
}
