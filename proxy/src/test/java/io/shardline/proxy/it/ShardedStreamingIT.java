package io.shardline.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardline.proxy.ShardlineServer;
import io.shardline.proxy.backend.BackendPool;
import io.shardline.proxy.backend.PoolStats;
import io.shardline.proxy.route.LoopChoosers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cross-shard ORDER BY streams through a k-way merge: with {@code sharding.merge-memory-limit} at 64 KiB, a result
 * of some megabytes still comes back whole and in the order one server gives it (text and server-side prepared,
 * both Connector/Js); so does a GROUP BY or DISTINCT whose shards sort their rows by its keys (grouped as the rows
 * arrive), while a merge that must collect (COUNT(DISTINCT), ORDER BY an aggregate) over the same budget still
 * fails with 1038. Slow readers, clients that
 * leave mid-stream and shard errors before and during the rows leave every pool connection usable: the "small"
 * proxy's pools hold exactly one connection per node statement, so a connection lost track of would make the next
 * streamed statement wait and fail. The pool's double-give-back guard must never log.
 */
// A stalled stream fails the test instead of hanging the build (a blocked socket read ignores interrupts).
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ShardedStreamingIT {
    private static final String SCHEMA = "stream_it";
    private static final String REFERENCE = "stream_ref";
    private static final int ROWS = 8000;
    private static final String[] NAMES = {"apple", "Apple", "ÄPFEL", "äpfel", "banana", "éclair", "Eclair", "zoo",
        "ß", "ss", "  pad", null};
    private static final String TUNED_BUDGET = "  merge-memory-limit: 64KiB";
    private static final List<LogRecord> POOL_ALARMS = new CopyOnWriteArrayList<>();
    private static final Handler ALARM_HANDLER = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                POOL_ALARMS.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private static SandboxFixture sandbox;
    private static ShardlineServer proxy;
    /** One event loop, two connections per shard server: exactly one per node statement of t_order. */
    private static ShardlineServer small;
    /** One connection per shard server: fewer than the nodes, so the merge collects. */
    private static ShardlineServer tiny;

    @BeforeAll
    static void load() throws Exception {
        Logger.getLogger(BackendPool.class.getName()).addHandler(ALARM_HANDLER);
        sandbox = SandboxFixture.get();
        proxy = ShardedLayout.start(sandbox, SCHEMA, REFERENCE, "t_note", "t_kind", "",
                new ShardedLayout.Tuning("", TUNED_BUDGET, ""));
        small = ShardedLayout.proxy(sandbox, SCHEMA, "t_note", "t_kind", "", new ShardedLayout.Tuning(
                "  worker-threads: 1\n  backend-acquire-timeout: 3s", TUNED_BUDGET, "{ max-size: 2 }"));
        tiny = ShardedLayout.proxy(sandbox, SCHEMA, "t_note", "t_kind", "",
                new ShardedLayout.Tuning("  worker-threads: 1", "", "{ max-size: 1 }"));
        List<String> statements = new ArrayList<>(List.of(
                "CREATE TABLE t_order (order_id BIGINT PRIMARY KEY, user_id INT NOT NULL, name VARCHAR(20),"
                        + " amount DECIMAL(10,2), created_at DATETIME NOT NULL, note VARCHAR(200))",
                "CREATE TABLE t_note (order_id BIGINT PRIMARY KEY, user_id INT NOT NULL, text VARCHAR(20))",
                "CREATE TABLE t_kind (code INT PRIMARY KEY)",
                "INSERT INTO t_note VALUES (1, 1, 'a'), (2, 1, 'b'), (3, 2, 'c'), (4, 2, 'd'), (5, 3, 'e')"));
        Random random = new Random(20260611L);
        List<Integer> seconds = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            seconds.add(i * 7);
        }
        Collections.shuffle(seconds, random);
        LocalDateTime base = LocalDateTime.of(2026, 1, 1, 0, 0);
        StringBuilder batch = new StringBuilder();
        for (int id = 1; id <= ROWS; id++) {
            String name = NAMES[random.nextInt(NAMES.length)];
            StringBuilder note = new StringBuilder();
            for (int k = 0; k < 150; k++) {
                note.append((char) ('a' + random.nextInt(26)));
            }
            batch.append(batch.isEmpty() ? "" : ", ").append('(').append(id).append(", ").append(random.nextInt(50))
                    .append(", ").append(name == null ? "NULL" : "'" + name + "'").append(", ")
                    .append(random.nextInt(8) == 0 ? "NULL" : random.nextInt(5000) / 100.0).append(", '")
                    .append(base.plusSeconds(seconds.get(id - 1)).toString().replace('T', ' ')).append("', '")
                    .append(note).append("')");
            if (id % 500 == 0) {
                statements.add("INSERT INTO t_order VALUES " + batch);
                batch.setLength(0);
            }
        }
        try (Connection sharded = connect(proxy, ""); Connection plain = reference("");
             Statement viaProxy = sharded.createStatement(); Statement direct = plain.createStatement()) {
            for (String each : statements) {
                assertThat(viaProxy.executeUpdate(each)).as(each).isEqualTo(direct.executeUpdate(each));
            }
        }
    }

    @AfterAll
    static void stop() {
        Logger.getLogger(BackendPool.class.getName()).removeHandler(ALARM_HANDLER);
        for (ShardlineServer each : new ShardlineServer[] {proxy, small, tiny}) {
            if (each != null) {
                each.close();
            }
        }
    }

    @AfterEach
    void thePoolNeverSawAConnectionTwice() {
        assertThat(POOL_ALARMS).extracting(LogRecord::getMessage).isEmpty();
    }

    private static Connection connect(ShardlineServer server, String options) throws SQLException {
        return DriverManager.getConnection(url(server.address().getPort(), options));
    }

    private static String url(int port, String options) {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + SCHEMA + "?user=" + ProxyFixture.USER + "&password="
                + ProxyFixture.PASSWORD + "&sslMode=DISABLED&allowPublicKeyRetrieval=true" + options;
    }

    private static Connection connectMariadb(ShardlineServer server, String options) throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + server.address().getPort() + "/" + SCHEMA
                + "?user=" + ProxyFixture.USER + "&password=" + ProxyFixture.PASSWORD + options);
    }

    private static Connection reference(String options) throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + sandbox.primaryPort() + "/" + REFERENCE
                + "?user=shardline&password=shardline&sslMode=DISABLED&allowPublicKeyRetrieval=true" + options);
    }

    private static Connection referenceMariadb(String options) throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + sandbox.primaryPort() + "/" + REFERENCE
                + "?user=shardline&password=shardline" + options);
    }

    /** Column labels, types and scales, then every row in the order it came. */
    private static List<String> orderedRows(Connection connection, String sql, boolean prepared) throws SQLException {
        if (prepared) {
            try (PreparedStatement statement = connection.prepareStatement(sql);
                 ResultSet rs = statement.executeQuery()) {
                return Outcome.labelledRows(rs);
            }
        }
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            return Outcome.labelledRows(rs);
        }
    }


    @ParameterizedTest
    @ValueSource(strings = {"mysql", "mysql&useServerPrepStmts=true", "mariadb", "mariadb&useServerPrepStmts=true"})
    void everyRowOfAResultFarLargerThanTheMergeBudgetComesInTheServersOrder(String mode) throws Exception {
        String options = mode.substring(mode.indexOf('&') < 0 ? mode.length() : mode.indexOf('&'));
        boolean prepared = !options.isEmpty();
        String sql = "SELECT * FROM t_order ORDER BY created_at";
        boolean mysql = mode.startsWith("mysql");
        try (Connection sharded = mysql ? connect(proxy, options) : connectMariadb(proxy, options);
             Connection plain = mysql ? reference(options) : referenceMariadb(options)) {
            List<String> expected = orderedRows(plain, sql, prepared);
            assertThat(expected).hasSize(ROWS + 1);
            assertThat(orderedRows(sharded, sql, prepared)).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT order_id, name, amount FROM t_order ORDER BY amount DESC, order_id LIMIT 50 OFFSET 1000",
        "SELECT order_id, name FROM t_order ORDER BY name, order_id DESC",
        "SELECT name FROM t_order ORDER BY name DESC, created_at LIMIT 30, 40",
        "SELECT order_id, amount FROM t_order ORDER BY amount, user_id DESC, order_id",
        "SELECT user_id, order_id FROM t_order WHERE user_id IN (3, 4) ORDER BY user_id DESC, order_id LIMIT 7",
        "SELECT * FROM t_order ORDER BY created_at DESC LIMIT 3",
        "SELECT order_id FROM t_order ORDER BY order_id LIMIT 0",
        "SELECT t_order.order_id, t_note.text FROM t_order JOIN t_note ON t_note.order_id = t_order.order_id"
                + " AND t_note.user_id = t_order.user_id ORDER BY t_note.text DESC",
    })
    void orderedReadsGiveWhatOneServerGives(String sql) throws Exception {
        try (Connection sharded = connect(proxy, ""); Connection plain = reference("")) {
            assertThat(orderedRows(sharded, sql, false)).isEqualTo(orderedRows(plain, sql, false));
        }
        try (Connection sharded = connect(proxy, "&useServerPrepStmts=true");
             Connection plain = reference("&useServerPrepStmts=true")) {
            assertThat(orderedRows(sharded, sql, true)).isEqualTo(orderedRows(plain, sql, true));
        }
        try (Connection sharded = connectMariadb(proxy, ""); Connection plain = referenceMariadb("")) {
            assertThat(orderedRows(sharded, sql, false)).isEqualTo(orderedRows(plain, sql, false));
        }
    }

    /** Text and server-side prepared, through both Connector/Js: the proxy's answer is the reference server's. */
    private static void givesWhatOneServerGives(ShardlineServer server, String sql) throws Exception {
        for (String options : List.of("", "&useServerPrepStmts=true")) {
            boolean prepared = !options.isEmpty();
            try (Connection sharded = connect(server, options); Connection plain = reference(options)) {
                assertThat(orderedRows(sharded, sql, prepared)).as(sql + options)
                        .isEqualTo(orderedRows(plain, sql, prepared));
            }
            try (Connection sharded = connectMariadb(server, options); Connection plain = referenceMariadb(options)) {
                assertThat(orderedRows(sharded, sql, prepared)).as("mariadb " + sql + options)
                        .isEqualTo(orderedRows(plain, sql, prepared));
            }
        }
    }

    /**
     * Every grouping here holds far more than the 64 KiB budget in shard rows (8000 groups of a 150-character key,
     * or some 300 groups per shard with a 150-character MAX), so only a streamed merge answers. Without ORDER BY
     * the groups come in key order, as MariaDB gives them. {@code name} is utf8mb4_general_ci with case and accent
     * variants ('apple'/'Apple', 'ÄPFEL'/'äpfel', 'ß'/'ss') and NULLs spread over every shard; it is grouped by but
     * not shown, since which variant a group shows is each server's choice.
     */
    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT note, COUNT(*), SUM(amount), AVG(amount), MIN(created_at), MAX(user_id) FROM t_order GROUP BY note",
        "SELECT user_id, COUNT(*), SUM(amount), AVG(amount), MAX(note) FROM t_order GROUP BY name, user_id",
        "SELECT user_id, COUNT(*), MAX(note) FROM t_order GROUP BY name, user_id HAVING COUNT(*) > 12",
        "SELECT user_id, COUNT(*), MAX(note) FROM t_order GROUP BY name, user_id LIMIT 20 OFFSET 100",
        "SELECT user_id, AVG(amount) AS a, MAX(note) FROM t_order GROUP BY name, user_id HAVING SUM(amount) > 300"
                + " LIMIT 15 OFFSET 10",
        "SELECT user_id, COUNT(*), MIN(note) FROM t_order GROUP BY user_id, name ORDER BY user_id DESC, name DESC",
        "SELECT amount, COUNT(*), MAX(note), AVG(user_id) FROM t_order GROUP BY amount",
        "SELECT DISTINCT user_id, amount FROM t_order ORDER BY user_id DESC, amount",
        "SELECT DISTINCT amount, user_id FROM t_order ORDER BY amount, user_id LIMIT 40 OFFSET 3000",
    })
    void groupsFarLargerThanTheMergeBudgetStreamAndGiveWhatOneServerGives(String sql) throws Exception {
        givesWhatOneServerGives(proxy, sql);
    }

    /**
     * Under HAVING the shards get no LIMIT, so once the client has its groups the shards still sending are closed
     * rather than read to their end: every pool connection must come back and serve the next statement.
     */
    @Test
    void aGroupedLimitUnderHavingLeavesEveryPoolConnectionUsable() throws Exception {
        for (int round = 0; round < 3; round++) {
            givesWhatOneServerGives(small, "SELECT note, COUNT(*) FROM t_order GROUP BY note HAVING COUNT(*) > 0"
                    + " LIMIT 3");
        }
        awaitNothingBorrowed(small);
        everyConnectionServesAStreamedStatement();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT user_id, COUNT(DISTINCT note) FROM t_order GROUP BY user_id",
        "SELECT note, COUNT(*) FROM t_order GROUP BY note ORDER BY COUNT(*)",
        "SELECT DISTINCT note, user_id FROM t_order ORDER BY user_id"})
    void aMergeThatCollectsStillFailsOverTheBudget(String sql) throws Exception {
        try (Connection sharded = connect(proxy, ""); Statement statement = sharded.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery(sql)).isInstanceOfSatisfying(SQLException.class,
                    ex -> assertThat(ex.getErrorCode()).isEqualTo(1038)).hasMessageContaining("merge-memory-limit");
            try (ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM t_order")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(ROWS);
            }
        }
    }

    /** Reads a streamed result with Connector/J's row-by-row mode, pausing now and then; the rows' first column. */
    private static List<String> readSlowly(Connection connection, String sql) throws Exception {
        List<String> result = new ArrayList<>();
        try (Statement statement = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY)) {
            statement.setFetchSize(Integer.MIN_VALUE);
            try (ResultSet rs = statement.executeQuery(sql)) {
                // Nothing is read for a while: the proxy's writes to this client must wait, not pile up.
                Thread.sleep(500);
                while (rs.next()) {
                    result.add(rs.getString(1) + "/" + rs.getString(2).length());
                    if (result.size() % 500 == 0) {
                        Thread.sleep(20);
                    }
                    if (result.size() == ROWS - 1000) {
                        // Near the end: the shards finish while the last rows still wait for this client.
                        Thread.sleep(500);
                    }
                }
            }
        }
        return result;
    }

    @Test
    void aSlowReaderGetsEveryRow() throws Exception {
        String sql = "SELECT order_id, REPEAT(note, 20) FROM t_order ORDER BY created_at";
        List<String> expected = new ArrayList<>();
        try (Connection plain = reference(""); Statement statement = plain.createStatement();
             ResultSet rs = statement.executeQuery("SELECT order_id, note FROM t_order ORDER BY created_at")) {
            while (rs.next()) {
                expected.add(rs.getString(1) + "/" + rs.getString(2).length() * 20);
            }
        }
        for (ShardlineServer each : new ShardlineServer[] {proxy, small}) {
            try (Connection sharded = connect(each, "")) {
                assertThat(readSlowly(sharded, sql)).hasSize(ROWS).isEqualTo(expected);
            }
        }
    }

    /**
     * The proxy as a JVM of its own with 64 MiB of heap merges a result of about 240 MB (rows of 30 KB) while the
     * client first waits, then reads: only a merge that holds a few rows per shard survives that.
     */
    @Test
    void aMergeFarLargerThanTheProxysHeapStreamsThrough() throws Exception {
        String yaml = ShardedLayout.yaml(sandbox, SCHEMA, "t_note", "t_kind", "",
                new ShardedLayout.Tuning("", TUNED_BUDGET, ""));
        try (ProxyProcess process = ProxyProcess.start(yaml, "-Xmx64m", "-XX:MaxDirectMemorySize=32m");
             Connection sharded = DriverManager.getConnection(url(process.port(), ""));
             Statement statement = sharded.createStatement(ResultSet.TYPE_FORWARD_ONLY,
                     ResultSet.CONCUR_READ_ONLY)) {
            statement.setFetchSize(Integer.MIN_VALUE);
            long rows = 0;
            long bytes = 0;
            String previous = "";
            try (ResultSet rs = statement.executeQuery("SELECT created_at, REPEAT(note, 200) FROM t_order"
                    + " ORDER BY created_at")) {
                Thread.sleep(1000);
                while (rs.next()) {
                    assertThat(rs.getString(1)).isGreaterThan(previous);
                    previous = rs.getString(1);
                    bytes += rs.getString(2).length();
                    rows++;
                }
            }
            assertThat(rows).isEqualTo(ROWS);
            assertThat(bytes).isGreaterThan(200L << 20);
            assertThat(process.isAlive()).as("the proxy survived with 64 MiB of heap").isTrue();
        }
    }

    @Test
    void clientsThatLeaveMidStreamLeaveEveryPoolConnectionUsable() throws Exception {
        for (int round = 0; round < 3; round++) {
            try (RawClient client = new RawClient(small.address().getPort())) {
                assertThat(RawClient.succeeded(client.login(ProxyFixture.USER, ProxyFixture.PASSWORD, SCHEMA)))
                        .isTrue();
                RawClient.Reply first = client.query("SELECT order_id, REPEAT(note, 50) FROM t_order"
                        + " ORDER BY created_at");
                assertThat(first.isErr()).as(first.text()).isFalse();
                for (int i = 0; i < 20; i++) {
                    client.read();
                }
            }
        }
        awaitNothingBorrowed(small);
        everyConnectionServesAStreamedStatement();
    }

    @Test
    void anOrderTheMergeCannotModelEndsTheAnswerWithAnErrorNotWithMisorderedRows() throws Exception {
        // An ENUM sorts by its index on the server, not by its text. Orders 101 and 105 of user 1 live together in
        // ds_1's t_note_1: 101 'zeta' comes before 105 'alpha' in the server's order, which the merge's text order
        // would put the other way round.
        try (Connection sharded = connect(proxy, ""); Statement statement = sharded.createStatement()) {
            statement.executeUpdate("ALTER TABLE t_note ADD COLUMN kind ENUM('zeta', 'alpha') NOT NULL DEFAULT 'zeta'");
            try {
                statement.executeUpdate("INSERT INTO t_note (order_id, user_id, text, kind) VALUES (101, 1, 'z', 'zeta'),"
                        + " (105, 1, 'a', 'alpha')");
                for (String sql : List.of("SELECT order_id, kind FROM t_note ORDER BY kind",
                        "SELECT order_id FROM t_note ORDER BY kind DESC, order_id LIMIT 100")) {
                    assertThatThrownBy(() -> {
                        try (ResultSet rs = statement.executeQuery(sql)) {
                            Outcome.labelledRows(rs);
                        }
                    }).as(sql).isInstanceOfSatisfying(SQLException.class, ex -> {
                        assertThat(ex.getErrorCode()).isEqualTo(1105);
                        assertThat(ex.getMessage()).contains("sent its rows in an order");
                    });
                }
                try (ResultSet rs = statement.executeQuery("SELECT order_id, kind FROM t_note WHERE user_id = 1"
                        + " AND order_id IN (101, 105) ORDER BY kind")) {
                    assertThat(Outcome.labelledRows(rs)).as("on one shard the server orders it").endsWith("101|zeta|", "105|alpha|");
                }
            } finally {
                statement.executeUpdate("DELETE FROM t_note WHERE order_id IN (101, 105)");
                statement.executeUpdate("ALTER TABLE t_note DROP COLUMN kind");
            }
        }
        awaitNothingBorrowed(proxy);
    }

    @Test
    void aShardErrorBeforeAnyRowIsTheAnswer() throws Exception {
        String shard1 = SCHEMA + "_1";
        ShardedLayout.execute(sandbox, sandbox.shardPorts().get(1), "DROP TABLE " + shard1 + ".t_note_1");
        try (Connection sharded = connect(small, ""); Statement statement = sharded.createStatement()) {
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> statement.executeQuery("SELECT * FROM t_note ORDER BY text"))
                        .isInstanceOfSatisfying(SQLException.class, ex -> assertThat(ex.getErrorCode())
                                .isEqualTo(1146));
            }
            try (ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM t_order")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(ROWS);
            }
        } finally {
            ShardedLayout.execute(sandbox, sandbox.shardPorts().get(1), "CREATE TABLE " + shard1 + ".t_note_1 LIKE "
                    + shard1 + ".t_note_0");
        }
        awaitNothingBorrowed(small);
        everyConnectionServesAStreamedStatement();
    }

    @Test
    void aShardErrorMidStreamEndsTheResult() throws Exception {
        String marker = "REPEAT(note, 100)";
        try (Connection sharded = connect(small, ""); Statement statement = sharded.createStatement(
                ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            statement.setFetchSize(Integer.MIN_VALUE);
            try (ResultSet rs = statement.executeQuery("SELECT order_id, " + marker + " FROM t_order"
                    + " ORDER BY created_at")) {
                for (int i = 0; i < 5; i++) {
                    assertThat(rs.next()).isTrue();
                }
                killOneShardQuery(marker);
                assertThatThrownBy(() -> {
                    while (rs.next()) {
                        rs.getString(2);
                    }
                }).isInstanceOfSatisfying(SQLException.class, ex -> assertThat(ex.getErrorCode()).isEqualTo(1317));
            }
        }
        awaitNothingBorrowed(small);
        everyConnectionServesAStreamedStatement();
    }

    /** Kills the running query of one node statement on the first shard server (its rows are blocked mid-send). */
    private static void killOneShardQuery(String marker) throws Exception {
        try (Connection root = sandbox.rootConnection(sandbox.shardPorts().get(0));
             Statement statement = root.createStatement()) {
            for (int attempt = 0; attempt < 100; attempt++) {
                try (ResultSet rs = statement.executeQuery("SELECT ID FROM information_schema.PROCESSLIST WHERE"
                        + " INFO LIKE '%" + marker + "%' AND ID <> CONNECTION_ID() LIMIT 1")) {
                    if (rs.next()) {
                        statement.execute("KILL QUERY " + rs.getLong(1));
                        return;
                    }
                }
                Thread.sleep(50);
            }
        }
        throw new AssertionError("no shard query to kill");
    }

    @Test
    void withFewerPoolConnectionsThanNodesTheMergeCollects() throws Exception {
        String sql = "SELECT * FROM t_order ORDER BY created_at DESC";
        try (Connection sharded = connect(tiny, ""); Connection plain = reference("")) {
            assertThat(orderedRows(sharded, sql, false)).isEqualTo(orderedRows(plain, sql, false)).hasSize(ROWS + 1);
        }
    }

    @Test
    void sessionsStreamingAtOnceOnPoolsOfOneConnectionPerNodeAllGetTheirRows() throws Exception {
        String sql = "SELECT order_id, name FROM t_order ORDER BY name, order_id LIMIT 15 OFFSET 100";
        List<String> expected;
        try (Connection plain = reference("")) {
            expected = orderedRows(plain, sql, false);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                runs.add(pool.submit(() -> {
                    try (Connection connection = connect(small, "")) {
                        for (int i = 0; i < 5; i++) {
                            assertThat(orderedRows(connection, sql, false)).isEqualTo(expected);
                        }
                    }
                    return 5;
                }));
            }
            for (Future<Integer> each : runs) {
                assertThat(each.get(120, TimeUnit.SECONDS)).isEqualTo(5);
            }
        } finally {
            pool.shutdownNow();
        }
        awaitNothingBorrowed(small);
    }

    /**
     * A streamed statement on the small proxy takes every connection of its pools: each must be back and usable.
     * Under the 64 KiB budget a collected merge would fail, so this passes only by streaming.
     */
    private static void everyConnectionServesAStreamedStatement() throws Exception {
        for (int i = 0; i < 3; i++) {
            try (Connection sharded = connect(small, ""); Statement statement = sharded.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT order_id FROM t_order ORDER BY created_at")) {
                int rows = 0;
                while (rs.next()) {
                    rows++;
                }
                assertThat(rows).isEqualTo(ROWS);
            }
        }
    }

    /** Waits until no connection of the shard pools is lent out (a client's leaving is handled asynchronously). */
    private static void awaitNothingBorrowed(ShardlineServer server) throws Exception {
        PoolStats stats = null;
        for (int attempt = 0; attempt < 200; attempt++) {
            stats = new PoolStats(0, 0, 0, 0);
            for (String source : List.of("ds_0", "ds_1")) {
                LoopChoosers choosers = server.runtime().choosers().values().iterator().next();
                stats = stats.plus(choosers.of(source).source().primary().stats());
            }
            if (stats.borrowed() == 0 && stats.waiting() == 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("connections still lent out: " + stats);
    }
}
