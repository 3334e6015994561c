package io.shardline.proxy.execute;

import io.shardline.proxy.session.Session;
import java.nio.charset.StandardCharsets;

/**
 * What makes two prepares the same server statement on one connection: the text, and the state it is parsed
 * and resolved in (schema, sql_mode, client character set). The connection mirrors the session when this is read.
 */
public final class StatementKey {
    private StatementKey() {}

    public static String of(Session session, byte[] sql) {
        String schema = session.schema() == null ? "" : session.schema();
        String sqlMode = session.variables().getOrDefault("sql_mode", "");
        String charset = session.variables().getOrDefault("character_set_client", "");
        return schema + '\u0000' + sqlMode + '\u0000' + charset + '\u0000' + new String(sql, StandardCharsets.ISO_8859_1);
    }
}
