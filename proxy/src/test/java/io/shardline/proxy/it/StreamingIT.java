package io.shardline.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardline.proxy.config.PasswordHash;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
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
        String yaml = String.join("\n",
                "server: { listen: 127.0.0.1:0, tls: { mode: disabled } }",
                "management: { listen: off }",
                "users: [ { name: app, password: \"" + PasswordHash.nativeHashOf("secret").text() + "\" } ]",
                "datasources:",
                "  main: { primary: 127.0.0.1:" + sandbox.primaryPort() + ", user: shardline, password: shardline }",
                "");
        try (ProxyProcess proxy = ProxyProcess.start(yaml, "-Xmx64m", "-XX:MaxDirectMemorySize=32m")) {
            int port = proxy.port();
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
        }
    }
}
