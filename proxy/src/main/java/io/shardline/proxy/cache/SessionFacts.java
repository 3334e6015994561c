package io.shardline.proxy.cache;

import io.shardline.proxy.session.Session;
import java.util.Map;
import java.util.TreeMap;

/**
 * The part of a cache key that comes from the session: everything that can change a result or its bytes. The
 * session's system variables as the server tracks them (character sets and collations, time_zone, sql_mode,
 * div_precision_increment, lc_time_names, ... : every variable the session changed, including the character set
 * of its handshake), its schema, its user (privileges differ), and the capability flags that shape packets
 * (DEPRECATE_EOF and friends). Rebuilt only when the session's state version moves.
 */
public final class SessionFacts {
    private final ResultCache cache;
    private long version = -1;
    private String facts;

    public SessionFacts(ResultCache cache) {
        this.cache = cache;
    }

    public String of(Session session) {
        if (session.stateVersion() != version || facts == null) {
            facts = cache.canonical(build(session));
            version = session.stateVersion();
        }
        return facts;
    }

    private static String build(Session session) {
        StringBuilder result = new StringBuilder(256);
        result.append(session.user()).append('\u0000').append(session.schema()).append('\u0000')
                .append(Long.toHexString(session.capabilities())).append('\u0000')
                .append(session.noBackslashEscapes()).append(session.ansiQuotes());
        for (Map.Entry<String, String> each : new TreeMap<>(session.variables()).entrySet()) {
            result.append('\u0000').append(each.getKey()).append('=').append(each.getValue());
        }
        return result.toString();
    }
}
