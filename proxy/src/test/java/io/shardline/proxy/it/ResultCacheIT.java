package io.shardline.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardline.proxy.ShardlineServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The result cache's guarantees (docs/result-cache.md), each through real drivers against the sandbox primary.
 * Whether a read was answered from the cache is seen from its rows: a write made on the server directly, which
 * the cache cannot know of, changes what the server would answer but not what a hit returns.
 */
class ResultCacheIT {
    static final String S = ProxyFixture.SCHEMA;
    static final String CACHE = String.join("\n",
            "result-cache:",
            "  max-size: 256KiB",
            "  max-entry-size: 16KiB",
            "  default-ttl: 60s",
            "  rules:",
            "    - { name: items, tables: [" + S + ".rc_items, " + S + ".rc_join] }",
            "    - { name: private, tables: [" + S + ".rc_private], cache: false }",
            "    - { name: short, tables: [" + S + ".rc_short], ttl: 300ms }",
            "    - { name: shape, statement: 'SELECT v FROM rc_plain WHERE id = 1' }");

    static ShardlineServer proxy;
    static SandboxFixture sandbox;

    @BeforeAll
    static void start() throws Exception {
        ProxyFixture.get();
        sandbox = SandboxFixture.get();
        direct("CREATE OR REPLACE PROCEDURE " + S + ".rc_touch() UPDATE " + S + ".rc_items SET v = v + 1000",
                "CREATE OR REPLACE TABLE " + S + ".rc_items (id INT PRIMARY KEY, v INT, note VARCHAR(40))",
                "CREATE OR REPLACE TABLE " + S + ".rc_join (id INT PRIMARY KEY, item INT, w INT)",
                "CREATE OR REPLACE TABLE " + S + ".rc_private (id INT PRIMARY KEY, v INT)",
                "CREATE OR REPLACE TABLE " + S + ".rc_short (id INT PRIMARY KEY, v INT)",
                "CREATE OR REPLACE TABLE " + S + ".rc_plain (id INT PRIMARY KEY, v INT)",
                "CREATE OR REPLACE TABLE " + S + ".rc_big (id INT PRIMARY KEY, v INT, pad TEXT)");
        proxy = new ShardlineServer(ProxyFixture.config(sandbox, "", "{ max-size: 50 }", sandbox.primaryPort(), "",
                CACHE)).start();
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.close();
        }
    }

    @BeforeEach
    void rows() throws SQLException {
        direct("DELETE FROM " + S + ".rc_items", "INSERT INTO " + S + ".rc_items VALUES (1, 10, 'one'), (2, 20, 'two')",
                "DELETE FROM " + S + ".rc_join", "INSERT INTO " + S + ".rc_join VALUES (1, 1, 100)",
                "DELETE FROM " + S + ".rc_private", "INSERT INTO " + S + ".rc_private VALUES (1, 10)",
                "DELETE FROM " + S + ".rc_short", "INSERT INTO " + S + ".rc_short VALUES (1, 10)",
                "DELETE FROM " + S + ".rc_plain", "INSERT INTO " + S + ".rc_plain VALUES (1, 10)");
        proxy.resultCache().clear();
    }

    static void direct(String... sql) throws SQLException {
        try (Connection connection = sandbox.rootConnection(sandbox.primaryPort());
             Statement statement = connection.createStatement()) {
            for (String each : sql) {
                statement.execute(each);
            }
        }
    }

    static Connection connect(String options) throws SQLException {
        return DriverManager.getConnection(ProxyFixture.mysqlUrl(proxy.address().getPort(), options));
    }

    static String first(Statement statement, String sql) throws SQLException {
        try (ResultSet rs = statement.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getString(1);
        }
    }

    static double requests(String result) {
        return proxy.meters().find("shardline.result_cache.requests").tag("result", result).counters().stream()
                .mapToDouble(each -> each.count()).sum();
    }

    /**
     * Reads {@code sql} (a first column that {@code bump} changes on the server) twice around a write the cache
     * cannot see; true when the second read returned the first's value, i.e. came from the cache.
     */
    static boolean cached(Statement statement, String sql, String bump) throws SQLException {
        String before = first(statement, sql);
        direct(bump);
        return first(statement, sql).equals(before);
    }

    static final String BUMP_ITEM = "UPDATE " + S + ".rc_items SET v = v + 1 WHERE id = 1";

    @Test
    void aHitIsByteForByteTheResponseOfTheServer() throws Exception {
        String sql = "SELECT id, v, note, CAST(v AS DECIMAL(10,2)) AS d FROM rc_items ORDER BY id";
        List<RawClient.Reply> reference;
        try (RawClient plain = new RawClient(ProxyFixture.get().port())) {
            plain.login(ProxyFixture.USER, ProxyFixture.PASSWORD, S);
            reference = plain.response(plain.query(sql));
        }
        try (RawClient client = new RawClient(proxy.address().getPort())) {
            client.login(ProxyFixture.USER, ProxyFixture.PASSWORD, S);
            double hits = requests("hit");
            List<RawClient.Reply> miss = client.response(client.query(sql));
            List<RawClient.Reply> hit = client.response(client.query(sql));
            assertThat(requests("hit") - hits).isEqualTo(1);
            for (List<RawClient.Reply> each : List.of(miss, hit)) {
                assertThat(each).hasSize(reference.size());
                for (int i = 0; i < each.size(); i++) {
                    assertThat(each.get(i).sequenceId()).isEqualTo(reference.get(i).sequenceId());
                    assertThat(each.get(i).payload()).as("packet %d", i).isEqualTo(reference.get(i).payload());
                }
            }
        }
    }

    @Test
    void tableRulesStatementRulesAndHintsChooseWhatIsCached() throws SQLException {
        try (Connection connection = connect(""); Statement statement = connection.createStatement()) {
            assertThat(cached(statement, "SELECT v FROM rc_items WHERE id = 1", BUMP_ITEM)).as("table rule").isTrue();
            assertThat(cached(statement, "SELECT i.v + j.w FROM rc_items i JOIN rc_join j ON j.item = i.id",
                    BUMP_ITEM)).as("every table covered").isTrue();
            String bumpPlain = "UPDATE " + S + ".rc_plain SET v = v + 1";
            assertThat(cached(statement, "SELECT v FROM rc_plain WHERE id = 1", bumpPlain)).as("statement rule")
                    .isTrue();
            assertThat(cached(statement, "SELECT v FROM rc_plain WHERE id = 2 OR id = 1", bumpPlain))
                    .as("no rule covers rc_plain").isFalse();
            assertThat(cached(statement, "/*+ shardline:cache(ttl=30s) */ SELECT v FROM rc_plain WHERE id <> 0",
                    bumpPlain)).as("a hint").isTrue();
            assertThat(cached(statement, "SELECT i.v, p.v FROM rc_items i JOIN rc_plain p ON p.id = i.id", BUMP_ITEM))
                    .as("rc_plain not covered").isFalse();
        }
    }

    @Test
    void neverCached() throws SQLException {
        String item = " FROM rc_items WHERE id = 1";
        try (Connection connection = connect(""); Statement statement = connection.createStatement()) {
            for (String sql : List.of("SELECT v, NOW(6)" + item, "SELECT v, RAND()" + item, "SELECT v, UUID()" + item,
                    "SELECT v, CONNECTION_ID()" + item, "SELECT v, USER()" + item, "SELECT v, @@sql_mode" + item,
                    "SELECT v, @x" + item, "SELECT v" + item + " FOR UPDATE", "SELECT v" + item + " LOCK IN SHARE MODE",
                    "SELECT SQL_NO_CACHE v" + item, "/*+ shardline:no_cache */ SELECT v" + item,
                    "SELECT SQL_CALC_FOUND_ROWS v" + item, "SELECT v, LAST_INSERT_ID()" + item)) {
                assertThat(cached(statement, sql, BUMP_ITEM)).as(sql).isFalse();
            }
            assertThat(cached(statement, "/*+ shardline:cache */ SELECT v FROM rc_private WHERE id = 1",
                    "UPDATE " + S + ".rc_private SET v = v + 1")).as("cache: false beats a hint").isFalse();
            direct("DROP TABLE IF EXISTS " + S + ".rc_tmp1");
            assertThat(cached(statement, "/*+ shardline:cache */ SELECT COUNT(*) FROM information_schema.tables"
                    + " WHERE table_schema = '" + S + "' AND table_name LIKE 'rc_tmp%'",
                    "CREATE OR REPLACE TABLE " + S + ".rc_tmp1 (id INT)")).as("system schema").isFalse();

        }
        // A transaction's reads keep their snapshot, so the entry is stored outside, then made stale on the server;
        // the read in the state under test must see the server's value, the one after it the entry. A new session:
        // the one above reads @x, so it is tied to its connection and bypasses the cache from then on.
        try (Connection connection = connect(""); Statement statement = connection.createStatement()) {
            String read = "SELECT v FROM rc_items WHERE id = 1";
            String stored = first(statement, read);
            direct(BUMP_ITEM);
            statement.execute("BEGIN");
            assertThat(first(statement, read)).as("in a transaction").isEqualTo(scalarOnServer(read))
                    .isNotEqualTo(stored);
            statement.execute("COMMIT");
            assertThat(first(statement, read)).as("the entry is still there").isEqualTo(stored);
            connection.setAutoCommit(false);
            assertThat(first(statement, read)).as("autocommit off").isEqualTo(scalarOnServer(read));
            connection.commit();
            connection.setAutoCommit(true);
            assertThat(first(statement, read)).as("the entry is still there").isEqualTo(stored);
            // A session that made a temporary table stays tied to its connection (and off the cache) until reset.
            statement.execute("CREATE TEMPORARY TABLE rc_temp (id INT)");
            assertThat(first(statement, read)).as("a session with a temporary table").isEqualTo(scalarOnServer(read));
            statement.execute("DROP TEMPORARY TABLE rc_temp");
        }
    }

    @Test
    void aWriteThroughShardlineIsSeenAtOnceByItsSessionAndEveryOther() throws SQLException {
        String read = "SELECT v FROM rc_items WHERE id = 1";
        String count = "SELECT COUNT(*), SUM(v) FROM rc_items";
        try (Connection writer = connect(""); Statement w = writer.createStatement();
             Connection reader = connect(""); Statement r = reader.createStatement()) {
            first(w, read);
            first(r, count);
            List<String> writes = List.of("UPDATE rc_items SET v = 11 WHERE id = 1",
                    "INSERT INTO rc_items VALUES (3, 30, 'three')", "REPLACE INTO rc_items VALUES (3, 31, 'three')",
                    "INSERT INTO rc_items VALUES (3, 0, '') ON DUPLICATE KEY UPDATE v = 32",
                    "UPDATE rc_items i JOIN rc_join j ON j.item = i.id SET i.v = 12, j.w = 101",
                    "DELETE FROM rc_items WHERE id = 3",
                    "UPDATE " + S + ".rc_items SET v = 13 WHERE id = 1");
            for (String write : writes) {
                String expectedRead = scalarOnServer(read);
                w.executeUpdate(write);
                assertThat(first(w, read)).as("the writer after " + write).isEqualTo(scalarOnServer(read));
                assertThat(first(r, read)).as("another session after " + write).isEqualTo(scalarOnServer(read));
                assertThat(first(r, count)).as("a read of the whole table after " + write)
                        .isEqualTo(scalarOnServer(count));
                assertThat(expectedRead).isNotNull();
            }
            w.execute("ALTER TABLE rc_items ADD COLUMN extra INT DEFAULT 7");
            try (ResultSet rs = r.executeQuery("SELECT * FROM rc_items WHERE id = 1")) {
                assertThat(rs.getMetaData().getColumnCount()).as("DDL invalidates").isEqualTo(4);
            }
            w.execute("TRUNCATE TABLE rc_items");
            assertThat(first(r, count)).as("TRUNCATE invalidates").isEqualTo("0");
        } finally {
            direct("ALTER TABLE " + S + ".rc_items DROP COLUMN IF EXISTS extra");
        }
    }

    static String scalarOnServer(String sql) throws SQLException {
        try (Connection connection = sandbox.rootConnection(sandbox.primaryPort());
             Statement statement = connection.createStatement()) {
            statement.execute("USE " + S);
            return first(statement, sql);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "mariadb"})
    void preparedExecutionsAreCachedByTheirParameters(String driver) throws SQLException {
        String url = ProxyFixture.serverPreparedUrl(driver, proxy.address().getPort());
        try (Connection connection = DriverManager.getConnection(url);
             PreparedStatement read = connection.prepareStatement("SELECT v, note FROM rc_items WHERE id = ?")) {
            double hits = requests("hit");
            read.setInt(1, 1);
            String one = value(read);
            read.setInt(1, 2);
            String two = value(read);
            direct(BUMP_ITEM, "UPDATE " + S + ".rc_items SET v = v + 1 WHERE id = 2");
            read.setInt(1, 1);
            assertThat(value(read)).as("a hit for id 1").isEqualTo(one);
            read.setInt(1, 2);
            assertThat(value(read)).as("a hit for id 2, not id 1's entry").isEqualTo(two);
            assertThat(requests("hit") - hits).isEqualTo(2);

            try (PreparedStatement write = connection.prepareStatement("UPDATE rc_items SET v = ? WHERE id = ?")) {
                write.setInt(1, 99);
                write.setInt(2, 2);
                assertThat(write.executeUpdate()).isEqualTo(1);
            }
            assertThat(value(read)).as("a prepared write invalidates").isEqualTo("99/two");
        }
    }

    /**
     * Another session stored the answer, so this session's first execution (the one that sends the parameter
     * types) is a hit; its next execution, without types, runs on a server, which must still get them.
     */
    @ParameterizedTest
    @ValueSource(strings = {"mysql", "mariadb"})
    void aHitOnTheExecutionThatSentTheTypesKeepsThemForTheNext(String driver) throws SQLException {
        String url = ProxyFixture.serverPreparedUrl(driver, proxy.address().getPort());
        String sql = "SELECT v, note FROM rc_items WHERE id = ?";
        try (Connection connection = DriverManager.getConnection(url);
             PreparedStatement read = connection.prepareStatement(sql)) {
            read.setInt(1, 1);
            assertThat(value(read)).as("stored by another session").isEqualTo("10/one");
        }
        try (Connection connection = DriverManager.getConnection(url);
             PreparedStatement read = connection.prepareStatement(sql)) {
            double hits = requests("hit");
            read.setInt(1, 1);
            assertThat(value(read)).isEqualTo("10/one");
            assertThat(requests("hit") - hits).as("the first execution was a hit").isEqualTo(1);
            read.setInt(1, 2);
            assertThat(value(read)).as("the next one runs on the server").isEqualTo("20/two");
            read.setInt(1, 1);
            assertThat(value(read)).isEqualTo("10/one");
        }
    }

    private static String value(PreparedStatement read) throws SQLException {
        try (ResultSet rs = read.executeQuery()) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1) + "/" + rs.getString(2);
        }
    }

    @Test
    void aTransactionInvalidatesWhenItCommits() throws SQLException {
        String read = "SELECT v FROM rc_items WHERE id = 1";
        try (Connection writer = connect(""); Statement w = writer.createStatement();
             Connection reader = connect(""); Statement r = reader.createStatement()) {
            assertThat(first(r, read)).isEqualTo("10");
            w.execute("BEGIN");
            w.executeUpdate("UPDATE rc_items SET v = 11 WHERE id = 1");
            assertThat(first(w, read)).as("the transaction sees its own write").isEqualTo("11");
            assertThat(first(r, read)).as("others do not, yet").isEqualTo("10");
            w.execute("COMMIT");
            assertThat(first(r, read)).as("after COMMIT").isEqualTo("11");

            writer.setAutoCommit(false);
            w.executeUpdate("UPDATE rc_items SET v = 12 WHERE id = 1");
            assertThat(first(r, read)).isEqualTo("11");
            writer.commit();
            assertThat(first(r, read)).as("after the driver's commit").isEqualTo("12");

            w.executeUpdate("UPDATE rc_items SET v = 13 WHERE id = 1");
            writer.rollback();
            assertThat(first(r, read)).as("a rolled back write changes nothing").isEqualTo("12");
            w.executeUpdate("UPDATE rc_items SET v = 14 WHERE id = 1");
            writer.setAutoCommit(true);
            assertThat(first(r, read)).as("SET autocommit = 1 commits").isEqualTo("14");

            w.execute("BEGIN");
            w.executeUpdate("UPDATE rc_items SET v = 15 WHERE id = 1");
            assertThat(first(r, read)).isEqualTo("14");
            w.execute("CREATE OR REPLACE TABLE rc_implicit (id INT)");
            assertThat(first(r, read)).as("DDL commits implicitly").isEqualTo("15");
        }
    }

    @Test
    void entriesExpireAfterTheirTtl() throws Exception {
        String read = "SELECT v FROM rc_short WHERE id = 1";
        try (Connection connection = connect(""); Statement statement = connection.createStatement()) {
            assertThat(cached(statement, read, "UPDATE " + S + ".rc_short SET v = 11")).isTrue();
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (first(statement, read).equals("10")) {
                assertThat(System.nanoTime()).as("the 300ms TTL ends").isLessThan(deadline);
                Thread.sleep(50);
            }
            assertThat(first(statement, read)).isEqualTo("11");
        }
    }

    @Test
    void largeResponsesAreNotStoredAndTheByteBoundHolds() throws SQLException {
        direct("DELETE FROM " + S + ".rc_big",
                "INSERT INTO " + S + ".rc_big SELECT seq, seq, REPEAT('x', 1000) FROM " + S + ".seq_1_to_40");
        try (Connection connection = connect(""); Statement statement = connection.createStatement()) {
            assertThat(cached(statement, "/*+ shardline:cache */ SELECT v, pad FROM rc_big ORDER BY id",
                    "UPDATE " + S + ".rc_big SET v = v + 100 WHERE id = 1"))
                    .as("40 KB over the 16 KiB entry limit").isFalse();
            for (int i = 0; i < 60; i++) {
                first(statement, "/*+ shardline:cache */ SELECT pad, " + i + " FROM rc_big WHERE id <= 10");
            }
        }
        // The last answer is stored (and the bound enforced) as its last packet goes out, racing this read: the
        // bound holds once that store is done.
        long deadline = System.nanoTime() + 2_000_000_000L;
        double bytes = proxy.meters().get("shardline.result_cache.bytes").gauge().value();
        while (bytes > 256 * 1024 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            bytes = proxy.meters().get("shardline.result_cache.bytes").gauge().value();
        }
        assertThat(bytes).isPositive().isLessThanOrEqualTo(256 * 1024);
        assertThat(proxy.meters().find("shardline.result_cache.skipped").tag("reason", "too_large").counter())
                .isNotNull();
    }

    @Test
    void concurrentMissesOfOneReadRunItOnce() throws Exception {
        String slow = "/*+ shardline:cache */ SELECT COUNT(*) FROM seq_1_to_250 a, seq_1_to_250 b, seq_1_to_250 c";
        int clients = 8;
        double misses = requests("miss");
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(clients);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(clients);
        try {
            List<java.util.concurrent.Future<String>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < clients; i++) {
                answers.add(pool.submit(() -> {
                    try (Connection connection = connect(""); Statement statement = connection.createStatement()) {
                        start.await();
                        return first(statement, slow);
                    }
                }));
            }
            for (java.util.concurrent.Future<String> each : answers) {
                assertThat(each.get(60, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("15625000");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(requests("miss") - misses).as("one backend query for %d clients", clients).isEqualTo(1);
        assertThat(requests("coalesced")).isPositive();
    }

    /**
     * Writers and readers at full speed: a read that starts after a write was acknowledged never returns an older
     * value, whichever session wrote, and however the read raced the write's invalidation.
     */
    @Test
    void noReadIsOlderThanTheLastAcknowledgedWrite() throws Exception {
        java.util.concurrent.atomic.AtomicInteger acknowledged = new java.util.concurrent.atomic.AtomicInteger(10);
        java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.concurrent.Future<?> writer = pool.submit(() -> {
                try (Connection connection = connect(""); Statement statement = connection.createStatement()) {
                    for (int i = 11; i <= 300; i++) {
                        statement.executeUpdate("UPDATE rc_items SET v = " + i + " WHERE id = 1");
                        acknowledged.set(i);
                    }
                } finally {
                    writing.set(false);
                }
                return null;
            });
            List<java.util.concurrent.Future<Integer>> readers = new java.util.ArrayList<>();
            for (int r = 0; r < 3; r++) {
                readers.add(pool.submit(() -> {
                    int reads = 0;
                    try (Connection connection = connect(""); Statement statement = connection.createStatement()) {
                        while (writing.get()) {
                            int floor = acknowledged.get();
                            int seen = Integer.parseInt(first(statement, "SELECT v FROM rc_items WHERE id = 1"));
                            assertThat(seen).as("read after write %d was acknowledged", floor)
                                    .isGreaterThanOrEqualTo(floor);
                            reads++;
                        }
                    }
                    return reads;
                }));
            }
            writer.get(120, java.util.concurrent.TimeUnit.SECONDS);
            for (java.util.concurrent.Future<Integer> each : readers) {
                assertThat(each.get(30, java.util.concurrent.TimeUnit.SECONDS)).isPositive();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(requests("hit")).as("the reads did use the cache between writes").isPositive();
    }

    @Test
    void writesWhoseTablesCannotBeToldInvalidateEverythingAndLoadDataInvalidatesItsTable() throws SQLException {
        String read = "SELECT v FROM rc_items WHERE id = 1";
        try (Connection connection = connect("allowLoadLocalInfile=true");
             Statement statement = connection.createStatement()) {
            assertThat(first(statement, read)).isEqualTo("10");
            statement.execute("CALL rc_touch()");
            assertThat(first(statement, read)).as("after CALL").isEqualTo("1010");
            assertThat(proxy.meters().find("shardline.result_cache.invalidations").tag("scope", "all").counter())
                    .isNotNull();

            String count = "SELECT COUNT(*) FROM rc_items";
            assertThat(first(statement, count)).isEqualTo("2");
            com.mysql.cj.jdbc.JdbcStatement load = statement.unwrap(com.mysql.cj.jdbc.JdbcStatement.class);
            load.setLocalInfileInputStream(new java.io.ByteArrayInputStream(
                    "7\t70\tseven\n8\t80\teight\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            assertThat(statement.executeUpdate("LOAD DATA LOCAL INFILE 'rows.tsv' INTO TABLE rc_items")).isEqualTo(2);
            assertThat(first(statement, count)).as("after LOAD DATA").isEqualTo("4");
        }
    }

    @Test
    void metricsAreLabelledByTheRuleThatCached() throws SQLException {
        try (Connection connection = connect(""); Statement statement = connection.createStatement()) {
            for (int i = 0; i < 3; i++) {
                first(statement, "SELECT note FROM rc_items WHERE id = 2");
                first(statement, "/*+ shardline:cache(ttl=5s) */ SELECT v FROM rc_plain WHERE id > 0");
            }
        }
        assertThat(proxy.meters().get("shardline.result_cache.requests").tag("result", "hit").tag("rule", "items")
                .counter().count()).isGreaterThanOrEqualTo(2);
        assertThat(proxy.meters().get("shardline.result_cache.requests").tag("result", "hit").tag("rule", "hint")
                .counter().count()).isGreaterThanOrEqualTo(2);
        assertThat(proxy.meters().get("shardline.result_cache.puts").tag("rule", "items").counter().count())
                .isPositive();
        assertThat(proxy.meters().scrape()).contains("shardline_result_cache_bytes ")
                .contains("shardline_result_cache_entries ");
    }

    @Test
    void sessionFactsThatChangeAnswersArePartOfTheKey() throws Exception {
        direct("CREATE OR REPLACE TABLE " + S + ".rc_facts (id INT PRIMARY KEY, at TIMESTAMP, name VARCHAR(20))"
                        + " CHARACTER SET utf8mb4",
                "INSERT INTO " + S + ".rc_facts VALUES (1, '2026-01-01 12:00:00', 'Zoë')");
        String read = "/*+ shardline:cache */ SELECT CAST(at AS CHAR), name FROM rc_facts WHERE id = 1";
        try (Connection utc = connect("connectionTimeZone=SERVER"); Statement u = utc.createStatement();
             Connection east = connect("connectionTimeZone=SERVER"); Statement e = east.createStatement()) {
            u.execute("SET time_zone = '+00:00'");
            e.execute("SET time_zone = '+05:00'");
            String atUtc = first(u, read);
            String atEast = first(e, read);
            assertThat(atUtc).isNotEqualTo(atEast);
            assertThat(first(u, read)).isEqualTo(atUtc);
            assertThat(first(e, read)).isEqualTo(atEast);
        }
        try (RawClient utf8 = new RawClient(proxy.address().getPort());
             RawClient latin1 = new RawClient(proxy.address().getPort())) {
            utf8.login(ProxyFixture.USER, ProxyFixture.PASSWORD, S, 45, 0);
            latin1.login(ProxyFixture.USER, ProxyFixture.PASSWORD, S, 8, 0);
            String names = "/*+ shardline:cache */ SELECT name FROM rc_facts WHERE id = 1";
            for (int i = 0; i < 2; i++) {
                assertThat(utf8.rows(utf8.query(names)).get(0).payload()).as("utf8mb4 bytes")
                        .isEqualTo(new byte[] {4, 'Z', 'o', (byte) 0xc3, (byte) 0xab});
                assertThat(latin1.rows(latin1.query(names)).get(0).payload()).as("latin1 bytes")
                        .isEqualTo(new byte[] {3, 'Z', 'o', (byte) 0xeb});
            }
        }
    }

    @Test
    void anotherUserNeverGetsAnAnswerStoredForThisOne() throws SQLException {
        String read = "SELECT v FROM rc_items WHERE id = 1";
        try (Connection app = connect(""); Statement statement = app.createStatement()) {
            first(statement, read);
        }
        String limited = "jdbc:mysql://127.0.0.1:" + proxy.address().getPort() + "/" + S + "?user="
                + ProxyFixture.LIMITED_USER + "&password=" + ProxyFixture.LIMITED_PASSWORD
                + "&sslMode=DISABLED&allowPublicKeyRetrieval=true";
        try (Connection other = DriverManager.getConnection(limited); Statement statement = other.createStatement()) {
            double hits = requests("hit");
            assertThat(first(statement, read)).isEqualTo("10");
            assertThat(requests("hit") - hits).as("the user is part of the key").isZero();
            first(statement, read);
            assertThat(requests("hit") - hits).as("its own entry").isEqualTo(1);
        }
    }

    @Test
    void theTextAndTheBinaryAnswerOfOneStatementAreKeptApart() throws SQLException {
        String read = "SELECT v, note FROM rc_items WHERE id = 1";
        try (Connection text = connect(""); Statement statement = text.createStatement()) {
            try (ResultSet rs = statement.executeQuery(read)) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(10);
            }
        }
        try (Connection binary = connect("useServerPrepStmts=true");
             PreparedStatement statement = binary.prepareStatement(read)) {
            for (int i = 0; i < 2; i++) {
                try (ResultSet rs = statement.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt(1)).isEqualTo(10);
                    assertThat(rs.getString(2)).isEqualTo("one");
                }
            }
        }
    }
}
