package io.shardline.proxy.slowlog;

import io.shardline.router.sql.Digest;
import io.shardline.router.sql.LexerOptions;
import io.shardline.router.sql.SqlLexer;
import io.shardline.router.sql.TokenType;
import io.shardline.router.sql.Tokens;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A statement's digest with no literal value left in it, for logs: the router's {@link Digest} shape (literals
 * replaced by {@code ?}, comments dropped, single spaces), then the literals the shape keeps because they are part
 * of a plan's meaning, replaced too: strings with an introducer or prefix ({@code _utf8mb4'…'}, {@code X'…'},
 * {@code N'…'}) and hexadecimal or bit numbers ({@code 0x…}, {@code 0b…}). Column positions and type lengths
 * ({@code ORDER BY 2}, {@code CHAR(3)}) stay: they are not values.
 */
public final class RedactedDigest {
    /** Longer digests (a bulk INSERT's many value lists) are cut here, ending in "...". */
    static final int MAX_LENGTH = 4096;

    private RedactedDigest() {}

    /** @param latin1 the statement's bytes read one to one; the digest is decoded as UTF-8 when valid */
    public static String of(String latin1, LexerOptions options) {
        Tokens tokens = SqlLexer.tokenize(Digest.of(SqlLexer.tokenize(latin1, options), options).shape(), options);
        StringBuilder result = new StringBuilder(tokens.source().length());
        for (int i = 0; i < tokens.size() && result.length() <= MAX_LENGTH; i++) {
            TokenType type = tokens.type(i);
            if (type == TokenType.COMMENT || type == TokenType.HINT) {
                continue;
            }
            if (!result.isEmpty()) {
                result.append(' ');
            }
            result.append(isValue(type, tokens.text(i)) ? "?" : tokens.text(i));
        }
        String text = utf8(result.toString());
        return text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) + "..." : text;
    }

    private static boolean isValue(TokenType type, String text) {
        if (type == TokenType.STRING) {
            return true;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        return type == TokenType.NUMBER && (lower.startsWith("0x") || lower.startsWith("0b"));
    }

    /** Identifiers may be non-ASCII: the bytes read one to one are UTF-8 in nearly every client's charset. */
    private static String utf8(String latin1) {
        for (int i = 0; i < latin1.length(); i++) {
            if (latin1.charAt(i) >= 0x80) {
                return new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            }
        }
        return latin1;
    }
}
