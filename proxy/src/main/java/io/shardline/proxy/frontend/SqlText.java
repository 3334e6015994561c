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

    /** The text of a COM_QUERY or COM_STMT_PREPARE payload (after its command byte). */
    static SqlText of(ByteBuf payload) {
        return of(payload.nioBuffer(payload.readerIndex() + 1, payload.readableBytes() - 1));
    }

    /**
     * As {@link #of(ByteBuf)}, given the payload's text read byte for byte ({@code latin1}): when every byte is
     * ASCII that is already the UTF-8 text, and nothing is decoded again.
     */
    static SqlText of(ByteBuf payload, String latin1) {
        return ascii(latin1) ? new SqlText(latin1, StandardCharsets.UTF_8) : of(payload);
    }

    /** The text of a statement's bytes (a prepared statement's, kept by the proxy). */
    static SqlText of(byte[] sql) {
        return of(ByteBuffer.wrap(sql));
    }

    /** As {@link #of(byte[])}, given those bytes read one to one ({@code latin1}): ASCII text is not decoded again. */
    static SqlText of(byte[] sql, String latin1) {
        return ascii(latin1) ? new SqlText(latin1, StandardCharsets.UTF_8) : of(sql);
    }

    private static boolean ascii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static SqlText of(ByteBuffer bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes.duplicate()).toString();
            return new SqlText(text, StandardCharsets.UTF_8);
        } catch (CharacterCodingException notUtf8) {
            return new SqlText(StandardCharsets.ISO_8859_1.decode(bytes).toString(), StandardCharsets.ISO_8859_1);
        }
    }

    /**
     * Other text (this one with parameters bound) in the same encoding, or in UTF-8 when a parameter brought
     * characters that encoding cannot hold.
     */
    SqlText with(String other) {
        return new SqlText(other, charset.newEncoder().canEncode(other) ? charset : StandardCharsets.UTF_8);
    }
}
