package io.shardline.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardline.proxy.ShardlineServer;
import io.shardline.proxy.health.Status;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Read-your-writes under real replication delay: a session that writes and reads at once sees its row, in both
 * consistency modes, while a session that did not write still reads the (stale) replicas, which proves the
 * replicas were in rotation and behind.
 */
class ReadYourWritesIT {
    private static final int DELAY_SECONDS = 4;

    private static Replication replication;
    private static int primary;
    private static Set<Integer> replicas;

    @BeforeAll
    static void setUp() throws Exception {
        replication = new Replication(SandboxFixture.get());
        ProxyFixture.get();
        primary = replication.primaryPort();
        replicas = Set.copyOf(replication.replicaPorts());
        replication.sql(primary, "CREATE OR REPLACE TABLE " + ProxyFixture.SCHEMA
                + ".ryw (id INT AUTO_INCREMENT PRIMARY KEY, note VARCHAR(40))");
        replication.awaitCaughtUp();
    }

    @AfterEach
    void restoreReplication() throws SQLException {
        for (int each : replicas) {
            replication.restore(each);
        }
        replication.awaitCaughtUp();
    }

    private static Connection connect(ShardlineServer proxy, String options) throws SQLException {
        return DriverManager.getConnection(ProxyFixture.mysqlUrl(proxy.address().getPort(), options));
    }

    /** Row count for {@code note} and the port that answered. */
    private static int[] read(Statement statement, String note) throws SQLException {
        try (ResultSet rs = statement.executeQuery("SELECT COUNT(*), @@port FROM ryw WHERE note = '" + note + "'")) {
            rs.next();
            return new int[] {rs.getInt(1), rs.getInt(2)};
        }
    }

    /**
     * Replicas delayed but within max-replica-lag stay in rotation; causal consistency sends the writer's reads to
     * the primary until a replica has applied its write, then back to the replicas.
     */
    @Test
    void causalReadsSeeTheSessionsOwnWritesOnDelayedReplicas() throws Exception {
        try (ShardlineServer proxy = ProxyFixture.startReplicated("", "    max-replica-lag: 60s\n"
                + "    session-consistency: causal\n")) {
            for (int each : replicas) {
                replication.delay(each, DELAY_SECONDS);
                Replication.awaitStatus(proxy, each, Status.UP);
            }
            try (Connection writer = connect(proxy, ""); Statement writes = writer.createStatement();
                 Connection reader = connect(proxy, ""); Statement reads = reader.createStatement()) {
                Set<Integer> writerReadFrom = new HashSet<>();
                Set<Integer> staleReadFrom = new HashSet<>();
                int staleReads = 0;
                long start = System.nanoTime();
                for (int i = 0; i < 20; i++) {
                    String note = "causal-" + i;
                    writes.executeUpdate("INSERT INTO ryw (note) VALUES ('" + note + "')");
                    int[] own = read(writes, note);
                    assertThat(own[0]).as("the writer sees write %d at once (read on %d)", i, own[1]).isEqualTo(1);
                    writerReadFrom.add(own[1]);
                    int[] other = read(reads, note);
                    if (other[0] == 0) {
                        staleReads++;
                        staleReadFrom.add(other[1]);
                    }
                }
                assertThat((System.nanoTime() - start) / 1_000_000_000.0).as("all within the replicas' delay")
                        .isLessThan(DELAY_SECONDS);
                assertThat(staleReads).as("another session reads the delayed replicas").isEqualTo(20);
                assertThat(staleReadFrom).isSubsetOf(replicas);
                assertThat(writerReadFrom).as("the writer's reads went to the primary").containsExactly(primary);

                for (int each : replicas) {
                    replication.restore(each);
                }
                replication.awaitCaughtUp();
                Set<Integer> afterCatchUp = new HashSet<>();
                for (int i = 0; i < 10; i++) {
                    int[] own = read(writes, "causal-19");
                    assertThat(own[0]).isEqualTo(1);
                    afterCatchUp.add(own[1]);
                }
                assertThat(afterCatchUp).as("once a replica has the write, the writer reads replicas again")
                        .isSubsetOf(replicas);
            }
        }
    }

