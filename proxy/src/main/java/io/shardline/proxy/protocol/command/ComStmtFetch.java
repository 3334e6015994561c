package io.shardline.proxy.protocol.command;

import io.netty.buffer.ByteBuf;

/** COM_STMT_FETCH: the next rows of an open cursor. */
public record ComStmtFetch(long statementId, ByteBuf payload) implements ClientCommand, ForwardedCommand {
}
