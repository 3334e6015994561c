package io.shardline.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardline.proxy.ShardlineServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The result cache over a sharded schema: merged and single-shard answers are stored by their logical statement,
 * and writes through the cached proxy (routed to one shard, scattered to all, or to a broadcast table) invalidate
 * the logical tables before they are acknowledged. A second proxy over the same shards, without a cache, makes
 * the writes the cached one cannot see, which tells a hit from a read of the shards.
 */
class ShardedCacheIT {
    private static final String SCHEMA = "cache_sh";
    private static ShardlineServer cached;
    private static ShardlineServer plain;

    @BeforeAll
    static void start() throws Exception {
        SandboxFixture sandbox = SandboxFixture.get();
        plain = ShardedLayout.start(sandbox, SCHEMA, "cache_sh_ref", "t_item", "t_dict", "");
        cached = new ShardlineServer(ProxyFixture.load(ShardedLayout.yaml(sandbox, SCHEMA, "t_item", "t_dict", "",
                ShardedLayout.Tuning.NONE) + String.join("\n",
                "result-cache:",
                "  default-ttl: 60s",
                "  rules:",
                "    - { name: shop, tables: [" + SCHEMA + ".*] }",
                ""))).start();
        try (Connection connection = connect(plain); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE t_order (order_id BIGINT PRIMARY KEY, user_id INT NOT NULL,"
                    + " amount INT)");
            statement.execute("CREATE TABLE t_dict (code VARCHAR(10) PRIMARY KEY, label VARCHAR(40))");
        }
    }

    @AfterAll
    static void stop() {
        for (ShardlineServer each : new ShardlineServer[] {cached, plain}) {
            if (each != null) {
                each.close();
            }
        }
    }

    @BeforeEach
    void rows() throws SQLException {
        try (Connection connection = connect(plain); Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM t_order WHERE user_id >= 0");
            statement.execute("INSERT INTO t_order VALUES (1, 1, 10), (2, 1, 20), (3, 2, 30), (4, 3, 40)");
            statement.execute("DELETE FROM t_dict");
            statement.execute("INSERT INTO t_dict VALUES ('a', 'alpha')");
        }
        cached.resultCache().clear();
    }

    private static Connection connect(ShardlineServer proxy) throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + proxy.address().getPort() + "/" + SCHEMA
                + "?user=" + ProxyFixture.USER + "&password=" + ProxyFixture.PASSWORD
                + "&sslMode=DISABLED&allowPublicKeyRetrieval=true&useServerPrepStmts=true");
    }

    private static String rows(Statement statement, String sql) throws SQLException {
        StringBuilder result = new StringBuilder();
        try (ResultSet rs = statement.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= columns; i++) {
                    result.append(i == 1 ? "" : ",").append(rs.getString(i));
                }
                result.append(';');
            }
        }
        return result.toString();
    }

    private static void bypass(String sql) throws SQLException {
        try (Connection connection = connect(plain); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Test
    void mergedAnswersAreStoredAndEveryKindOfShardedWriteInvalidatesThem() throws SQLException {
        String merged = "SELECT user_id, COUNT(*), SUM(amount) FROM t_order GROUP BY user_id ORDER BY user_id";
        String point = "SELECT amount FROM t_order WHERE user_id = 2 AND order_id = 3";
        try (Connection connection = connect(cached); Statement statement = connection.createStatement()) {
            String before = rows(statement, merged);
            assertThat(before).isEqualTo("1,2,30;2,1,30;3,1,40;");
            assertThat(rows(statement, point)).isEqualTo("30;");
            bypass("UPDATE t_order SET amount = amount + 1 WHERE user_id = 2 AND order_id = 3");
            assertThat(rows(statement, merged)).as("a merged hit").isEqualTo(before);
            assertThat(rows(statement, point)).as("a single-shard hit").isEqualTo("30;");

            statement.executeUpdate("UPDATE t_order SET amount = 100 WHERE user_id = 1 AND order_id = 1");
            assertThat(rows(statement, merged)).as("a write routed to one shard").isEqualTo("1,2,120;2,1,31;3,1,40;");
            assertThat(rows(statement, point)).isEqualTo("31;");

            statement.executeUpdate("UPDATE t_order SET amount = amount + 1 WHERE order_id > 0");
            assertThat(rows(statement, merged)).as("a write to every shard").isEqualTo("1,2,122;2,1,32;3,1,41;");

            statement.executeUpdate("INSERT INTO t_order VALUES (5, 2, 1), (6, 3, 1)");
            assertThat(rows(statement, merged)).as("a split INSERT").isEqualTo("1,2,122;2,2,33;3,2,42;");
        }
    }

    @Test
    void preparedReadsOfShardsHitAndBroadcastWritesInvalidate() throws SQLException {
        try (Connection connection = connect(cached);
             PreparedStatement read = connection.prepareStatement(
                     "SELECT o.amount, d.label FROM t_order o JOIN t_dict d ON d.code = 'a' WHERE o.user_id = ?"
                             + " ORDER BY o.order_id");
             Statement statement = connection.createStatement()) {
            read.setInt(1, 1);
            String first = rowsOf(read);
            assertThat(first).isEqualTo("10,alpha;20,alpha;");
            bypass("UPDATE t_order SET amount = 11 WHERE user_id = 1 AND order_id = 1");
            assertThat(rowsOf(read)).as("a prepared hit").isEqualTo(first);
            statement.executeUpdate("UPDATE t_dict SET label = 'beta' WHERE code = 'a'");
            assertThat(rowsOf(read)).as("a broadcast write invalidates reads joining it")
                    .isEqualTo("11,beta;20,beta;");
        }
    }

    private static String rowsOf(PreparedStatement read) throws SQLException {
        StringBuilder result = new StringBuilder();
        try (ResultSet rs = read.executeQuery()) {
            while (rs.next()) {
                result.append(rs.getString(1)).append(',').append(rs.getString(2)).append(';');
            }
        }
        return result.toString();
    }
}
