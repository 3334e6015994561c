package io.shardline.proxy.protocol.command;

/** A command byte the proxy does not serve (replication, shutdown, obsolete or unknown commands). */
public record ComUnsupported(int code) implements ClientCommand {
}
