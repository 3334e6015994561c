package io.shardline.proxy.protocol.command;

import io.netty.buffer.ByteBuf;

/** COM_STMT_SEND_LONG_DATA: a chunk of one parameter's value; the server sends no response. */
public record ComStmtSendLongData(long statementId, ByteBuf payload) implements ClientCommand, ForwardedCommand {
}
