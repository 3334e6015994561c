package io.shardline.proxy.session;

import java.util.Set;

/**
 * How the proxy treats each system variable the server reports changed (session tracking with '*'). Most are
 * replayed with SET on whichever connection runs the session's next statement; the rest are one-shot, maintained
 * by the server itself, or not reproducible.
 */
public final class SessionVariables {
    /** What to do when the server reports a variable changed. */
    public enum Handling {
        /** Remember the value and SET it on other connections. */
        REPLAY,
        /** Applies to the next statement only: keep the connection for exactly one more statement. */
        ONE_SHOT,
        /** LAST_INSERT_ID(): carried as its own value, set on another connection only when a statement reads it. */
        LAST_INSERT_ID,
        /** The GTID of the session's last write (MariaDB's last_gtid): what a replica must have applied. */
        LAST_GTID,
        /** Maintained by the server as a result of statements (read-only): nothing to reproduce. */
        IGNORE,
        /** Cannot be reproduced faithfully: the session keeps its connection. */
        PIN
    }

    private static final Set<String> ONE_SHOT = Set.of("insert_id", "rand_seed1", "rand_seed2", "gtid_seq_no");
    private static final Set<String> LAST_INSERT_ID = Set.of("last_insert_id", "identity");
    private static final Set<String> IGNORED = Set.of("warning_count", "error_count", "in_transaction",
            "gtid_binlog_pos", "gtid_current_pos");
    /**
     * MariaDB reports a stale timestamp after SET timestamp=DEFAULT; pseudo_* and replication settings change how
     * the server logs the session; session_track_* would blind the proxy itself.
     */
    private static final Set<String> PINNED = Set.of("timestamp", "pseudo_thread_id", "pseudo_slave_mode",
            "skip_replication", "server_id", "gtid_domain_id");

    private SessionVariables() {}

    public static Handling handlingOf(String name) {
        if (ONE_SHOT.contains(name)) {
            return Handling.ONE_SHOT;
        }
        if (LAST_INSERT_ID.contains(name)) {
            return Handling.LAST_INSERT_ID;
        }
        if (name.equals("last_gtid")) {
            return Handling.LAST_GTID;
        }
        if (IGNORED.contains(name)) {
            return Handling.IGNORE;
        }
        if (PINNED.contains(name) || name.startsWith("session_track") || name.startsWith("wsrep_")) {
            return Handling.PIN;
        }
        return Handling.REPLAY;
    }
}
