package io.shardline.proxy.health;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SQL a check speaks, by server: MariaDB, MySQL before 8.0.22 ("slave/master" names), and MySQL 8.0.22 and
 * later, which renamed them to "replica/source" and dropped the old statement in 8.4.
 */
enum Dialect {
    MARIADB("SELECT @@read_only, @@gtid_current_pos, @@gtid_slave_pos", "SHOW SLAVE STATUS",
            "Slave_IO_Running", "Slave_SQL_Running", "Seconds_Behind_Master", "Master_Host", "Master_Port",
            "Gtid_IO_Pos"),
    MYSQL_LEGACY("SELECT @@read_only, @@gtid_executed", "SHOW SLAVE STATUS",
            "Slave_IO_Running", "Slave_SQL_Running", "Seconds_Behind_Master", "Master_Host", "Master_Port",
            "Retrieved_Gtid_Set"),
    MYSQL("SELECT @@read_only, @@gtid_executed", "SHOW REPLICA STATUS",
            "Replica_IO_Running", "Replica_SQL_Running", "Seconds_Behind_Source", "Source_Host", "Source_Port",
            "Retrieved_Gtid_Set");

    private static final Pattern VERSION = Pattern.compile("^(\\d+)\\.(\\d+)\\.(\\d+)");

    final String variablesSql;
    final String replicaStatusSql;
    final String ioColumn;
    final String sqlColumn;
    final String lagColumn;
    final String sourceHostColumn;
    final String sourcePortColumn;
    final String receivedColumn;

    Dialect(String variablesSql, String replicaStatusSql, String ioColumn, String sqlColumn, String lagColumn,
            String sourceHostColumn, String sourcePortColumn, String receivedColumn) {
        this.variablesSql = variablesSql;
        this.replicaStatusSql = replicaStatusSql;
        this.ioColumn = ioColumn;
        this.sqlColumn = sqlColumn;
        this.lagColumn = lagColumn;
        this.sourceHostColumn = sourceHostColumn;
        this.sourcePortColumn = sourcePortColumn;
        this.receivedColumn = receivedColumn;
    }

    /**
     * From {@code SELECT VERSION()}: anything saying MariaDB is MariaDB (including the {@code 5.5.5-} prefix
     * some paths add); otherwise MySQL, old or new by number. An unreadable version is taken for a current MySQL,
     * since the old statement no longer exists there.
     */
    static Dialect ofVersion(String version) {
        if (version == null) {
            return MYSQL;
        }
        if (version.toLowerCase(java.util.Locale.ROOT).contains("mariadb")) {
            return MARIADB;
        }
        Matcher matcher = VERSION.matcher(version.strip());
        if (!matcher.find()) {
            return MYSQL;
        }
        int major = Integer.parseInt(matcher.group(1));
        int minor = Integer.parseInt(matcher.group(2));
        int patch = Integer.parseInt(matcher.group(3));
        boolean renamed = major > 8 || (major == 8 && (minor > 0 || patch >= 22));
        return renamed ? MYSQL : MYSQL_LEGACY;
    }

    boolean isMariaDb() {
        return this == MARIADB;
    }
}
