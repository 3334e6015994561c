package io.shardline.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shardline.proxy.ShardlineServer;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Servers taken out of service and back through the admin API, on the sandbox's real primary and replicas: which
 * server answered each read is read back from {@code @@port}, and the proxy's per-server counters must agree.
 */
class BackendAdminIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Replication replication;
    private static int primary;
    private static int replicaA;
    private static int replicaB;

    @BeforeAll
    static void setUp() throws Exception {
        replication = new Replication(SandboxFixture.get());
        ProxyFixture.get();
        primary = replication.primaryPort();
        replicaA = replication.replicaPorts().get(0);
        replicaB = replication.replicaPorts().get(1);
        replication.sql(primary, "CREATE OR REPLACE TABLE " + ProxyFixture.SCHEMA
                + ".admin_it (id INT AUTO_INCREMENT PRIMARY KEY, note VARCHAR(40))");
        replication.awaitCaughtUp();
    }

    private static ShardlineServer start() throws Exception {
        return ProxyFixture.startReplicated("", "", AdminHttp.MANAGEMENT);
    }

    private static AdminHttp admin(ShardlineServer proxy) {
        return new AdminHttp(proxy.managementAddress().getPort());
    }

    private static Connection connect(ShardlineServer proxy) throws SQLException {
        return DriverManager.getConnection(ProxyFixture.mysqlUrl(proxy.address().getPort(), ""));
    }

    private static String name(String role, int port) {
        return "main/" + role + "@127.0.0.1:" + port;
    }

    private static int port(Statement statement) throws SQLException {
        return ReplicaReads.port(statement, "admin_it");
    }

    private static Map<Integer, Integer> reads(Statement statement, int count) throws SQLException {
        return ReplicaReads.reads(statement, "admin_it", count);
    }

    private static JsonNode backend(HttpResponse<String> answer) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body()).get("backend");
    }

    /** Client commands the proxy sent to {@code server}, from its /metrics. */
    private static double statementsOn(AdminHttp admin, String server) throws Exception {
        String prefix = "shardline_backend_statements_total{datasource=\"main\",role=\"replica\",server=\"" + server
                + "\"} ";
        for (String line : admin.get("/metrics").body().split("\n")) {
            if (line.startsWith(prefix)) {
                return Double.parseDouble(line.substring(prefix.length()));
            }
        }
        return 0;
    }

    /** Reads in a loop on several connections, counting which server answered in each phase. */
    private static final class ReadLoad implements AutoCloseable {
        final AtomicInteger phase = new AtomicInteger();
        final Map<Integer, Map<Integer, AtomicLong>> byPhase = new ConcurrentHashMap<>();
        final ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Thread> threads = new ArrayList<>();

        ReadLoad(ShardlineServer proxy, int clients) {
            for (int i = 0; i < clients; i++) {
                Thread each = new Thread(() -> run(proxy), "reader-" + i);
                threads.add(each);
                each.start();
            }
        }

        private void run(ShardlineServer proxy) {
            try (Connection connection = connect(proxy); Statement statement = connection.createStatement()) {
                while (running.get()) {
                    // The phase is read before the statement starts: a read of phase n began after phase n began.
                    int now = phase.get();
                    int port = port(statement);
                    byPhase.computeIfAbsent(now, key -> new ConcurrentHashMap<>())
                            .computeIfAbsent(port, key -> new AtomicLong()).incrementAndGet();
                }
            } catch (Throwable ex) {
                errors.add(ex);
            }
        }

        Map<Integer, AtomicLong> phase(int number) {
            return byPhase.getOrDefault(number, Map.of());
        }

        void awaitReads(int number, int port, long count) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (phase(number).getOrDefault(port, new AtomicLong()).get() < count) {
                assertThat(errors).isEmpty();
                assertThat(System.nanoTime() - deadline).as("%d reads on %d in phase %d", count, port, number)
                        .isNegative();
                Thread.sleep(10);
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            for (Thread each : threads) {
                each.join(10_000);
            }
        }
    }

    @Test
    void aReplicaTakenOfflineUnderReadLoadGetsNoNewReadsAndClientsSeeNoError() throws Exception {
        try (ShardlineServer proxy = start()) {
            AdminHttp admin = admin(proxy);
            Replication.awaitStatus(proxy, replicaA, io.shardline.proxy.health.Status.UP);
            Replication.awaitStatus(proxy, replicaB, io.shardline.proxy.health.Status.UP);
            ReadLoad load = new ReadLoad(proxy, 4);
            try (load) {
                load.awaitReads(0, replicaA, 50);

                JsonNode offline = backend(admin.post("/api/backends/offline?name=127.0.0.1:" + replicaA));
                load.phase.set(1);
                assertThat(offline.get("name").asText()).isEqualTo(name("replica", replicaA));
                assertThat(offline.get("admin_state").asText()).isEqualTo("offline");

                load.awaitReads(1, replicaB, 100);
                double before = statementsOn(admin, name("replica", replicaA));
                load.awaitReads(1, replicaB, 400);
                assertThat(statementsOn(admin, name("replica", replicaA))).as("the proxy sent it nothing")
                        .isEqualTo(before);
                assertThat(load.phase(1)).as("reads started after the answer").containsOnlyKeys(replicaB);
                awaitNoPooledConnections(admin, name("replica", replicaA));

                JsonNode online = backend(admin.post("/api/backends/online?name="
                        + AdminHttp.encoded(name("replica", replicaA))));
                load.phase.set(2);
                assertThat(online.get("admin_state").asText()).isEqualTo("online");
                load.awaitReads(2, replicaA, 50);
            }
            assertThat(load.errors).as("client errors").isEmpty();
        }
    }

    /** The pools of an offline server close their idle connections, and those given back later. */
    private static void awaitNoPooledConnections(AdminHttp admin, String server) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            JsonNode pool = null;
            for (JsonNode each : JSON.readTree(admin.get("/api/backends").body()).get("backends")) {
                if (each.get("name").asText().equals(server)) {
                    assertThat(each.get("admin_state").asText()).isEqualTo("offline");
                    pool = each.get("pool");
                }
            }
            assertThat(pool).as(server + " listed").isNotNull();
            if (pool.get("idle").asInt() == 0 && pool.get("borrowed").asInt() == 0) {
                return;
            }
            assertThat(System.nanoTime() - deadline).as("pool of " + server + " empties: " + pool).isNegative();
            Thread.sleep(20);
        }
    }

    @Test
    void weightZeroTakesNoReadsAndWithBothReplicasOutReadsGoToThePrimary() throws Exception {
        try (ShardlineServer proxy = start(); Connection connection = connect(proxy);
             Statement statement = connection.createStatement()) {
            AdminHttp admin = admin(proxy);
            Replication.awaitStatus(proxy, replicaA, io.shardline.proxy.health.Status.UP);
            Replication.awaitStatus(proxy, replicaB, io.shardline.proxy.health.Status.UP);

            JsonNode weighted = backend(admin.post("/api/backends/weight?name=127.0.0.1:" + replicaA + "&weight=0"));
            assertThat(weighted.get("weight").asInt()).isZero();
            assertThat(weighted.get("admin_state").asText()).as("still in service").isEqualTo("online");
            assertThat(reads(statement, 60)).containsOnlyKeys(replicaB);
            assertThat(admin.get("/metrics").body()).contains("shardline_replica_weight{datasource=\"main\",server=\""
                    + name("replica", replicaA) + "\"} 0.0");

            backend(admin.post("/api/backends/weight?name=127.0.0.1:" + replicaA + "&weight=3"));
            Map<Integer, Integer> spread = reads(statement, 80);
            assertThat(spread.get(replicaA)).as("3:1 of 80 reads (give or take the connect-time reads)")
                    .isBetween(58, 62);

            backend(admin.post("/api/backends/offline?name=127.0.0.1:" + replicaA));
            backend(admin.post("/api/backends/offline?name=127.0.0.1:" + replicaB));
            assertThat(reads(statement, 10)).as("replica-fallback: primary").containsOnlyKeys(primary);
            assertThat(admin.get("/metrics").body()).contains("shardline_backend_online{datasource=\"main\","
                    + "role=\"replica\",server=\"" + name("replica", replicaB) + "\"} 0.0");
        }
    }

    @Test
    void refusalsSayWhatIsWrong() throws Exception {
        try (ShardlineServer proxy = start()) {
            AdminHttp admin = admin(proxy);

            HttpResponse<String> unknown = admin.post("/api/backends/offline?name=127.0.0.1:1");
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.body()).contains("no backend named").contains(name("replica", replicaA));

            HttpResponse<String> noToken = admin.send("POST", "/api/backends/offline?name=127.0.0.1:" + replicaA,
                    null);
            assertThat(noToken.statusCode()).isEqualTo(401);
            assertThat(noToken.headers().firstValue("www-authenticate")).isPresent();
            assertThat(admin.send("POST", "/api/backends/offline?name=127.0.0.1:" + replicaA, "wrong-token")
                    .statusCode()).isEqualTo(401);

            HttpResponse<String> primaryWeight = admin.post("/api/backends/weight?name=127.0.0.1:" + primary
                    + "&weight=2");
            assertThat(primaryWeight.statusCode()).isEqualTo(400);
            assertThat(primaryWeight.body()).contains("is a primary");

            JsonNode all = JSON.readTree(admin.get("/api/backends").body()).get("backends");
            assertThat(all).extracting(each -> each.get("admin_state").asText()).as("nothing changed")
                    .containsExactly("online", "online", "online");
            JsonNode status = JSON.readTree(admin.get("/api/status").body());
            assertThat(status.get("draining").asBoolean()).isFalse();
            assertThat(status.get("uptime_seconds").isNumber()).isTrue();
        }
    }

    @Test
    void anOfflinePrimaryFailsNewWritesAtOnceWhileAnOpenTransactionFinishes() throws Exception {
        try (ShardlineServer proxy = start(); Connection writer = connect(proxy); Connection inTransaction =
                connect(proxy); Statement statement = writer.createStatement();
             Statement transaction = inTransaction.createStatement()) {
            AdminHttp admin = admin(proxy);
            String primaryName = name("primary", primary);
            inTransaction.setAutoCommit(false);
            transaction.executeUpdate("INSERT INTO admin_it (note) VALUES ('begun before')");

            backend(admin.post("/api/backends/offline?name=" + AdminHttp.encoded(primaryName)));
            long start = System.nanoTime();
            assertThatThrownBy(() -> statement.executeUpdate("INSERT INTO admin_it (note) VALUES ('refused')"))
                    .isInstanceOfSatisfying(SQLException.class, ex -> {
                        assertThat(ex.getErrorCode()).isEqualTo(1429);
                        assertThat(ex.getMessage()).contains("is offline").contains(primaryName)
                                .contains("shardctl backend online " + primaryName).contains("nothing was executed");
                    });
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("no waiting").isLessThan(1000);
            port(statement); // reads go on, on the replicas

            transaction.executeUpdate("INSERT INTO admin_it (note) VALUES ('after offline, same transaction')");
            inTransaction.commit();
            assertThat(replication.scalar(primary, "SELECT COUNT(*) FROM " + ProxyFixture.SCHEMA
                    + ".admin_it WHERE note IN ('begun before', 'after offline, same transaction')"))
                    .as("the transaction pinned to the primary finished").isEqualTo("2");

            backend(admin.post("/api/backends/online?name=127.0.0.1:" + primary));
            assertThat(statement.executeUpdate("INSERT INTO admin_it (note) VALUES ('back')")).isEqualTo(1);
        }
    }
}
