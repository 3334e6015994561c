package io.shardline.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.shardline.proxy.ShardlineServer;
import io.shardline.proxy.config.PasswordHash;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Who may connect from where and how many: the proxy-wide allow-list and connection limit, and each user's client
 * addresses, connection limit and TLS requirement, refused with MySQL's own error codes.
 */
class AccessControlIT {
    private static final String PASSWORD = "pw";

    /** A proxy over the sandbox primary with these lines under server: and these users (name: extra settings). */
    private static ShardlineServer proxy(String serverLines, String... users) throws Exception {
        SandboxFixture sandbox = SandboxFixture.get();
        StringBuilder yaml = new StringBuilder(String.join("\n",
                "server:",
                "  listen: 127.0.0.1:0",
                "  tls: { mode: self-signed }",
                serverLines,
                "management: { listen: 127.0.0.1:0 }",
                "users:",
                ""));
        for (String each : users) {
            int colon = each.indexOf(':');
            yaml.append("  - { name: ").append(each, 0, colon).append(", password: \"")
                    .append(PasswordHash.nativeHashOf(PASSWORD).text()).append("\"")
                    .append(each.substring(colon + 1)).append(" }\n");
        }
        yaml.append(String.join("\n",
                "datasources:",
                "  main: { primary: 127.0.0.1:" + sandbox.primaryPort() + ", user: shardline, password: shardline }",
                ""));
        return new ShardlineServer(ProxyFixture.load(yaml.toString())).start();
    }

    private static Connection login(ShardlineServer proxy, String user, String options) throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + proxy.address().getPort() + "/?user=" + user
                + "&password=" + PASSWORD + "&allowPublicKeyRetrieval=true&connectTimeout=10000"
                + (options.contains("sslMode") ? "" : "&sslMode=DISABLED") + (options.isEmpty() ? "" : "&" + options));
    }

    private static SQLException refused(ShardlineServer proxy, String user, String options) {
        SQLException error = catchThrowableOfType(SQLException.class, () -> login(proxy, user, options).close());
        assertThat((Object) error).as("%s is refused", user).isNotNull();
        return error;
    }

    @Test
    void theProxyWideAllowListRefusesOtherAddressesWith1130() throws Exception {
        try (ShardlineServer proxy = proxy("  allowed-hosts: [10.0.0.0/8, \"::1/128\"]", "app:")) {
            SQLException error = refused(proxy, "app", "");
            assertThat(error.getErrorCode()).isEqualTo(1130);
            assertThat(error.getMessage()).contains("Host '127.0.0.1' is not allowed");
        }
        try (ShardlineServer proxy = proxy("  allowed-hosts: [127.0.0.0/8]", "app:");
             Connection connection = login(proxy, "app", "");
             Statement statement = connection.createStatement()) {
            assertThat(statement.execute("SELECT 1")).isTrue();
        }
    }

    @Test
    void theProxyWideConnectionLimitRefusesTheNextWith1040() throws Exception {
        try (ShardlineServer proxy = proxy("  max-connections: 2", "app:")) {
            List<Connection> open = new ArrayList<>();
            try {
                open.add(login(proxy, "app", ""));
                open.add(login(proxy, "app", ""));
                SQLException error = refused(proxy, "app", "");
                assertThat(error.getErrorCode()).isEqualTo(1040);
                assertThat(error.getSQLState()).isEqualTo("08004");
                assertThat(proxy.meters().get("shardline.client.connections.refused").tag("reason", "max_connections")
                        .functionCounter().count()).isEqualTo(1);
                open.remove(0).close();
                awaitOpen(proxy, 1);
                open.add(login(proxy, "app", ""));
            } finally {
                for (Connection each : open) {
                    each.close();
                }
            }
        }
    }

    private static void awaitOpen(ShardlineServer proxy, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (proxy.openClientConnections() > count) {
            assertThat(System.nanoTime()).as("the closed connection is no longer counted").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void aUsersOwnAddressesLimitAndTlsRequirement() throws Exception {
        try (ShardlineServer proxy = proxy("", "far: , hosts: [10.1.0.0/16]", "near: , hosts: [127.0.0.1, 10.1.0.0/16]",
                "few: , max-connections: 1", "secure: , require-tls: true")) {
            SQLException far = refused(proxy, "far", "");
            assertThat(far.getErrorCode()).isEqualTo(1045);
            assertThat(far.getMessage()).contains("may connect only from 10.1.0.0/16");
            login(proxy, "near", "").close();

            try (Connection first = login(proxy, "few", "")) {
                SQLException second = refused(proxy, "few", "");
                assertThat(second.getErrorCode()).isEqualTo(1226);
                assertThat(second.getSQLState()).isEqualTo("42000");
                assertThat(second.getMessage()).contains("max_user_connections");
                login(proxy, "near", "").close();
            }
            awaitOpen(proxy, 0);
            login(proxy, "few", "").close();

            for (String reason : List.of("user_hosts", "user_max_connections")) {
                assertThat(proxy.meters().get("shardline.client.connections.refused").tag("reason", reason)
                        .functionCounter().count()).as(reason).isEqualTo(1);
            }
            SQLException plain = refused(proxy, "secure", "");
            assertThat(plain.getErrorCode()).isEqualTo(1045);
            assertThat(plain.getMessage()).contains("must connect with SSL/TLS");
            try (Connection tls = login(proxy, "secure", "sslMode=REQUIRED");
                 Statement statement = tls.createStatement()) {
                assertThat(statement.execute("SELECT 1")).isTrue();
            }
        }
    }
}
