package io.shardline.proxy.protocol;

/** Capability flags of the MySQL client/server protocol, and the sets Shardline offers and requests. */
public final class Capabilities {
    /** Also CLIENT_MYSQL: a MariaDB client reads its extended capabilities only when this bit is clear. */
    public static final long LONG_PASSWORD = 1L;
    public static final long FOUND_ROWS = 1L << 1;
    public static final long LONG_FLAG = 1L << 2;
    public static final long CONNECT_WITH_DB = 1L << 3;
    public static final long NO_SCHEMA = 1L << 4;
    public static final long COMPRESS = 1L << 5;
    public static final long ODBC = 1L << 6;
    public static final long LOCAL_FILES = 1L << 7;
    public static final long IGNORE_SPACE = 1L << 8;
    public static final long PROTOCOL_41 = 1L << 9;
    public static final long INTERACTIVE = 1L << 10;
    public static final long SSL = 1L << 11;
    public static final long IGNORE_SIGPIPE = 1L << 12;
    public static final long TRANSACTIONS = 1L << 13;
    public static final long RESERVED = 1L << 14;
    public static final long SECURE_CONNECTION = 1L << 15;
    public static final long MULTI_STATEMENTS = 1L << 16;
    public static final long MULTI_RESULTS = 1L << 17;
    public static final long PS_MULTI_RESULTS = 1L << 18;
    public static final long PLUGIN_AUTH = 1L << 19;
    public static final long CONNECT_ATTRS = 1L << 20;
    public static final long PLUGIN_AUTH_LENENC_CLIENT_DATA = 1L << 21;
    public static final long CAN_HANDLE_EXPIRED_PASSWORDS = 1L << 22;
    public static final long SESSION_TRACK = 1L << 23;
    public static final long DEPRECATE_EOF = 1L << 24;
    /**
     * MariaDB's extended capabilities live above bit 32; they are exchanged only when the server clears
     * LONG_PASSWORD (CLIENT_MYSQL) in its greeting. Extended metadata adds a type-info block (e.g. "json") to
     * column definitions, which MariaDB Connector/J reads to report JSON columns as JSON.
     */
    public static final long MARIADB_EXTENDED_METADATA = 1L << 35;
    /** COM_STMT_BULK_EXECUTE: a batch of parameter sets for one prepared statement in one command. */
    public static final long MARIADB_STMT_BULK_OPERATIONS = 1L << 34;
    /** The extended capabilities the proxy can relay unchanged. */
    public static final long MARIADB_RELAYABLE = MARIADB_EXTENDED_METADATA | MARIADB_STMT_BULK_OPERATIONS;

    /**
     * What the proxy offers clients (SSL is added when TLS is enabled). Compression, query attributes and
     * optional metadata are left out on purpose: they change the wire format and nothing needs them.
     */
    public static final long PROXY_OFFERED = LONG_PASSWORD | FOUND_ROWS | LONG_FLAG | CONNECT_WITH_DB
            | LOCAL_FILES | IGNORE_SPACE | PROTOCOL_41 | INTERACTIVE | TRANSACTIONS | SECURE_CONNECTION
            | MULTI_STATEMENTS | MULTI_RESULTS | PS_MULTI_RESULTS | PLUGIN_AUTH | CONNECT_ATTRS
            | PLUGIN_AUTH_LENENC_CLIENT_DATA | SESSION_TRACK | DEPRECATE_EOF;

    /**
     * Client capabilities that change the bytes or the semantics of backend responses. A backend connection
     * serves only sessions whose client negotiated the same bits here (its "flavour"), so responses relay
     * unchanged.
     */
    public static final long FLAVOUR_MASK = FOUND_ROWS | LOCAL_FILES | IGNORE_SPACE | MULTI_RESULTS
            | PS_MULTI_RESULTS | DEPRECATE_EOF | MARIADB_EXTENDED_METADATA | MARIADB_STMT_BULK_OPERATIONS;

    /**
     * What a backend connection always requests. SESSION_TRACK lets the proxy learn every session-state change
     * from the server itself; MULTI_STATEMENTS is then switched per session with COM_SET_OPTION.
     */
    public static final long BACKEND_BASE = LONG_PASSWORD | LONG_FLAG | PROTOCOL_41 | TRANSACTIONS
            | SECURE_CONNECTION | MULTI_STATEMENTS | PLUGIN_AUTH | PLUGIN_AUTH_LENENC_CLIENT_DATA
            | CONNECT_ATTRS | SESSION_TRACK;

    private Capabilities() {}

    /** A MariaDB-style greeting: LONG_PASSWORD cleared, extended capabilities in the reserved bytes. */
    public static boolean isMariaDbStyle(long capabilities) {
        return !has(capabilities, LONG_PASSWORD);
    }

    public static boolean has(long capabilities, long flag) {
        return (capabilities & flag) != 0;
    }
}
