package io.shardline.proxy.session;

import java.util.HashMap;
import java.util.Map;

/** The statements one session has prepared, by the ids the proxy gave the client. */
public final class ClientStatements {
    /** MariaDB: an execute may name statement id -1, meaning "the one prepared last". */
    public static final long LAST_PREPARED = 0xffffffffL;

    private final Map<Integer, ClientStatement> byId = new HashMap<>();
    private int nextId = 1;
    private ClientStatement last;

    public int nextId() {
        int result = nextId++;
        if (nextId <= 0) {
            nextId = 1;
        }
        return result;
    }

    /**
     * A prepare starts: until it succeeds there is no "last prepared" statement, so a pipelined execute of id -1
     * after a failed prepare fails as on the server instead of running the statement prepared before.
     */
    public void preparing() {
        last = null;
    }

    public void add(ClientStatement statement) {
        byId.put(statement.id(), statement);
        last = statement;
    }

    /** The statement with this id (or the last prepared one for id -1), or null. */
    public ClientStatement get(long id) {
        if (id == LAST_PREPARED) {
            return last;
        }
        return id > Integer.MAX_VALUE ? null : byId.get((int) id);
    }

    public ClientStatement remove(long id) {
        ClientStatement result = id > Integer.MAX_VALUE ? null : byId.remove((int) id);
        if (result != null) {
            result.clearLongData();
            if (result == last) {
                last = null;
            }
        }
        return result;
    }

    public int size() {
        return byId.size();
    }

    /** Forgets everything (reset, change user, end of session). */
    public void clear() {
        for (ClientStatement each : byId.values()) {
            each.clearLongData();
        }
        byId.clear();
        last = null;
    }
}
