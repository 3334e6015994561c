package io.shardline.proxy.protocol.command;

import io.netty.buffer.ByteBuf;

/** COM_STMT_RESET: drop long data sent for a statement and close its cursor. */
public record ComStmtReset(long statementId, ByteBuf payload) implements ClientCommand, ForwardedCommand {
}
