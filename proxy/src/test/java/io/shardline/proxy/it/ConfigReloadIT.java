package io.shardline.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.shardline.proxy.ShardlineServer;
import io.shardline.proxy.config.PasswordHash;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A running proxy re-reads its configuration file: a user added to it can log in after POST /api/reload (or
 * SIGHUP to a proxy process), a broken file changes nothing, sections that need a restart are named. Also the
 * session listing of /api/sessions.
 */
class ConfigReloadIT {
    private static final String NEW_USER = "  - { name: newbie, password: \"" + PasswordHash.nativeHashOf("fresh").text()
            + "\" }\ndatasources:\n";

    @org.junit.jupiter.api.BeforeAll
    static void schema() {
        // Makes the sandbox's shardline_it database, which the session test's URL names (alone, or first in a
        // run, nothing else would have made it).
        ProxyFixture.get();
    }

    private static String yaml() {
        return ProxyFixture.yaml(SandboxFixture.get(), "", "{ max-size: 10 }", SandboxFixture.get().primaryPort(),
                "", "").replace("management: { listen: 127.0.0.1:0 }", AdminHttp.MANAGEMENT);
    }

    private static HttpResponse<String> call(ShardlineServer proxy, String method, String path) throws Exception {
        return new AdminHttp(proxy.managementAddress().getPort()).send(method, path, AdminHttp.TOKEN);
    }

    private static Connection login(int port, String user, String password) throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + port + "/?user=" + user + "&password="
                + password + "&sslMode=DISABLED&allowPublicKeyRetrieval=true&connectTimeout=5000");
    }

    @Test
    void reloadAddsAUserAndNamesWhatNeedsARestart() throws Exception {
        ShardlineServer proxy = new ShardlineServer(ProxyFixture.load(yaml())).start();
        Path file = proxy.runtime().config().source();
        int port = proxy.address().getPort();
        try {
            SQLException before = catchThrowableOfType(SQLException.class, () -> login(port, "newbie", "fresh"));
            assertThat(before.getErrorCode()).isEqualTo(1045);

            String original = Files.readString(file);
            Files.writeString(file, original.replace("datasources:\n", NEW_USER)
                    .replace("max-allowed-packet: 64MiB", "max-allowed-packet: 32MiB"));
            HttpResponse<String> reloaded = call(proxy, "POST", "/api/reload");

            assertThat(reloaded.statusCode()).as(reloaded.body()).isEqualTo(200);
            assertThat(reloaded.body()).contains("users: added newbie", "\"needs_restart\":[\"server: changed");
            try (Connection connection = login(port, "newbie", "fresh")) {
                assertThat(connection.isValid(5)).isTrue();
            }

            Files.writeString(file, original.replace("datasources:\n", NEW_USER).replace("users:", "users: [oops"));
            HttpResponse<String> broken = call(proxy, "POST", "/api/reload");

            assertThat(broken.statusCode()).isEqualTo(422);
            assertThat(broken.body()).contains("nothing changed", "\"problems\":[");
            try (Connection connection = login(port, "newbie", "fresh")) {
                assertThat(connection.isValid(5)).as("still there after a refused reload").isTrue();
            }
            Files.writeString(file, original);
            assertThat(call(proxy, "POST", "/api/reload").body()).contains("users: removed newbie");
            assertThat(catchThrowableOfType(SQLException.class, () -> login(port, "newbie", "fresh"))
                    .getErrorCode()).isEqualTo(1045);
        } finally {
            proxy.close();
        }
    }

    @Test
    void sighupReloadsAProxyProcess() throws Exception {
        try (ProxyProcess proxy = ProxyProcess.start(yaml())) {
            Files.writeString(proxy.configFile(), Files.readString(proxy.configFile()).replace("datasources:\n",
                    NEW_USER));
            proxy.signal("HUP");

            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            SQLException last = null;
            while (System.nanoTime() < deadline) {
                try (Connection connection = login(proxy.port(), "newbie", "fresh")) {
                    assertThat(connection.isValid(5)).isTrue();
                    return;
                } catch (SQLException ex) {
                    last = ex;
                    Thread.sleep(100);
                }
            }
            throw new AssertionError("the new user could not log in after SIGHUP", last);
        }
    }

    @Test
    void sessionsAreListedWithWhatTheyDo() throws Exception {
        ShardlineServer proxy = new ShardlineServer(ProxyFixture.load(yaml())).start();
        String url = ProxyFixture.mysqlUrl(proxy.address().getPort(), "");
        try (Connection sleeper = DriverManager.getConnection(url); Connection holder = DriverManager.getConnection(url);
             Statement hold = holder.createStatement()) {
            hold.execute("START TRANSACTION");
            CompletableFuture<Void> sleeping = CompletableFuture.runAsync(() -> {
                try (Statement statement = sleeper.createStatement()) {
                    statement.executeQuery("SELECT SLEEP(1.5)").close();
                } catch (SQLException ex) {
                    throw new IllegalStateException(ex);
                }
            });
            String listing = "";
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!listing.contains("\"state\":\"running\"") && System.nanoTime() < deadline) {
                listing = call(proxy, "GET", "/api/sessions").body();
            }
            sleeping.get();

            assertThat(listing).contains("\"state\":\"running\"", "\"command\":\"Query\"", "\"user\":\"app\"",
                    "\"schema\":\"" + ProxyFixture.SCHEMA + "\"", "\"client\":\"127.0.0.1:", "\"tls\":false",
                    "\"pinned\":[\"transaction\"]", "\"connected_at\":\"", "\"statement\":\"SELECT SLEEP (");
            assertThat(listing).as("values never shown: they may be secrets").doesNotContain("1.5");
            assertThat(listing.split("\"id\":", -1)).as("two sessions").hasSize(3);
        } finally {
            proxy.close();
        }
    }
}
