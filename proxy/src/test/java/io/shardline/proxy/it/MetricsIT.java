package io.shardline.proxy.it;

import static io.shardline.proxy.it.Scrapes.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.shardline.proxy.ShardlineServer;
import io.shardline.proxy.health.Status;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The meters of docs/operations.md's reference move as traffic flows through real proxies: the statement timer's
 * route label for each way a statement is answered, client bytes, backend pool waits, and the sharding planner's
 * cache of statement shapes.
 */
class MetricsIT {
    private static final String COUNT = "shardline_statements_seconds_count{kind=\"select\",outcome=\"ok\",route=\"";

    private static Connection connect(ShardlineServer proxy, String options) throws SQLException {
        return DriverManager.getConnection(ProxyFixture.mysqlUrl(proxy.address().getPort(), options));
    }

    private static double delta(String before, String after, String prefix) {
        return sum(after, prefix) - sum(before, prefix);
    }

    @Test
    void routesPrimaryReplicaAndLocal() throws Exception {
        ProxyFixture.get(); // creates the schema
        try (ShardlineServer proxy = ProxyFixture.startReplicated("", "")) {
            for (int each : SandboxFixture.get().replicaPorts()) {
                Replication.awaitStatus(proxy, each, Status.UP);
            }
            String before;
            try (Connection connection = connect(proxy, ""); Statement statement = connection.createStatement()) {
                before = Scrapes.of(proxy); // after the driver's own statements at connect
                statement.executeQuery("SELECT 1").close();
                statement.executeQuery("SELECT 2 FOR UPDATE").close();
                assertThat(catchThrowableOfType(SQLException.class, () -> statement.execute("KILL 4000000000"))
                        .getErrorCode()).as("answered by the proxy").isEqualTo(1094);
            }
            // A statement is timed when its response has gone out, a moment after the client may have read it.
            String after = Scrapes.await(proxy, "the KILL timed", scrape -> delta(before, scrape,
                    "shardline_statements_seconds_count{kind=\"kill\"") >= 1);
            assertThat(delta(before, after, COUNT + "replica\"")).as("autocommit read").isEqualTo(1);
            assertThat(delta(before, after, COUNT + "primary\"")).as("locking read").isEqualTo(1);
            assertThat(delta(before, after, "shardline_statements_seconds_count{kind=\"kill\",outcome=\"error\","
                    + "route=\"local\"")).isEqualTo(1);
        }
    }

    @Test
    void clientBytesCountBothWays() throws Exception {
        ShardlineServer proxy = ProxyFixture.get().server();
        try (Connection connection = connect(proxy, ""); Statement statement = connection.createStatement()) {
            double received = sum(proxy, "shardline_client_bytes_received_total");
            double sent = sum(proxy, "shardline_client_bytes_sent_total");
            String padding = "x".repeat(5000);

            statement.executeQuery("SELECT REPEAT('y', 20000) /* " + padding + " */").close();

            assertThat(sum(proxy, "shardline_client_bytes_received_total") - received).isGreaterThan(5000);
            assertThat(sum(proxy, "shardline_client_bytes_sent_total") - sent).isGreaterThan(20000);
        }
    }

