package io.shardline.proxy.protocol.command;

/** COM_PING. */
public record ComPing() implements ClientCommand {
}
