package io.shardline.proxy.session;

import io.shardline.proxy.backend.BackendConnection;
import io.shardline.proxy.protocol.Capabilities;
import io.shardline.proxy.protocol.ServerStatus;
import io.shardline.proxy.protocol.SessionStateChanges;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * One client connection's state as a single MySQL server would hold it: schema, system variables, LAST_INSERT_ID,
 * multi-statement option, transaction status, and the backend connection it keeps while it has state only that
 * connection holds. Confined to the session's event loop. Values are the server's own (learned from its session
 * tracking), so comparing them with a backend connection's state is exact.
 */
public final class Session {
    private final long id;
    private final String clientAddress;
    private long capabilities;
    private String user;
    private String schema;
    private final Map<String, String> variables = new HashMap<>();
    private final Map<String, String> initialVariables = new HashMap<>();
    private boolean multiStatements;
    private long lastInsertId;
    private int status = ServerStatus.AUTOCOMMIT;
    private final EnumSet<PinReason> pins = EnumSet.noneOf(PinReason.class);
    private boolean holdForNextStatement;
    private boolean softHold;
    private final ClientStatements statements = new ClientStatements();
    private BackendConnection backend;
    /**
     * The transaction's connections on data sources other than the held one ({@link #backend()}), by data source:
     * a transaction keeps one connection per data source it touched, and COMMIT or ROLLBACK reaches them all.
     */
    private final Map<String, BackendConnection> branches = new java.util.LinkedHashMap<>();
    /** The connection whose response is streaming to the client now, when it is not the held one. */
    private BackendConnection streaming;
    private String transactionLostReason;
    private ClientTracking tracking = ClientTracking.SERVER_DEFAULT;
    private ClientTracking initialTracking = ClientTracking.SERVER_DEFAULT;
    private String lastGtid;
    private long lastWriteNanos;
    /** Bumped on every change of state a backend connection must mirror, so an unchanged session skips sync. */
    private long stateVersion;
    /** What the statement running now noted for the metrics and the slow query log. */
    private final io.shardline.proxy.metrics.StatementTrace trace = new io.shardline.proxy.metrics.StatementTrace();

    public Session(long id, String clientAddress) {
        this.id = id;
        this.clientAddress = clientAddress;
    }

    /** Sets who logged in and how; the session starts like a fresh server connection. */
    public void login(String userName, long negotiatedCapabilities, String initialSchema,
                      Map<String, String> charsetVariables, ClientTracking defaultTracking) {
        initialTracking = defaultTracking;
        user = userName;
        capabilities = negotiatedCapabilities;
        multiStatements = Capabilities.has(negotiatedCapabilities, Capabilities.MULTI_STATEMENTS);
        initialVariables.clear();
        initialVariables.putAll(charsetVariables);
        resetState();
        schema(initialSchema);
    }

    /** Back to the state of a fresh login (COM_RESET_CONNECTION keeps the schema). */
    public void resetState() {
        stateVersion++;
        variables.clear();
        variables.putAll(initialVariables);
        lastInsertId = 0;
        status = ServerStatus.AUTOCOMMIT;
        pins.clear();
        holdForNextStatement = false;
        softHold = false;
        statements.clear();
        transactionLostReason = null;
        tracking = initialTracking;
    }

    /** The GTID of this session's last write, as the server reported it ("domain-server-sequence"), or null. */
    public String lastGtid() {
        return lastGtid;
    }

    /** When this session last wrote (nanoTime), 0 if never: reads right after a write may need the primary. */
    public long lastWriteNanos() {
        return lastWriteNanos;
    }

    public void wrote(long nanos) {
        lastWriteNanos = nanos == 0 ? 1 : nanos;
    }

    /** The session tracking this client would get from its own server connection. */
    public ClientTracking tracking() {
        return tracking;
    }

    public void tracking(ClientTracking value) {
        tracking = value;
    }

    public io.shardline.proxy.metrics.StatementTrace trace() {
        return trace;
    }

    public long id() {
        return id;
    }

    public String clientAddress() {
        return clientAddress;
    }

    public String user() {
        return user;
    }

    public long capabilities() {
        return capabilities;
    }

    public boolean clientHas(long capability) {
        return Capabilities.has(capabilities, capability);
    }

    /** The capability bits a backend connection must share with this client to relay bytes unchanged. */
    public long flavour() {
        return capabilities & Capabilities.FLAVOUR_MASK;
    }

    public String schema() {
        return schema;
    }

    public void schema(String value) {
        schema = value == null || value.isEmpty() ? null : value;
        stateVersion++;
    }

    /** System variables this session changed from a fresh connection's values (read-only view). */
    public Map<String, String> variables() {
        return java.util.Collections.unmodifiableMap(variables);
    }

    public boolean multiStatements() {
        return multiStatements;
    }

    public void multiStatements(boolean value) {
        multiStatements = value;
        stateVersion++;
    }

    /** Records a variable's value learned outside session tracking (see collation_connection). */
    public void variable(String name, String value) {
        variables.put(name, value);
        stateVersion++;
    }

    /** Changes whenever anything a backend connection must mirror changes. */
    public long stateVersion() {
        return stateVersion;
    }

    public long lastInsertId() {
        return lastInsertId;
    }

