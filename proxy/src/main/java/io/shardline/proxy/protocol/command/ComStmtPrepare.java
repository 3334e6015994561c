package io.shardline.proxy.protocol.command;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/** COM_STMT_PREPARE: statement text with ? placeholders. */
public record ComStmtPrepare(ByteBuf payload) implements ClientCommand, ForwardedCommand {
    /** See {@link ComQuery#sqlForClassification()}. */
    public String sqlForClassification() {
        return payload.toString(payload.readerIndex() + 1, payload.readableBytes() - 1, StandardCharsets.ISO_8859_1);
    }

    @Override
    public String toString() {
        return "ComStmtPrepare[sql=REDACTED, length=" + payload.readableBytes() + "]";
    }
}
