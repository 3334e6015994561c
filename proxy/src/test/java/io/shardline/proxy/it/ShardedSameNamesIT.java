package io.shardline.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardline.proxy.ShardlineServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The layout of the sysbench benchmark: one actual table per shard server, named like the logical table, in a
 * database named like the logical schema on both. Renaming then changes nothing, so the proxy sends the client's
 * own bytes to the shard and relays the shards' column definitions as they come; answers must still be exactly
 * those of one plain server, column metadata included, in text and prepared mode, and every row must live on the
 * shard its key picks.
 */
class ShardedSameNamesIT {
    private static final String SCHEMA = "same_names_it";
    private static final String REFERENCE = "same_names_ref";
    private static final String TABLE = "t_user (id BIGINT PRIMARY KEY, k INT NOT NULL, name VARCHAR(20))";
    private static SandboxFixture sandbox;
    private static ShardlineServer proxy;

    @BeforeAll
    static void start() throws Exception {
        sandbox = SandboxFixture.get();
        List<Integer> shards = sandbox.shardPorts();
        for (int port : shards) {
            ShardedLayout.execute(sandbox, port, "DROP DATABASE IF EXISTS " + SCHEMA, "CREATE DATABASE " + SCHEMA,
                    "CREATE TABLE " + SCHEMA + "." + TABLE);
        }
        ShardedLayout.execute(sandbox, sandbox.primaryPort(), "DROP DATABASE IF EXISTS " + REFERENCE,
                "CREATE DATABASE " + REFERENCE, "CREATE TABLE " + REFERENCE + "." + TABLE);
        String sharding = String.join("\n",
                "  ds_0: { primary: 127.0.0.1:" + shards.get(0) + ", user: shardline, password: shardline }",
                "  ds_1: { primary: 127.0.0.1:" + shards.get(1) + ", user: shardline, password: shardline }",
                "sharding:",
                "  schemas:",
                "    " + SCHEMA + ":",
                "      default-datasource: ds_0",
                "      tables:",
                "        t_user:",
                "          data-nodes: ds_${0..1}.t_user",
                "          database-strategy: { columns: id, algorithm: mod, count: 2 }",
                "");
        proxy = new ShardlineServer(ProxyFixture.load(ProxyFixture.yaml(sandbox, "", "{ max-size: 10 }",
                sandbox.primaryPort(), "", sharding))).start();
        StringBuilder rows = new StringBuilder("INSERT INTO t_user VALUES ");
        for (int id = 1; id <= 20; id++) {
            rows.append(id == 1 ? "" : ", ").append('(').append(id).append(", ").append(id % 7).append(", 'u")
                    .append(id).append("')");
        }
        try (Connection sharded = connect("mysql", false); Connection plain = reference("mysql", false);
             Statement viaProxy = sharded.createStatement(); Statement direct = plain.createStatement()) {
            assertThat(viaProxy.executeUpdate(rows.toString())).isEqualTo(direct.executeUpdate(rows.toString()));
        }
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.close();
        }
    }

    private static Connection connect(String driver, boolean serverPrepared) throws SQLException {
        return open(driver, proxy.address().getPort(), SCHEMA, ProxyFixture.USER, ProxyFixture.PASSWORD,
                serverPrepared);
    }

    private static Connection reference(String driver, boolean serverPrepared) throws SQLException {
        return open(driver, sandbox.primaryPort(), REFERENCE, "shardline", "shardline", serverPrepared);
    }

    private static Connection open(String driver, int port, String database, String user, String password,
                                   boolean serverPrepared) throws SQLException {
        String options = (driver.equals("mysql") ? "&sslMode=DISABLED&allowPublicKeyRetrieval=true"
                + "&useAffectedRows=false" : "") + "&useServerPrepStmts=" + serverPrepared;
        return DriverManager.getConnection("jdbc:" + driver + "://127.0.0.1:" + port + "/" + database + "?user="
                + user + "&password=" + password + options);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql:false", "mysql:true", "mariadb:false", "mariadb:true"})
    void answersAndColumnMetadataAreOnePlainServers(String mode) throws Exception {
        String driver = mode.substring(0, mode.indexOf(':'));
        boolean serverPrepared = mode.endsWith("true");
        try (Connection sharded = connect(driver, serverPrepared);
             Connection plain = reference(driver, serverPrepared)) {
            for (long id : new long[] {1, 2, 7, 20, 21}) {
                String point = "SELECT id, k, name FROM t_user WHERE id = ?";
                assertThat(rows(sharded, point, id)).as("%s id %d", mode, id).isEqualTo(rows(plain, point, id));
            }
            String spread = "SELECT k, COUNT(*) AS n FROM t_user WHERE id BETWEEN ? AND ? GROUP BY k ORDER BY k";
            assertThat(rows(sharded, spread, 3L, 17L)).isEqualTo(rows(plain, spread, 3L, 17L)).hasSize(1 + 7);
            String update = "UPDATE t_user SET name = ? WHERE id = ?";
            assertThat(count(sharded, update, "x" + mode, 4L)).isEqualTo(count(plain, update, "x" + mode, 4L))
                    .isEqualTo(1);
            String all = "SELECT * FROM t_user ORDER BY id";
            assertThat(rows(sharded, all)).isEqualTo(rows(plain, all)).hasSize(1 + 20);
        }
    }

    @Test
    void everyRowLivesOnTheShardItsIdPicks() throws Exception {
        for (int shard = 0; shard < 2; shard++) {
            try (Connection connection = sandbox.rootConnection(sandbox.shardPorts().get(shard));
                 Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT COUNT(*), SUM(id % 2 <> " + shard + ") FROM "
                         + SCHEMA + ".t_user")) {
                rs.next();
                assertThat(rs.getLong(1)).as("rows on shard %d", shard).isEqualTo(10);
                assertThat(rs.getLong(2)).as("rows on the wrong shard %d", shard).isZero();
            }
        }
    }

    /** A line of each column's label, table, catalog and type, then each row as label=value(Java type) pairs. */
    private static List<String> rows(Connection connection, String sql, Object... parameters) throws SQLException {
        List<String> result = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                StringBuilder columns = new StringBuilder();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    columns.append(meta.getColumnLabel(i)).append(':').append(meta.getTableName(i)).append(':')
                            .append(meta.getCatalogName(i).replace(REFERENCE, SCHEMA)).append(':')
                            .append(meta.getColumnTypeName(i)).append(' ');
                }
                result.add(columns.toString().strip());
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        Object value = rs.getObject(i);
                        row.append(meta.getColumnLabel(i)).append('=').append(value).append('(')
                                .append(value == null ? "null" : value.getClass().getSimpleName()).append(") ");
                    }
                    result.add(row.toString().strip());
                }
            }
        }
        return result;
    }

    private static int count(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }
}
