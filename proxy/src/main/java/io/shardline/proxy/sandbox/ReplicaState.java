package io.shardline.proxy.sandbox;

/**
 * What a replica reports about its replication, as of one {@code SHOW SLAVE STATUS}.
 *
 * @param ioRunning      {@code Yes}, {@code No} or {@code Connecting}: receiving binlog from the primary
 * @param sqlRunning     {@code Yes} or {@code No}: applying what was received
 * @param secondsBehind  replication lag; {@code null} when the server cannot tell (threads not running)
 * @param gtidReceived   GTID position received from the primary ({@code Gtid_IO_Pos})
 * @param gtidApplied    GTID position applied on this replica
 * @param lastError      last IO or SQL thread error, empty if none
 */
public record ReplicaState(String ioRunning, String sqlRunning, Long secondsBehind, String gtidReceived,
        String gtidApplied, String lastError) {

    public ReplicaState {
        ioRunning = nullToEmpty(ioRunning);
        sqlRunning = nullToEmpty(sqlRunning);
        gtidReceived = nullToEmpty(gtidReceived);
        gtidApplied = nullToEmpty(gtidApplied);
        lastError = nullToEmpty(lastError);
    }

    /** Both threads running. Lag alone is no failure: a busy replica is behind but still healthy. */
    public boolean healthy() {
        return "Yes".equals(ioRunning) && "Yes".equals(sqlRunning);
    }

    /** "IO Yes, SQL Yes": the two thread states in one cell. */
    public String threads() {
        return "IO " + orDash(ioRunning) + ", SQL " + orDash(sqlRunning);
    }

    private static String orDash(String value) {
        return value.isEmpty() ? "-" : value;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value.trim();
    }
}
