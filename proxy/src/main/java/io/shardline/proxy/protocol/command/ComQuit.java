package io.shardline.proxy.protocol.command;

/** The client is leaving (COM_QUIT); no response. */
public record ComQuit() implements ClientCommand {
}
