package io.shardline.proxy.protocol.command;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/** COM_QUERY: statement text (one or several statements) after the command byte. */
public record ComQuery(ByteBuf payload) implements ClientCommand, ForwardedCommand {
    /**
     * The statement text for classification. Decoded as ISO-8859-1, which maps bytes one to one: keywords,
     * quotes and comment markers are ASCII in every charset MySQL accepts from clients except the
     * backslash-in-multibyte family (big5, gbk, sjis, cp932), whose text the proxy still relays unchanged.
     */
    public String sqlForClassification() {
        return payload.toString(payload.readerIndex() + 1, payload.readableBytes() - 1, StandardCharsets.ISO_8859_1);
    }

    @Override
    public String toString() {
        return "ComQuery[sql=REDACTED, length=" + payload.readableBytes() + "]";
    }
}
