package io.shardline.proxy.protocol.command;

import io.netty.buffer.ByteBuf;

/** COM_STMT_EXECUTE: statement id, cursor flags, then parameters in the binary protocol. */
public record ComStmtExecute(long statementId, int flags, ByteBuf payload) implements ClientCommand, ForwardedCommand {
    public static final int CURSOR_TYPE_READ_ONLY = 0x01;

    public boolean opensCursor() {
        return (flags & 0x0f) != 0;
    }
}