    /**
     * One worker thread and one pooled connection: a session holding it in a transaction makes another wait; the
     * wait shows in the histogram's sum and above its first bucket, and every borrow counts.
     */
    @Test
    void poolWaitsAreTimedPerServer() throws Exception {
        try (ShardlineServer proxy = ProxyFixture.startDedicated("  worker-threads: 1", "{ max-size: 1 }",
                SandboxFixture.get().primaryPort());
             Connection holder = connect(proxy, ""); Connection waiter = connect(proxy, "");
             Statement holding = holder.createStatement(); Statement waiting = waiter.createStatement()) {
            String wait = "shardline_backend_pool_wait_seconds_";
            double borrows = sum(proxy, wait + "count{");
            holding.execute("BEGIN");
            holding.executeQuery("SELECT 1").close();

            CompletableFuture<Void> blocked = CompletableFuture.runAsync(() -> {
                try {
                    waiting.executeQuery("SELECT 2").close();
                } catch (SQLException ex) {
                    throw new IllegalStateException(ex);
                }
            });
            Scrapes.await(proxy, "a statement waiting for the pool",
                    scrape -> sum(scrape, "shardline_backend_pool_waiting{") >= 1);
            Thread.sleep(50); // the wait to measure: it must show as at least this long
            holding.execute("COMMIT");
            blocked.get(10, TimeUnit.SECONDS);

            String scrape = Scrapes.of(proxy);
            assertThat(sum(scrape, wait + "count{datasource=\"main\",server=\"main/primary@"))
                    .isGreaterThanOrEqualTo(borrows + 2);
            assertThat(sum(scrape, wait + "sum{datasource=\"main\",server=\"main/primary@")).isGreaterThan(0.05);
            assertThat(sum(scrape, wait + "count{") - sum(scrape, wait + "bucket{datasource=\"main\",server=\"main/"
                    + "primary@127.0.0.1:" + SandboxFixture.get().primaryPort() + "\",le=\"0.01\"}"))
                    .as("borrows that waited over 10 ms").isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void shardedRoutesAndThePlanCache() throws Exception {
        SandboxFixture sandbox = SandboxFixture.get();
        try (ShardlineServer proxy = ShardedLayout.start(sandbox, "metrics_sh", "metrics_sh_ref", "t_item",
                "t_dict", "");
             Connection connection = DriverManager.getConnection("jdbc:mysql://127.0.0.1:"
                     + proxy.address().getPort() + "/metrics_sh?user=" + ProxyFixture.USER + "&password="
                     + ProxyFixture.PASSWORD + "&sslMode=DISABLED&allowPublicKeyRetrieval=true");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE t_order (order_id BIGINT PRIMARY KEY, user_id INT NOT NULL, amount INT)");
            statement.execute("CREATE TABLE t_dict (code VARCHAR(10) PRIMARY KEY, label VARCHAR(40))");
            statement.execute("INSERT INTO t_order VALUES (1, 1, 10), (2, 2, 20), (3, 3, 30)");
            statement.execute("INSERT INTO t_dict VALUES ('a', 'alpha')");
            double hits = sum(proxy, "shardline_plan_cache_requests_total{result=\"hit\"");
            double misses = sum(proxy, "shardline_plan_cache_requests_total{result=\"miss\"");

            statement.executeQuery("SELECT amount FROM t_order WHERE user_id = 1 AND order_id = 1").close();
            statement.executeQuery("SELECT amount FROM t_order WHERE user_id = 2 AND order_id = 2").close();
            statement.executeQuery("SELECT SUM(amount) FROM t_order").close();

            String scrape = Scrapes.await(proxy, "the scatter timed", each -> sum(each, COUNT + "shards_n\"") >= 1);
            assertThat(sum(scrape, COUNT + "shards_1\"")).isEqualTo(2);
            assertThat(sum(scrape, COUNT + "shards_n\"")).isEqualTo(1);
            assertThat(sum(scrape, "shardline_statements_seconds_count{kind=\"insert\",outcome=\"ok\",route=\""
                    + "broadcast\"")).as("the write to the broadcast table").isEqualTo(1);
            assertThat(sum(scrape, "shardline_plan_cache_requests_total{result=\"miss\"") - misses)
                    .as("two shapes parsed").isEqualTo(2);
            assertThat(sum(scrape, "shardline_plan_cache_requests_total{result=\"hit\"") - hits)
                    .as("the second point read's shape was parsed already").isEqualTo(1);
        }
    }

    @Test
    void resultCacheHitsHaveTheirRoute() throws Exception {
        String schema = ProxyFixture.SCHEMA;
        ProxyFixture fixture = ProxyFixture.get();
        try (Connection direct = fixture.connect(fixture.directUrl("")); Statement statement = direct.createStatement()) {
            statement.execute("CREATE OR REPLACE TABLE " + schema + ".metrics_cached (id INT PRIMARY KEY)");
            statement.execute("INSERT INTO " + schema + ".metrics_cached VALUES (1)");
        }
        try (ShardlineServer proxy = new ShardlineServer(ProxyFixture.config(fixture.sandbox(), "",
                "{ max-size: 4 }", fixture.sandbox().primaryPort(), "", "result-cache: { rules: [ { name: m,"
                        + " tables: [" + schema + ".metrics_cached] } ] }")).start();
             Connection connection = connect(proxy, ""); Statement statement = connection.createStatement()) {
            String before = Scrapes.of(proxy);
            statement.executeQuery("SELECT id FROM metrics_cached").close();
            // The answer is stored as its last packet goes out: the client may ask again a moment before.
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(5).toNanos();
            while (proxy.resultCache().stats().entries() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            statement.executeQuery("SELECT id FROM metrics_cached").close();

            String after = Scrapes.await(proxy, "the hit timed", scrape -> delta(before, scrape, COUNT + "cache\"") >= 1);
            assertThat(delta(before, after, COUNT + "primary\"")).as("the load").isEqualTo(1);
            assertThat(delta(before, after, COUNT + "cache\"")).as("the hit").isEqualTo(1);
        }
    }
}
