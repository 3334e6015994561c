package io.shardline.router.algorithm;

/**
 * A statement's shard-key value cannot be placed: no data node for it, or a value of a type the algorithm cannot
 * use. The message names the table's rule, the value and what to change; the proxy sends it as an error packet.
 */
public final class ShardingException extends RuntimeException {
    public ShardingException(String message) {
        super(message);
    }
}
