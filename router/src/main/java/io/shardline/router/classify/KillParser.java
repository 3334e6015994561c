package io.shardline.router.classify;

import io.shardline.router.sql.TokenType;
import io.shardline.router.sql.Tokens;

/** Reads {@code KILL [HARD | SOFT] [CONNECTION | QUERY] thread_id}. */
final class KillParser {

    private KillParser() {}

    /**
     * The command, or null when the target is not one literal thread id: KILL USER name, KILL @id, KILL ?, and
     * MariaDB's KILL QUERY ID n, whose n is a query id rather than a thread id.
     */
    static KillCommand parse(Span s) {
        int i = s.from() + 1;
        if (s.isWord(i, "HARD") || s.isWord(i, "SOFT")) {
            i++;
        }
        boolean queryOnly = s.isWord(i, "QUERY");
        if (queryOnly || s.isWord(i, "CONNECTION")) {
            i++;
        }
        if (!s.is(i, TokenType.NUMBER) || i + 1 != s.to()) {
            return null;
        }
        long id = unsignedDecimal(s.tokens(), i);
        return id < 0 ? null : new KillCommand(queryOnly, id);
    }

    /** The value of a plain decimal NUMBER token, or -1 for 1.5, 0x1F, 1e3 or anything beyond Long.MAX_VALUE. */
    private static long unsignedDecimal(Tokens tokens, int i) {
        String sql = tokens.source();
        long value = 0;
        for (int k = tokens.start(i); k < tokens.end(i); k++) {
            int digit = sql.charAt(k) - '0';
            if (digit < 0 || digit > 9 || value > (Long.MAX_VALUE - digit) / 10) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }
}
