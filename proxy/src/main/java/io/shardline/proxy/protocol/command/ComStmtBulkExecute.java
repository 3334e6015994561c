package io.shardline.proxy.protocol.command;

import io.netty.buffer.ByteBuf;

/** MariaDB's COM_STMT_BULK_EXECUTE: one prepared statement run with many parameter sets; answered like an execute. */
public record ComStmtBulkExecute(long statementId, ByteBuf payload) implements ClientCommand, ForwardedCommand {
}
