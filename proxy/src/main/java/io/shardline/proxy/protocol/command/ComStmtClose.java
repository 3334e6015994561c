package io.shardline.proxy.protocol.command;

import io.netty.buffer.ByteBuf;

/** COM_STMT_CLOSE: forget a prepared statement; the server sends no response. */
public record ComStmtClose(long statementId, ByteBuf payload) implements ClientCommand, ForwardedCommand {
}
