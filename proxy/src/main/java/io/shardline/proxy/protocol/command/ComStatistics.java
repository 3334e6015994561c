package io.shardline.proxy.protocol.command;

/** COM_STATISTICS: a one-line server status string. */
public record ComStatistics() implements ClientCommand {
}
