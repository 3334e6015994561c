package io.shardline.proxy.sandbox;

import java.util.List;

/**
 * What differs between MariaDB and MySQL: server options and the replication SQL.
 *
 * <p>MariaDB is the primary target and the one the integration tests run against; MySQL support is best
 * effort for MySQL 8.0.23+ (the {@code CHANGE REPLICATION SOURCE} syntax).
 */
enum Flavor {
    MARIADB(
            "CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=%d, MASTER_USER='%s', MASTER_PASSWORD='%s',"
                    + " MASTER_USE_GTID=slave_pos, MASTER_CONNECT_RETRY=1",
            "START SLAVE",
            "STOP SLAVE",
            "SHOW SLAVE STATUS",
            new StatusColumns("Slave_IO_Running", "Slave_SQL_Running", "Seconds_Behind_Master",
                    "Gtid_IO_Pos", "Master_Port"),
            "SELECT @@gtid_binlog_pos",
            "SELECT @@gtid_current_pos",
            // Returns 0 once the replica has applied the position, -1 on timeout.
            "SELECT MASTER_GTID_WAIT(?, ?)"),
    MYSQL(
            "CHANGE REPLICATION SOURCE TO SOURCE_HOST='127.0.0.1', SOURCE_PORT=%d, SOURCE_USER='%s',"
                    + " SOURCE_PASSWORD='%s', SOURCE_AUTO_POSITION=1, SOURCE_CONNECT_RETRY=1,"
                    + " GET_SOURCE_PUBLIC_KEY=1",
            "START REPLICA",
            "STOP REPLICA",
            "SHOW REPLICA STATUS",
            new StatusColumns("Replica_IO_Running", "Replica_SQL_Running", "Seconds_Behind_Source",
                    "Retrieved_Gtid_Set", "Source_Port"),
            "SELECT @@gtid_executed",
            "SELECT @@gtid_executed",
            // Returns 0 once the set is applied, 1 on timeout.
            "SELECT WAIT_FOR_EXECUTED_GTID_SET(?, ?)");

    /** Column names of the replica status row, which MySQL renamed from "slave/master" to "replica/source". */
    record StatusColumns(String ioRunning, String sqlRunning, String lag, String gtidReceived,
            String sourcePort) {}

    private final String changeSource;
    private final String startReplica;
    private final String stopReplica;
    private final String replicaStatus;
    private final StatusColumns columns;
    private final String binlogPosition;
    private final String appliedPosition;
    private final String waitForPosition;

    Flavor(String changeSource, String startReplica, String stopReplica, String replicaStatus, StatusColumns columns,
            String binlogPosition, String appliedPosition, String waitForPosition) {
        this.changeSource = changeSource;
        this.startReplica = startReplica;
        this.stopReplica = stopReplica;
        this.replicaStatus = replicaStatus;
        this.columns = columns;
        this.binlogPosition = binlogPosition;
        this.appliedPosition = appliedPosition;
        this.waitForPosition = waitForPosition;
    }

    /**
     * Points a replica at the primary by GTID. The retry interval is 1 s instead of the default 60 s because
     * the sandbox starts all servers at once, and a replica that tries before the primary listens must not then
     * sit idle for a minute.
     */
    String changeSourceSql(int primaryPort, String user, String password) {
        return String.format(java.util.Locale.ROOT, changeSource, primaryPort, user, password);
    }

    String startReplicaSql() {
        return startReplica;
    }

    String stopReplicaSql() {
        return stopReplica;
    }

    String replicaStatusSql() {
        return replicaStatus;
    }

    StatusColumns columns() {
        return columns;
    }

    /** On the primary: everything written so far, the position replicas must reach to be caught up. */
    String binlogPositionSql() {
        return binlogPosition;
    }

    /** On any server: what it has applied, shown by {@code status}. */
    String appliedPositionSql() {
        return appliedPosition;
    }

    String waitForPositionSql() {
        return waitForPosition;
    }

    /** Both wait functions return 0 on success; anything else (timeout, NULL) means "not yet". */
    boolean waitSucceeded(java.util.Optional<String> result) {
        return result.filter("0"::equals).isPresent();
    }

    /** Options only this flavour understands (or needs); the shared ones live in {@link ServerOptions}. */
    List<String> extraOptions() {
        if (this == MARIADB) {
            return List.of(
                    "--log-slave-updates",
                    "--binlog-format=ROW",
                    "--gtid-strict-mode=1",
                    // Host names would need DNS look-ups on every connect; the accounts use 127.0.0.1 anyway.
                    "--skip-name-resolve",
                    // The default 96 MB redo log per server is most of a fresh datadir; 16 MB is plenty here.
                    "--innodb-log-file-size=16M");
        }
        // MySQL 8 already logs replica updates and uses ROW format; X protocol would grab port 33060 for
        // every server, so it is off. Name resolution stays on because its root account is root@localhost.
        return List.of("--gtid-mode=ON", "--enforce-gtid-consistency=ON", "--mysqlx=OFF");
    }
}
