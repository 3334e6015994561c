package io.shardline.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SmokeIT {
    /**
     * "No option changed": the URLs an application would use against MySQL itself. Connector/J then prefers TLS
     * (sslMode=PREFERRED) and negotiates it with the proxy's self-signed certificate.
     */
    @org.junit.jupiter.api.Test
    void driversWorkWithTheirDefaultOptions() throws Exception {
        ProxyFixture proxy = ProxyFixture.get();
        String tail = "127.0.0.1:" + proxy.port() + "/" + ProxyFixture.SCHEMA + "?user=" + ProxyFixture.USER
                + "&password=" + ProxyFixture.PASSWORD;
        for (String url : new String[] {"jdbc:mysql://" + tail, "jdbc:mariadb://" + tail}) {
            try (Connection connection = proxy.connect(url); Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT DATABASE(), 6 * 7")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).as(url).isEqualTo(ProxyFixture.SCHEMA);
                assertThat(rs.getInt(2)).isEqualTo(42);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql:", "mysql:useServerPrepStmts=true&cachePrepStmts=true", "mariadb:",
            "mariadb:useServerPrepStmts=true"})
    void basicQueries(String mode) throws Exception {
        ProxyFixture proxy = ProxyFixture.get();
        String[] parts = mode.split(":", 2);
        String url = parts[0].equals("mysql") ? proxy.mysqlUrl(parts[1]) : proxy.mariadbUrl(parts[1]);
        try (Connection connection = proxy.connect(url); Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("SELECT 1 + 1, 'x', NULL")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(2);
            }
            statement.execute("DROP TABLE IF EXISTS smoke");
            statement.execute("CREATE TABLE smoke (id INT AUTO_INCREMENT PRIMARY KEY, v VARCHAR(20))");
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO smoke (v) VALUES (?)")) {
                for (int i = 0; i < 3; i++) {
                    insert.setString(1, "v" + i);
                    insert.executeUpdate();
                }
            }
            try (PreparedStatement select = connection.prepareStatement("SELECT id, v FROM smoke WHERE id > ? ORDER BY id")) {
                select.setInt(1, 1);
                try (ResultSet rs = select.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(2)).isEqualTo("v1");
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.next()).isFalse();
                }
            }
            connection.setAutoCommit(false);
            statement.execute("INSERT INTO smoke (v) VALUES ('tx')");
            connection.rollback();
            connection.setAutoCommit(true);
            try (ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM smoke")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(3);
            }
        }
    }
}
