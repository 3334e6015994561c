package io.shardline.proxy.frontend;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A statement's text as the planner reads it, with the encoding that turns the rewritten text back into the same
 * bytes. UTF-8 when the bytes are valid UTF-8, so shard-key strings hash as the characters they are; otherwise
 * ISO-8859-1, which maps bytes one to one and so never alters binary string literals or other encodings.
 */
record SqlText(String sql, Charset charset) {

    /** The text of a COM_QUERY payload (after its command byte). */
    static SqlText of(ByteBuf payload) {
        ByteBuffer bytes = payload.nioBuffer(payload.readerIndex() + 1, payload.readableBytes() - 1);
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
            return new SqlText(text, StandardCharsets.UTF_8);
        } catch (CharacterCodingException notUtf8) {
            return new SqlText(payload.toString(payload.readerIndex() + 1, payload.readableBytes() - 1,
                    StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1);
        }
    }
}
