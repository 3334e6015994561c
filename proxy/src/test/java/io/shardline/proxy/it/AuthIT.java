package io.shardline.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardline.proxy.ShardlineServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Logins through real drivers: both plugins, TLS, RSA key exchange, plugin switching, refusals. */
class AuthIT {
    private final ProxyFixture proxy = ProxyFixture.get();

    private String url(String driver, String user, String password, String options) {
        String base = driver.equals("mysql") ? "jdbc:mysql://127.0.0.1:" : "jdbc:mariadb://127.0.0.1:";
        return base + proxy.port() + "/" + ProxyFixture.SCHEMA + "?user=" + user + "&password=" + password
                + (options.isEmpty() ? "" : "&" + options);
    }

    private static String whoAmI(String url) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT DATABASE()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "mariadb"})
    void nativePasswordLogsInWithAndWithoutTls(String driver) throws Exception {
        String plain = driver.equals("mysql") ? "sslMode=DISABLED" : "";
        String tls = driver.equals("mysql") ? "sslMode=REQUIRED" : "sslMode=trust";
        assertThat(whoAmI(url(driver, ProxyFixture.USER, ProxyFixture.PASSWORD, plain))).isEqualTo(ProxyFixture.SCHEMA);
        assertThat(whoAmI(url(driver, ProxyFixture.USER, ProxyFixture.PASSWORD, tls))).isEqualTo(ProxyFixture.SCHEMA);
    }

    @Test
    void tlsIsReallyNegotiated() throws Exception {
        try (Connection connection = DriverManager.getConnection(url("mysql", ProxyFixture.USER, ProxyFixture.PASSWORD,
                "sslMode=REQUIRED"))) {
            Object session = connection.unwrap(com.mysql.cj.jdbc.JdbcConnection.class).getSession();
            assertThat(((com.mysql.cj.Session) session).getServerSession().getCapabilities().getCapabilityFlags()
                    & 0x800).as("CLIENT_SSL negotiated").isNotZero();
        }
    }

    @Test
    void cachingSha2FullAuthenticationOverRsaThenFastPath() throws Exception {
        String rsa = url("mysql", ProxyFixture.SHA2_USER, ProxyFixture.SHA2_PASSWORD,
                "sslMode=DISABLED&allowPublicKeyRetrieval=true");
        assertThat(whoAmI(rsa)).isEqualTo(ProxyFixture.SCHEMA);
        String fast = url("mysql", ProxyFixture.SHA2_USER, ProxyFixture.SHA2_PASSWORD, "sslMode=DISABLED");
        assertThat(whoAmI(fast)).as("second login uses the cached hash, no key needed").isEqualTo(ProxyFixture.SCHEMA);
    }

    @Test
    void cachingSha2FullAuthenticationOverTls() throws Exception {
        assertThat(whoAmI(url("mysql", ProxyFixture.PBKDF2_USER, ProxyFixture.PBKDF2_PASSWORD, "sslMode=REQUIRED")))
                .isEqualTo(ProxyFixture.SCHEMA);
        assertThat(whoAmI(url("mariadb", ProxyFixture.PBKDF2_USER, ProxyFixture.PBKDF2_PASSWORD,
                "sslMode=trust"))).isEqualTo(ProxyFixture.SCHEMA);
    }

    /** A fresh proxy, so no earlier test has filled its caching_sha2_password cache. */
    @Test
    void fullAuthenticationWithoutTlsOrKeyRetrievalIsRefusedByTheDriver() throws Exception {
        try (ShardlineServer fresh = ProxyFixture.startDedicated("", "{ max-size: 4 }",
                SandboxFixture.get().primaryPort())) {
            String url = "jdbc:mysql://127.0.0.1:" + fresh.address().getPort() + "/" + ProxyFixture.SCHEMA + "?user="
                    + ProxyFixture.PBKDF2_USER + "&password=" + ProxyFixture.PBKDF2_PASSWORD + "&sslMode=DISABLED";
            assertThatThrownBy(() -> whoAmI(url)).isInstanceOf(SQLException.class)
                    .hasMessageContaining("Public Key Retrieval is not allowed");
        }
    }

    @Test
    void mariadbDriverSwitchesToTheUsersPlugin() throws Exception {
        assertThat(whoAmI(url("mariadb", ProxyFixture.SHA2_USER, ProxyFixture.SHA2_PASSWORD,
                "allowPublicKeyRetrieval=true"))).isEqualTo(ProxyFixture.SCHEMA);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "mariadb"})
    void wrongPasswordIsError1045(String driver) {
        String url = url(driver, ProxyFixture.USER, "wrong", driver.equals("mysql") ? "sslMode=DISABLED" : "");
        assertThatThrownBy(() -> whoAmI(url)).isInstanceOfSatisfying(SQLException.class, ex -> {
            assertThat(ex.getErrorCode()).isEqualTo(1045);
            assertThat(ex.getSQLState()).isEqualTo("28000");
            assertThat(ex.getMessage()).contains("Access denied for user 'app'@'127.0.0.1' (using password: YES)");
        });
    }

    @Test
    void unknownUserIsError1045() {
        String url = url("mysql", "nobody", "x", "sslMode=DISABLED");
        assertThatThrownBy(() -> whoAmI(url)).isInstanceOfSatisfying(SQLException.class,
                ex -> assertThat(ex.getErrorCode()).isEqualTo(1045));
    }

    @Test
    void unknownSchemaAtLoginIsError1049() {
        String url = "jdbc:mysql://127.0.0.1:" + proxy.port() + "/no_such_schema?user=app&password=secret&sslMode=DISABLED";
        assertThatThrownBy(() -> whoAmI(url)).isInstanceOfSatisfying(SQLException.class,
                ex -> assertThat(ex.getErrorCode()).isEqualTo(1049));
    }

    @Test
    void schemaOutsideTheUsersListIsError1044() {
        String url = "jdbc:mysql://127.0.0.1:" + proxy.port() + "/mysql?user=" + ProxyFixture.LIMITED_USER
                + "&password=" + ProxyFixture.LIMITED_PASSWORD + "&sslMode=DISABLED";
        assertThatThrownBy(() -> whoAmI(url)).isInstanceOfSatisfying(SQLException.class,
                ex -> assertThat(ex.getErrorCode()).isEqualTo(1044));
    }

    /** TLS from a configured certificate and key (PEM files), as production uses. */
    @Test
    void tlsWithAConfiguredCertificate(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path[] files = PemFiles.selfSigned(dir, "CN=shardline-it");
        String tls = "  tls: { mode: files, certificate: " + files[0] + ", private-key: " + files[1] + " }";
        try (ShardlineServer withFiles = ProxyFixture.startDedicated(tls, "{ max-size: 4 }",
                SandboxFixture.get().primaryPort())) {
            String url = ProxyFixture.mysqlUrl(withFiles.address().getPort(), "")
                    .replace("sslMode=DISABLED", "sslMode=REQUIRED");
            assertThat(whoAmI(url)).isEqualTo(ProxyFixture.SCHEMA);
        }
    }

    @Test
    void requiredTlsRefusesPlainClients() throws Exception {
        try (ShardlineServer strict = ProxyFixture.startDedicated("  tls: { mode: self-signed, require: true }",
                "{ max-size: 4 }", SandboxFixture.get().primaryPort())) {
            int port = strict.address().getPort();
            String plain = ProxyFixture.mysqlUrl(port, "");
            assertThatThrownBy(() -> whoAmI(plain)).isInstanceOfSatisfying(SQLException.class, ex -> {
                assertThat(ex.getErrorCode()).isEqualTo(1045);
                assertThat(ex.getMessage()).contains("requires TLS");
            });
            assertThat(whoAmI(ProxyFixture.mysqlUrl(port, "").replace("sslMode=DISABLED", "sslMode=REQUIRED")))
                    .isEqualTo(ProxyFixture.SCHEMA);
        }
    }
}
