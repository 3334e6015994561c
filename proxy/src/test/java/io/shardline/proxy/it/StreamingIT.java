package io.shardline.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardline.proxy.config.PasswordHash;
import java.io.File;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A big result streams through the proxy without being buffered: the proxy runs as its own JVM with 64 MiB of
 * heap and 32 MiB of direct memory, the client pauses before reading (so a buffering proxy would pile the whole
 * result up), then reads 3 million rows (about 400 MB). Without back-pressure the proxy would run out of memory.
 */
class StreamingIT {
    private static final int ROWS = 3_000_000;

    @Test
    void aResultMuchLargerThanTheProxysMemoryStreamsThrough() throws Exception {
        SandboxFixture sandbox = SandboxFixture.get();
        ProxyFixture.get();
        int port = freePort();
        Path config = Files.createTempFile("shardline-stream", ".yaml");
        Files.writeString(config, String.join("\n",
                "server: { listen: 127.0.0.1:" + port + ", tls: { mode: disabled } }",
                "users: [ { name: app, password: \"" + PasswordHash.nativeHashOf("secret").text() + "\" } ]",
                "datasources:",
                "  main: { primary: 127.0.0.1:" + sandbox.primaryPort() + ", user: shardline, password: shardline }",
                ""));
        Process proxy = new ProcessBuilder(javaBinary(), "-Xmx64m", "-XX:MaxDirectMemorySize=32m",
                "-jar", proxyJar().toString(), "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(Files.createTempFile("shardline-stream", ".log").toFile())
                .start();
        try {
            waitForPort(port, proxy);
            long count = 0;
            long sum = 0;
            String url = ProxyFixture.mysqlUrl(port, "");
            try (Connection connection = DriverManager.getConnection(url);
                 Statement statement = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY,
                         ResultSet.CONCUR_READ_ONLY)) {
                statement.setFetchSize(Integer.MIN_VALUE);
                try (ResultSet rs = statement.executeQuery(
                        "SELECT seq, REPEAT('x', 120) FROM seq_1_to_" + ROWS)) {
                    // A slow client: nothing is read for a while, so the backend's rows must wait, not pile up.
                    Thread.sleep(3000);
                    while (rs.next()) {
                        count++;
                        sum += rs.getLong(1);
                    }
                }
                try (ResultSet rs = statement.executeQuery("SELECT 'still fine'")) {
                    rs.next();
                    assertThat(rs.getString(1)).isEqualTo("still fine");
                }
            }
            assertThat(count).isEqualTo(ROWS);
            assertThat(sum).isEqualTo((long) ROWS * (ROWS + 1) / 2);
            assertThat(proxy.isAlive()).as("the proxy survived with 64 MiB of heap").isTrue();
        } finally {
            proxy.destroy();
            proxy.waitFor(10, TimeUnit.SECONDS);
            Files.deleteIfExists(config);
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void waitForPort(int port, Process proxy) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            assertThat(proxy.isAlive()).as("proxy process started").isTrue();
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (java.io.IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("the proxy did not listen on " + port + " within 30 s");
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Path proxyJar() {
        String root = System.getProperty(SandboxFixture.REPO_ROOT_PROPERTY, ".");
        for (Path each : List.of(Path.of(root, "proxy", "target", "shardline-proxy.jar"),
                Path.of("target", "shardline-proxy.jar"))) {
            if (Files.exists(each)) {
                return each;
            }
        }
        throw new IllegalStateException("build the proxy jar first (mvn package): not found under " + root
                + File.separator + "proxy/target");
    }
}
