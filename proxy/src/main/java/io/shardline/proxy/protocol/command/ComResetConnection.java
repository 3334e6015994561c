package io.shardline.proxy.protocol.command;

/** COM_RESET_CONNECTION: back to the state of a fresh login, keeping the TCP connection. */
public record ComResetConnection() implements ClientCommand {
}
