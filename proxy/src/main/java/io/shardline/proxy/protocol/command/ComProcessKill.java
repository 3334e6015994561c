package io.shardline.proxy.protocol.command;

/** COM_PROCESS_KILL: end the connection with the given id (an id the proxy handed out). */
public record ComProcessKill(long connectionId) implements ClientCommand {
}
