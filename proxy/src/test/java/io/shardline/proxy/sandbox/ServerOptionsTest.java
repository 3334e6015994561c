package io.shardline.proxy.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerOptionsTest {

    private static final Path MARIADBD = Path.of("/usr/sbin/mariadbd");
    private static final SandboxLayout LAYOUT = SandboxLayout.of(Path.of("/repo"), 3316);

    @Test
    void noDefaultsComesFirstSoNoSystemConfigLeaksIn() {
        List<String> args = ServerOptions.commandLine(MARIADBD, Flavor.MARIADB, LAYOUT.primary(), false);

        assertThat(args.subList(0, 2)).containsExactly("/usr/sbin/mariadbd", "--no-defaults");
    }

    @Test
    void serverListensOnLoopbackOnlyWithItsOwnFiles() {
        ServerSpec shard = LAYOUT.server("shard1");

        List<String> args = ServerOptions.commandLine(MARIADBD, Flavor.MARIADB, shard, false);

        assertThat(args).contains("--bind-address=127.0.0.1", "--port=3327", "--server-id=3327",
                "--datadir=" + shard.datadir(), "--socket=" + shard.socket(), "--pid-file=" + shard.pidFile(),
                "--log-error=" + shard.logFile());
    }

    @Test
    void mariaDbGetsGtidStrictModeAndRowBinlogs() {
        List<String> args = ServerOptions.commandLine(MARIADBD, Flavor.MARIADB, LAYOUT.primary(), false);

        assertThat(args).contains("--log-bin=binlog", "--log-slave-updates", "--binlog-format=ROW",
                "--gtid-strict-mode=1", "--skip-name-resolve", "--performance-schema=OFF",
                "--character-set-server=utf8mb4");
        assertThat(args).doesNotContain("--gtid-mode=ON");
    }

    @Test
    void mySqlGetsGtidModeInsteadOfStrictMode() {
        Path mysqld = Path.of("/usr/sbin/mysqld");

        List<String> args = ServerOptions.commandLine(mysqld, Flavor.MYSQL, LAYOUT.primary(), false);

        assertThat(args).contains("--gtid-mode=ON", "--enforce-gtid-consistency=ON", "--mysqlx=OFF");
        assertThat(args).doesNotContain("--gtid-strict-mode=1", "--log-slave-updates");
    }

    @Test
    void onlyReplicasAreReadOnly() {
        for (ServerSpec server : LAYOUT.servers()) {
            List<String> args = ServerOptions.commandLine(MARIADBD, Flavor.MARIADB, server, false);
            assertThat(args.contains("--read-only=1")).as(server.name()).isEqualTo(server.role() == Role.REPLICA);
        }
    }

    @Test
    void userRootOnlyWhenRunningAsRoot() {
        assertThat(ServerOptions.commandLine(MARIADBD, Flavor.MARIADB, LAYOUT.primary(), true))
                .contains("--user=root");
        assertThat(ServerOptions.commandLine(MARIADBD, Flavor.MARIADB, LAYOUT.primary(), false))
                .doesNotContain("--user=root");
    }

    @Test
    void replicationUsesGtidAutoPositioning() {
        assertThat(Flavor.MARIADB.changeSourceSql(3316, "repl", "pw"))
                .contains("MASTER_PORT=3316", "MASTER_USE_GTID=slave_pos", "MASTER_CONNECT_RETRY=1");
        assertThat(Flavor.MYSQL.changeSourceSql(3316, "repl", "pw"))
                .startsWith("CHANGE REPLICATION SOURCE TO")
                .contains("SOURCE_PORT=3316", "SOURCE_AUTO_POSITION=1");
    }
}