    public void lastInsertId(long value) {
        lastInsertId = value;
    }

    public int status() {
        return status;
    }

    public boolean inTransaction() {
        return ServerStatus.has(status, ServerStatus.IN_TRANS);
    }

    public boolean autocommit() {
        return ServerStatus.has(status, ServerStatus.AUTOCOMMIT);
    }

    public boolean noBackslashEscapes() {
        return ServerStatus.has(status, ServerStatus.NO_BACKSLASH_ESCAPES);
    }

    /** MariaDB reports sql_mode ANSI_QUOTES in this otherwise unused status bit. */
    public boolean ansiQuotes() {
        return ServerStatus.has(status, 0x8000);
    }

    /** Takes the status flags of the statement that just ended. */
    public void status(int value) {
        status = value;
        pinIf(PinReason.TRANSACTION, ServerStatus.has(value, ServerStatus.IN_TRANS));
        pinIf(PinReason.CURSOR, ServerStatus.has(value, ServerStatus.CURSOR_EXISTS)
                && !ServerStatus.has(value, ServerStatus.LAST_ROW_SENT));
    }

    /** Applies what the server reported changed at the end of a statement. */
    public void apply(SessionStateChanges changes) {
        stateVersion++;
        for (Map.Entry<String, String> each : changes.systemVariables().entrySet()) {
            String name = each.getKey();
            switch (SessionVariables.handlingOf(name)) {
                case REPLAY -> variables.put(name, each.getValue());
                case LAST_INSERT_ID -> lastInsertId = parseLong(each.getValue(), lastInsertId);
                case LAST_GTID -> lastGtid = each.getValue().isEmpty() ? lastGtid : each.getValue();
                case ONE_SHOT -> holdForNextStatement = true;
                case PIN -> pin(name.startsWith("session_track") ? PinReason.SESSION_TRACKING : PinReason.UNTRACKED_STATE);
                case IGNORE -> { }
            }
        }
        if (changes.schema() != null) {
            schema(changes.schema());
        }
        if (changes.stateChanged() && changes.systemVariables().isEmpty() && changes.schema() == null) {
            pin(PinReason.UNTRACKED_STATE);
        }
    }

    private static long parseLong(String text, long fallback) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException ex) {
            return fallback;
        }
    }

    public void pin(PinReason reason) {
        pins.add(reason);
    }

    public void unpin(PinReason reason) {
        pins.remove(reason);
    }

    private void pinIf(PinReason reason, boolean condition) {
        if (condition) {
            pins.add(reason);
        } else {
            pins.remove(reason);
        }
    }

    public Set<PinReason> pins() {
        return pins;
    }

    /**
     * State that only the session's primary connection has (user variables, temporary tables, locks, SQL-level
     * prepared statements, a transaction): its statements must run there to see it.
     */
    public boolean holdsPrimaryState() {
        for (PinReason each : pins) {
            if (each != PinReason.CURSOR) {
                return true;
            }
        }
        return holdForNextStatement;
    }

    /**
     * Keep the connection for exactly the next statement because correctness needs it: FOUND_ROWS() after
     * SQL_CALC_FOUND_ROWS, one-shot variables, SET TRANSACTION for the next transaction.
     */
    public void holdForNextStatement(boolean value) {
        holdForNextStatement = value;
    }

    /**
     * Keep the connection for the next statement if nobody else needs it: the last statement left warnings or an
     * error that SHOW WARNINGS would show. The pool may take it back when it runs short.
     */
    public void softHold(boolean value) {
        softHold = value;
    }

    public boolean softHold() {
        return softHold;
    }

    /** Whether the backend connection must stay with this session after the statement that just ended. */
    public boolean keepsBackend() {
        return !pins.isEmpty() || holdForNextStatement;
    }

    /** The statements this session prepared (COM_STMT_PREPARE), by the proxy's ids. */
    public ClientStatements statements() {
        return statements;
    }

    public BackendConnection backend() {
        return backend;
    }

    /** The transaction's other connections, by data source (see the field). */
    public Map<String, BackendConnection> branches() {
        return branches;
    }

    /** The connection a response streams from, for resuming it when the client can take more; may be null. */
    public BackendConnection streaming() {
        return streaming;
    }

    public void streaming(BackendConnection connection) {
        streaming = connection;
    }

    public void backend(BackendConnection connection) {
        backend = connection;
    }

    /**
     * The backend holding this session's open transaction was lost: every statement but ROLLBACK/COMMIT now fails
     * with this reason, as the client must learn its transaction is gone before going on.
     */
    public String transactionLostReason() {
        return transactionLostReason;
    }

    public void transactionLost(String reason) {
        transactionLostReason = reason;
    }

    /**
     * The backend connection is gone: everything only it held is gone too. Prepared statements survive: the proxy
     * keeps their text and prepares them again wherever they run next.
     */
    public void backendLost() {
        backend = null;
        pins.clear();
        holdForNextStatement = false;
        softHold = false;
        status = status & ~(ServerStatus.IN_TRANS | ServerStatus.IN_TRANS_READONLY | ServerStatus.CURSOR_EXISTS);
    }

    @Override
    public String toString() {
        return "Session[" + id + ", user=" + user + ", client=" + clientAddress + "]";
    }
}
