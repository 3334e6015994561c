package io.shardline.proxy.backend;

import io.shardline.proxy.protocol.SessionStateChanges;
import io.shardline.proxy.session.SessionVariables;
import java.util.HashMap;
import java.util.Map;

/**
 * The session state a backend connection currently has, as the server reported it through session tracking:
 * the proxy compares it with a client session's wanted state and sends only the difference.
 */
public final class BackendSessionState {
    /** The default schema, or null for none. */
    private String schema;
    /** System variables changed since login (name lower-case to value as the server reported it). */
    private final Map<String, String> variables = new HashMap<>();
    private boolean multiStatements = true;
    private long lastInsertId;
    private long syncedSessionId = -1;
    private long syncedVersion = -1;
    /** The server's diagnostics area may still hold the warnings or error of a statement that ran here. */
    private boolean diagnosticsLeft;

    public String schema() {
        return schema;
    }

    public void schema(String value) {
        schema = value == null || value.isEmpty() ? null : value;
    }

    public Map<String, String> variables() {
        return variables;
    }

    public boolean multiStatements() {
        return multiStatements;
    }

    public void multiStatements(boolean value) {
        multiStatements = value;
    }

    public long lastInsertId() {
        return lastInsertId;
    }

    public void lastInsertId(long value) {
        lastInsertId = value;
    }

    public boolean diagnosticsLeft() {
        return diagnosticsLeft;
    }

    public void diagnosticsLeft(boolean value) {
        diagnosticsLeft = value;
    }

    /** Whether this connection's state is exactly that of {@code sessionId} at {@code version}. */
    public boolean mirrors(long sessionId, long version) {
        return syncedSessionId == sessionId && syncedVersion == version;
    }

    /** Records that this connection now mirrors the session's state at that version. */
    public void mirror(long sessionId, long version) {
        syncedSessionId = sessionId;
        syncedVersion = version;
    }

    /** Applies what an OK packet reported; only values the proxy replays are worth comparing later. */
    public void apply(SessionStateChanges changes) {
        changes.systemVariables().forEach((name, value) -> {
            if (SessionVariables.handlingOf(name) == SessionVariables.Handling.REPLAY) {
                variables.put(name, value);
            }
        });
        if (changes.schema() != null) {
            schema(changes.schema());
        }
    }
}
