package io.shardline.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Bad input gets a MySQL error (or a clean close where the protocol demands one), the connection stays usable
 * where MySQL keeps it, and other sessions never notice.
 */
class BadInputIT {
    private final ProxyFixture proxy = ProxyFixture.get();

    private RawClient loggedIn() throws Exception {
        RawClient client = new RawClient(proxy.port());
        RawClient.Reply login = client.login(ProxyFixture.USER, ProxyFixture.PASSWORD, ProxyFixture.SCHEMA);
        assertThat(login.isOk()).as("login: %s", login.text()).isTrue();
        return client;
    }

    @Test
    void unknownCommandGetsError1047AndTheConnectionGoesOn() throws Exception {
        try (RawClient client = loggedIn()) {
            RawClient.Reply reply = client.command((byte) 0x20, (byte) 1, (byte) 2);
            assertThat(reply.isErr()).isTrue();
            assertThat(reply.errorCode()).isEqualTo(1047);
            assertThat(reply.sequenceId()).isEqualTo(1);
            assertThat(RawClient.succeeded(client.drainUntilEnd(client.query("SELECT 1")))).isTrue();
        }
    }

    @Test
    void replicationAndShutdownCommandsAreRefused() throws Exception {
        try (RawClient client = loggedIn()) {
            for (byte code : new byte[] {0x08, 0x12, 0x1e, 0x0a}) {
                RawClient.Reply reply = client.command(code, (byte) 0);
                assertThat(reply.isErr()).as("command 0x%02x", code).isTrue();
                assertThat(reply.errorCode()).isEqualTo(1047);
            }
        }
    }

    @Test
    void truncatedExecuteIsAMalformedPacketNotADisconnect() throws Exception {
        try (RawClient client = loggedIn()) {
            RawClient.Reply reply = client.command((byte) 0x17, (byte) 1);
            assertThat(reply.isErr()).isTrue();
            assertThat(reply.errorCode()).isEqualTo(1835);
            assertThat(RawClient.succeeded(client.drainUntilEnd(client.query("SELECT 2")))).isTrue();
        }
    }

    @Test
    void executeOfAStatementNeverPreparedGetsTheServersError() throws Exception {
        try (RawClient client = loggedIn()) {
            RawClient.Reply reply = client.command((byte) 0x17, (byte) 99, (byte) 0, (byte) 0, (byte) 0, (byte) 0,
                    (byte) 1, (byte) 0, (byte) 0, (byte) 0);
            assertThat(reply.isErr()).isTrue();
            assertThat(reply.errorCode()).isEqualTo(1243);
        }
    }

    @Test
    void garbageSqlGetsTheServersSyntaxError() throws Exception {
        try (RawClient client = loggedIn()) {
            byte[] garbage = {0x03, 0x00, (byte) 0xff, (byte) 0xfe, 'S', 'E', 'L', 'E', 'C', '\'', 0x01};
            RawClient.Reply reply = client.command(garbage);
            assertThat(reply.isErr()).isTrue();
            assertThat(reply.errorCode()).isEqualTo(1064);
            assertThat(RawClient.succeeded(client.drainUntilEnd(client.query("SELECT 3")))).isTrue();
        }
    }

    @Test
    void emptyPacketIsMalformed() throws Exception {
        try (RawClient client = loggedIn()) {
            RawClient.Reply reply = client.command();
            assertThat(reply.isErr()).isTrue();
            assertThat(reply.errorCode()).isEqualTo(1835);
        }
    }

    @Test
    void oversizedPacketGetsError1153AndTheConnectionCloses() throws Exception {
        try (RawClient client = loggedIn()) {
            int length = 0xffffff;
            // Four full frames announce 64 MiB: over the 64 MiB limit once the fifth arrives; send headers only.
            client.writeRaw(new byte[] {(byte) length, (byte) (length >> 8), (byte) (length >> 16), 0});
            client.writeRaw(new byte[1 << 20]);
            RawClient.Reply reply = readUntilError(client, length);
            assertThat(reply.errorCode()).isEqualTo(1153);
            assertThat(reply.errorMessage()).contains("max_allowed_packet");
            assertThat(client.closedByServer()).isTrue();
        }
        assertProxyStillServes();
    }

    private static RawClient.Reply readUntilError(RawClient client, int frame) throws Exception {
        byte[] chunk = new byte[1 << 20];
        int sequence = 1;
        long sent = 1 << 20;
        try {
            while (true) {
                if (sent % frame == 0 || sent + chunk.length > frame * (long) sequence) {
                    int rest = (int) (frame * (long) sequence - sent);
                    client.writeRaw(new byte[rest]);
                    sent += rest;
                    client.writeRaw(new byte[] {(byte) frame, (byte) (frame >> 8), (byte) (frame >> 16),
                            (byte) sequence++});
                } else {
                    client.writeRaw(chunk);
                    sent += chunk.length;
                }
                if (sequence > 6) {
                    break;
                }
            }
        } catch (java.io.IOException closed) {
            // the proxy may close while we are still writing; its error packet is already in our buffer
        }
        return client.read();
    }

    @Test
    void garbageInsteadOfAHandshakeResponseGetsBadHandshake() throws Exception {
        try (RawClient client = new RawClient(proxy.port())) {
            client.read();
            client.writeRaw(new byte[] {5, 0, 0, 1, 'h', 'e', 'l', 'l', 'o'});
            RawClient.Reply reply = client.read();
            assertThat(reply.isErr()).isTrue();
            assertThat(reply.errorCode()).isEqualTo(1043);
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void randomBytesNeverBringTheProxyDown() throws Exception {
        Random random = new Random(20261126L);
        for (int round = 0; round < 40; round++) {
            try (RawClient client = random.nextBoolean() ? new RawClient(proxy.port()) : loggedIn()) {
                byte[] junk = new byte[1 + random.nextInt(300)];
                random.nextBytes(junk);
                client.writeRaw(junk);
                client.writeRaw("\u0000\u0000\u0000\u0000".getBytes(StandardCharsets.US_ASCII));
            } catch (java.io.IOException ex) {
                // a closed connection is a fine answer to garbage
            }
        }
        assertProxyStillServes();
    }

    @Test
    void clientVanishingMidHandshakeOrMidResultLeavesOthersUnharmed() throws Exception {
        try (RawClient client = new RawClient(proxy.port())) {
            client.read();
        }
        try (RawClient client = loggedIn()) {
            client.query("SELECT seq, REPEAT('x', 200) FROM seq_1_to_200000");
        }
        assertProxyStillServes();
    }

    private void assertProxyStillServes() throws Exception {
        try (Connection connection = proxy.connect(proxy.mysqlUrl(""));
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT 40 + 2")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(42);
        }
    }
}
