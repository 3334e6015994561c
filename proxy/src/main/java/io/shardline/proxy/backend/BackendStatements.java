package io.shardline.proxy.backend;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The statements prepared on one backend connection, shared by every session that uses the connection: the same
 * text prepared in the same schema, sql_mode and character set is the same server statement. Least recently
 * used first out when the connection holds too many, since servers limit prepared statements
 * (max_prepared_stmt_count is server-wide).
 */
public final class BackendStatements {
    static final int LIMIT = 256;

    /** What the server knows of one statement. */
    public static final class Entry {
        private final long id;
        private final int parameterCount;
        private byte[] boundTypes;

        Entry(long id, int parameterCount) {
            this.id = id;
            this.parameterCount = parameterCount;
        }

        public long id() {
            return id;
        }

        public int parameterCount() {
            return parameterCount;
        }

        /** The parameter types this server statement last received, or null. */
        public byte[] boundTypes() {
            return boundTypes;
        }

        public void boundTypes(byte[] types) {
            boundTypes = types;
        }
    }

    private final LinkedHashMap<String, Entry> byKey = new LinkedHashMap<>(16, 0.75f, true);

    public Entry get(String key) {
        return byKey.get(key);
    }

    /** Records a statement; returns the id of one to close on the server to make room, or -1. */
    public long put(String key, long id, int parameterCount) {
        byKey.put(key, new Entry(id, parameterCount));
        if (byKey.size() <= LIMIT) {
            return -1;
        }
        Iterator<Map.Entry<String, Entry>> eldest = byKey.entrySet().iterator();
        long result = eldest.next().getValue().id();
        eldest.remove();
        return result;
    }

    public int size() {
        return byKey.size();
    }
}
