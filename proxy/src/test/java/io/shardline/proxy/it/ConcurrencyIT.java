package io.shardline.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** 200 clients at once, each with its own state and writes, all answered correctly. */
class ConcurrencyIT {
    private static final int CLIENTS = 200;
    private static final int ROUNDS = 20;

    @Test
    void twoHundredConcurrentConnectionsEachSeeTheirOwnResults() throws Exception {
        ProxyFixture proxy = ProxyFixture.get();
        try (Connection setup = proxy.connect(proxy.mysqlUrl("")); Statement statement = setup.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS concurrent");
            statement.execute("CREATE TABLE concurrent (client INT, round INT, v VARCHAR(40), PRIMARY KEY (client, round))");
        }
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        CountDownLatch allConnected = new CountDownLatch(CLIENTS);
        List<Future<Integer>> results = new ArrayList<>();
        try {
            for (int client = 0; client < CLIENTS; client++) {
                int id = client;
                String mode = DriverModes.all().toList().get(id % 4);
                results.add(pool.submit(() -> runClient(proxy, mode, id, allConnected)));
            }
            for (Future<Integer> each : results) {
                assertThat(each.get(120, TimeUnit.SECONDS)).isEqualTo(ROUNDS);
            }
        } finally {
            pool.shutdownNow();
        }
        try (Connection check = proxy.connect(proxy.mysqlUrl("")); Statement statement = check.createStatement();
             ResultSet rs = statement.executeQuery("SELECT COUNT(*), COUNT(DISTINCT client) FROM concurrent")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(CLIENTS * ROUNDS);
            assertThat(rs.getInt(2)).isEqualTo(CLIENTS);
        }
    }

    private static int runClient(ProxyFixture proxy, String mode, int id, CountDownLatch allConnected) throws Exception {
        try (Connection connection = proxy.connect(DriverModes.url(proxy, mode, ""))) {
            allConnected.countDown();
            allConnected.await(60, TimeUnit.SECONDS);
            String zone = String.format("+%02d:%02d", id % 12, id % 60);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET time_zone = '" + zone + "'");
            }
            int done = 0;
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO concurrent VALUES (?, ?, ?)");
                 PreparedStatement read = connection.prepareStatement(
                         "SELECT v, @@time_zone, COUNT(*) OVER () FROM concurrent WHERE client = ? AND round = ?")) {
                for (int round = 0; round < ROUNDS; round++) {
                    boolean inTransaction = round % 5 == 0;
                    connection.setAutoCommit(!inTransaction);
                    insert.setInt(1, id);
                    insert.setInt(2, round);
                    insert.setString(3, "client " + id + " round " + round);
                    insert.executeUpdate();
                    if (inTransaction) {
                        connection.commit();
                        connection.setAutoCommit(true);
                    }
                    read.setInt(1, id);
                    read.setInt(2, round);
                    try (ResultSet rs = read.executeQuery()) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getString(1)).isEqualTo("client " + id + " round " + round);
                        assertThat(rs.getString(2)).isEqualTo(zone);
                    }
                    done++;
                }
            }
            return done;
        }
    }
}