    /**
     * The default, global-causal: a read of any session sees every write acknowledged through the proxy, as on one
     * server (a client's connection pool writes on one connection and reads on another), and reads go back to the
     * replicas once they have applied the writes.
     */
    @Test
    void globalCausalReadsSeeWritesOfEverySession() throws Exception {
        try (ShardlineServer proxy = ProxyFixture.startReplicated("", "    max-replica-lag: 60s\n")) {
            for (int each : replicas) {
                replication.delay(each, DELAY_SECONDS);
                Replication.awaitStatus(proxy, each, Status.UP);
            }
            try (Connection writer = connect(proxy, ""); Statement writes = writer.createStatement();
                 Connection reader = connect(proxy, ""); Statement reads = reader.createStatement()) {
                Set<Integer> readFrom = new HashSet<>();
                long start = System.nanoTime();
                for (int i = 0; i < 20; i++) {
                    String note = "global-" + i;
                    writes.executeUpdate("INSERT INTO ryw (note) VALUES ('" + note + "')");
                    int[] other = read(reads, note);
                    assertThat(other[0]).as("another session sees write %d at once (read on %d)", i, other[1])
                            .isEqualTo(1);
                    readFrom.add(other[1]);
                }
                assertThat((System.nanoTime() - start) / 1_000_000_000.0).as("all within the replicas' delay")
                        .isLessThan(DELAY_SECONDS);
                assertThat(readFrom).as("reads went to the primary while the replicas lacked the writes")
                        .containsExactly(primary);

                for (int each : replicas) {
                    replication.restore(each);
                }
                replication.awaitCaughtUp();
                Set<Integer> afterCatchUp = new HashSet<>();
                for (int i = 0; i < 10; i++) {
                    int[] other = read(reads, "global-19");
                    assertThat(other[0]).isEqualTo(1);
                    afterCatchUp.add(other[1]);
                }
                assertThat(afterCatchUp).as("once the replicas have the writes, reads go to them again")
                        .isSubsetOf(replicas);
            }
        }
    }

    /** The recipe for lag: stopped SQL threads. Such replicas leave the rotation; reads stay correct. */
    @Test
    void stoppedSqlThreadsNeverServeAStaleReadToTheWriter() throws Exception {
        try (ShardlineServer proxy = ProxyFixture.startReplicated("", "")) {
            try (Connection writer = connect(proxy, "useServerPrepStmts=true");
                 PreparedStatement insert = writer.prepareStatement("INSERT INTO ryw (note) VALUES (?)");
                 PreparedStatement count = writer.prepareStatement("SELECT COUNT(*), @@port FROM ryw WHERE note = ?")) {
                for (int each : replicas) {
                    replication.sql(each, "STOP SLAVE SQL_THREAD");
                }
                for (int i = 0; i < 20; i++) {
                    String note = "sql-thread-" + i;
                    insert.setString(1, note);
                    insert.executeUpdate();
                    count.setString(1, note);
                    try (ResultSet rs = count.executeQuery()) {
                        rs.next();
                        assertThat(rs.getInt(1)).as("prepared read right after write %d", i).isEqualTo(1);
                    }
                }
            }
        }
    }

    /** primary-after-write: the session's reads stay on the primary for the write window after each write. */
    @Test
    void primaryAfterWriteKeepsReadsOnThePrimaryForTheWindow() throws Exception {
        try (ShardlineServer proxy = ProxyFixture.startReplicated("", "    max-replica-lag: 60s\n"
                + "    session-consistency: primary-after-write\n    write-window: 3s\n")) {
            for (int each : replicas) {
                replication.delay(each, DELAY_SECONDS);
                Replication.awaitStatus(proxy, each, Status.UP);
            }
            try (Connection writer = connect(proxy, ""); Statement writes = writer.createStatement()) {
                assertThat(read(writes, "none")[1]).as("before any write: a replica").isIn(replicas);
                writes.executeUpdate("INSERT INTO ryw (note) VALUES ('window')");
                for (int i = 0; i < 10; i++) {
                    int[] own = read(writes, "window");
                    assertThat(own[0]).isEqualTo(1);
                    assertThat(own[1]).isEqualTo(primary);
                }
                Thread.sleep(3_200);
                assertThat(read(writes, "none")[1]).as("after the window: a replica again").isIn(replicas);
            }
        }
    }
}
