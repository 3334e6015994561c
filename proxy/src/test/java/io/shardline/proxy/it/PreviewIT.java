package io.shardline.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardline.proxy.ShardlineServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** PREVIEW through real drivers: the plan of a statement on a sharded schema, as rows, or the refusal. */
class PreviewIT {
    private static ShardlineServer proxy;

    @BeforeAll
    static void start() throws Exception {
        SandboxFixture sandbox = SandboxFixture.get();
        ProxyFixture.get(); // creates the schema on the primary
        List<Integer> shards = sandbox.shardPorts();
        for (int each : shards) {
            // The schema's default data source (ds_0) runs the session's own statements, in the schema it named.
            try (Connection root = sandbox.rootConnection(each); Statement statement = root.createStatement()) {
                statement.execute("CREATE DATABASE IF NOT EXISTS " + ProxyFixture.SCHEMA);
            }
        }
        String sources = "  ds_0: { primary: 127.0.0.1:" + shards.get(0) + ", user: shardline, password: shardline }\n"
                + "  ds_1: { primary: 127.0.0.1:" + shards.get(1) + ", user: shardline, password: shardline }\n";
        String sharding = String.join("\n",
                "sharding:",
                "  schemas:",
                "    " + ProxyFixture.SCHEMA + ":",
                "      default-datasource: ds_0",
                "      tables:",
                "        t_order:",
                "          data-nodes: ds_${0..1}.t_order_${0..1}",
                "          database-strategy: { columns: user_id, algorithm: mod, count: 2 }",
                "          table-strategy: { columns: order_id, algorithm: mod, count: 2 }",
                "      broadcast-tables: [t_dict]",
                "");
        proxy = new ShardlineServer(ProxyFixture.config(sandbox, "", "{ max-size: 10 }", sandbox.primaryPort(), "",
                sources + sharding)).start();
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.close();
        }
    }

    private static Connection connect(String driver) throws SQLException {
        String url = driver.equals("mysql") ? ProxyFixture.mysqlUrl(proxy.address().getPort(), "")
                : "jdbc:mariadb://127.0.0.1:" + proxy.address().getPort() + "/" + ProxyFixture.SCHEMA + "?user="
                        + ProxyFixture.USER + "&password=" + ProxyFixture.PASSWORD;
        return DriverManager.getConnection(url);
    }

    private static List<String> rows(Statement statement, String sql) throws SQLException {
        List<String> result = new ArrayList<>();
        // execute, not executeQuery: Connector/J refuses executeQuery for text it takes for a DELETE
        assertThat(statement.execute(sql)).as("a result set").isTrue();
        try (ResultSet rs = statement.getResultSet()) {
            assertThat(rs.getMetaData().getColumnCount()).isEqualTo(3);
            assertThat(rs.getMetaData().getColumnLabel(1)).isEqualTo("data_source");
            assertThat(rs.getMetaData().getColumnLabel(2)).isEqualTo("server");
            assertThat(rs.getMetaData().getColumnLabel(3)).isEqualTo("sql");
            while (rs.next()) {
                result.add(rs.getString(1) + " " + rs.getString(2) + ": " + rs.getString(3));
            }
        }
        return result;
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "mariadb"})
    void previewShowsWhereEachStatementWouldRun(String driver) throws Exception {
        try (Connection connection = connect(driver); Statement statement = connection.createStatement()) {
            assertThat(rows(statement, "PREVIEW SELECT * FROM t_order WHERE user_id = 3 AND order_id = 4"))
                    .containsExactly("ds_1 replica (read): SELECT * FROM t_order_0 WHERE user_id = 3 AND order_id = 4");
            assertThat(rows(statement, "preview /* all */ DELETE FROM t_order WHERE 1 = 1")).as("the text kept as written")
                    .containsExactly("ds_0 primary (delete): /* all */ DELETE FROM t_order_0 WHERE 1 = 1",
                            "ds_0 primary (delete): /* all */ DELETE FROM t_order_1 WHERE 1 = 1",
                            "ds_1 primary (delete): /* all */ DELETE FROM t_order_0 WHERE 1 = 1",
                            "ds_1 primary (delete): /* all */ DELETE FROM t_order_1 WHERE 1 = 1");
            assertThatThrownBy(() -> statement.execute("PREVIEW DELETE FROM t_order"))
                    .as("the safety switch").isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getErrorCode()).isEqualTo(1235);
                        assertThat(e.getMessage()).contains("without WHERE").contains("allow-full-table-writes");
                    });
            assertThat(rows(statement, "PREVIEW SELECT * FROM t_dict")).containsExactly("ds_0 replica (read): SELECT * FROM t_dict");
            assertThat(rows(statement, "PREVIEW INSERT INTO t_order (user_id, order_id) VALUES (1, 2), (2, 2), (3, 4)"))
                    .containsExactly("ds_1 primary (insert): INSERT INTO t_order_0 (user_id, order_id) VALUES (1, 2), (3, 4)",
                            "ds_0 primary (insert): INSERT INTO t_order_0 (user_id, order_id) VALUES (2, 2)");
            assertThatThrownBy(() -> statement.execute(
                    "PREVIEW SELECT * FROM t_order o JOIN t_other x ON o.order_id = x.order_id"))
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getErrorCode()).isEqualTo(1235);
                        assertThat(e.getSQLState()).isEqualTo("42000");
                        assertThat(e.getMessage()).contains("t_other").contains("broadcast");
                    });
            statement.execute("BEGIN");
            assertThat(rows(statement, "PREVIEW SELECT * FROM t_dict")).as("the session's facts count")
                    .containsExactly("ds_0 primary (transaction): SELECT * FROM t_dict");
            statement.execute("ROLLBACK");
            try (ResultSet rs = statement.executeQuery("SELECT 1")) {
                assertThat(rs.next()).as("the session goes on").isTrue();
            }
        }
    }
}
