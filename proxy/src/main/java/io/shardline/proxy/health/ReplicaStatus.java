package io.shardline.proxy.health;

/**
 * The part of a replica's {@code SHOW SLAVE STATUS} (or {@code SHOW REPLICA STATUS}) row the rules read, as the
 * server reported it.
 *
 * @param ioThread           {@code Yes}, {@code No} or {@code Connecting} (retrying to reach its source)
 * @param sqlThread          {@code Yes} or {@code No}
 * @param secondsBehind      {@code Seconds_Behind_Master}; null when the server cannot tell, which MariaDB 10.11
 *                           does whenever either thread is not running
 * @param sourceHost         the host the replica replicates from, as configured on it
 * @param sourcePort         its port
 * @param appliedAllReceived the replica has applied every transaction its IO thread received (MariaDB:
 *                           {@code @@gtid_slave_pos} covers {@code Gtid_IO_Pos}); nothing more will arrive while
 *                           its source is down
 * @param lastIoError        {@code Last_IO_Error}, empty if none
 * @param lastSqlError       {@code Last_SQL_Error}, empty if none
 */
record ReplicaStatus(String ioThread, String sqlThread, Long secondsBehind, String sourceHost, int sourcePort,
        boolean appliedAllReceived, String lastIoError, String lastSqlError) {

    ReplicaStatus {
        ioThread = blankToDash(ioThread);
        sqlThread = blankToDash(sqlThread);
        sourceHost = sourceHost == null ? "" : sourceHost;
        lastIoError = lastIoError == null ? "" : lastIoError.strip();
        lastSqlError = lastSqlError == null ? "" : lastSqlError.strip();
    }

    boolean ioRunning() {
        return "Yes".equalsIgnoreCase(ioThread);
    }

    boolean sqlRunning() {
        return "Yes".equalsIgnoreCase(sqlThread);
    }

    /** Both threads run: the replica receives and applies. */
    boolean replicating() {
        return ioRunning() && sqlRunning();
    }

    private static String blankToDash(String value) {
        return value == null || value.isBlank() ? "-" : value.strip();
    }
}
