package io.shardline.proxy.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HandshakeResponseTest {
    private static final long BASE = Capabilities.LONG_PASSWORD | Capabilities.LONG_FLAG | Capabilities.PROTOCOL_41
            | Capabilities.TRANSACTIONS | Capabilities.MULTI_RESULTS | Capabilities.PLUGIN_AUTH;
    private static final byte[] AUTH = Wire.filled(20, 77);

    /** The fixed 32-byte start: capabilities, max packet, collation, 23 filler bytes. */
    private static Wire start(long capabilities, int collation) {
        return Wire.bytes().u32(capabilities).u32(16 * 1024 * 1024).u8(collation).zeros(23);
    }

    private static Wire attributes(Map<String, String> attributes) {
        Wire block = Wire.bytes();
        attributes.forEach((key, value) -> block.lenenc(key).lenenc(value));
        return Wire.bytes().lenenc(block.array());
    }

    @Test
    void libmysqlStyleWithLenencAuthDatabasePluginAndAttributes() {
        long capabilities = BASE | Capabilities.SECURE_CONNECTION | Capabilities.PLUGIN_AUTH_LENENC_CLIENT_DATA
                | Capabilities.CONNECT_WITH_DB | Capabilities.CONNECT_ATTRS;
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("_client_name", "libmysql");
        attrs.put("_os", "Linux");
        attrs.put("program_name", "mysql");
        byte[] payload = start(capabilities, 255).nul("app").lenenc(AUTH).nul("shop").nul("mysql_native_password")
                .raw(attributes(attrs).array()).array();

        HandshakeResponse response = decode(payload);

        assertThat(response.capabilities()).isEqualTo(capabilities);
        assertThat(response.maxPacketSize()).isEqualTo(16 * 1024 * 1024);
        assertThat(response.collationId()).isEqualTo(255);
        assertThat(response.user()).isEqualTo("app");
        assertThat(response.authResponse()).isEqualTo(AUTH);
        assertThat(response.database()).isEqualTo("shop");
        assertThat(response.authPluginName()).isEqualTo("mysql_native_password");
        assertThat(response.attributes()).containsExactlyEntriesOf(attrs);
    }

    @Test
    void secureConnectionAuthHasAOneByteLength() {
        long capabilities = BASE | Capabilities.SECURE_CONNECTION | Capabilities.CONNECT_WITH_DB;
        byte[] payload = start(capabilities, 45).nul("app").u8(20).raw(AUTH).nul("shop")
                .nul("caching_sha2_password").array();

        HandshakeResponse response = decode(payload);

        assertThat(response.authResponse()).isEqualTo(AUTH);
        assertThat(response.database()).isEqualTo("shop");
        assertThat(response.authPluginName()).isEqualTo("caching_sha2_password");
        assertThat(response.attributes()).isEmpty();
    }

    @Test
    void withoutConnectWithDbThePluginFollowsTheAuthResponse() {
        long capabilities = BASE | Capabilities.SECURE_CONNECTION | Capabilities.PLUGIN_AUTH_LENENC_CLIENT_DATA;
        byte[] payload = start(capabilities, 45).nul("app").lenenc(AUTH).nul("mysql_native_password").array();

        HandshakeResponse response = decode(payload);

        assertThat(response.database()).isNull();
        assertThat(response.authPluginName()).isEqualTo("mysql_native_password");
    }

    @Test
    void emptyDatabaseMeansNone() {
        long capabilities = BASE | Capabilities.SECURE_CONNECTION | Capabilities.CONNECT_WITH_DB;
        byte[] payload = start(capabilities, 45).nul("app").u8(0).nul("").nul("mysql_native_password").array();

        HandshakeResponse response = decode(payload);

        assertThat(response.authResponse()).isEmpty();
        assertThat(response.database()).isNull();
        assertThat(response.authPluginName()).isEqualTo("mysql_native_password");
    }

    @Test
    void oldClientsSendANulTerminatedAuthResponseAndMayStopEarly() {
        long capabilities = Capabilities.PROTOCOL_41 | Capabilities.LONG_PASSWORD;
        byte[] payload = start(capabilities, 8).nul("legacy").raw(Wire.filled(8, 1)).u8(0).array();

        HandshakeResponse response = decode(payload);

        assertThat(response.user()).isEqualTo("legacy");
        assertThat(response.authResponse()).isEqualTo(Wire.filled(8, 1));
        assertThat(response.authPluginName()).isNull();
        assertThat(response.database()).isNull();
    }

    @Test
    void preProtocol41ClientsAreRefused() {
        byte[] payload = start(Capabilities.LONG_PASSWORD, 8).nul("old").array();

        assertThatThrownBy(() -> decode(payload))
                .isInstanceOf(MalformedPacketException.class)
                .hasMessageContaining("protocol 4.1");
    }

    @Test
    void responsesShorterThanTheFixedPartAreMalformed() {
        assertThatThrownBy(() -> decode(Wire.bytes().u32(BASE).zeros(10).array()))
                .isInstanceOf(MalformedPacketException.class)
                .hasMessageStartingWith("handshake response needs 32 bytes");
    }

    @Test
    void authResponseLongerThanThePacketIsMalformed() {
        long capabilities = BASE | Capabilities.SECURE_CONNECTION;
        byte[] payload = start(capabilities, 45).nul("app").u8(20).raw(Wire.filled(5, 1)).array();

        assertThatThrownBy(() -> decode(payload))
                .isInstanceOf(MalformedPacketException.class)
                .hasMessageStartingWith("auth response needs 20 bytes");
    }

    @Test
    void attributeBlockLongerThanThePacketIsMalformed() {
        long capabilities = BASE | Capabilities.SECURE_CONNECTION | Capabilities.CONNECT_ATTRS;
        byte[] payload = start(capabilities, 45).nul("app").u8(0).nul("mysql_native_password").u8(100).lenenc("k")
                .array();

        assertThatThrownBy(() -> decode(payload))
                .isInstanceOf(MalformedPacketException.class)
                .hasMessageStartingWith("connection attributes");
    }

    @Test
    void attributeBlockWithANegativeEightByteLengthIsMalformed() {
        long capabilities = BASE | Capabilities.SECURE_CONNECTION | Capabilities.CONNECT_ATTRS;
        byte[] payload = start(capabilities, 45).nul("app").u8(0).nul("mysql_native_password").u8(0xfe).u64(-1L)
                .lenenc("k").array();

        assertThatThrownBy(() -> decode(payload)).isInstanceOf(MalformedPacketException.class);
    }

    @Test
    void sslRequestIsExactly32BytesWithTheSslBit() {
        assertThat(isSslRequest(start(BASE | Capabilities.SSL, 45).array())).isTrue();
        assertThat(isSslRequest(start(BASE, 45).array())).as("no SSL bit").isFalse();
        assertThat(isSslRequest(start(BASE | Capabilities.SSL, 45).nul("app").array())).as("a full response")
                .isFalse();
    }

    @Test
    void isSslRequestDoesNotConsume() {
        ByteBuf buf = start(BASE | Capabilities.SSL, 45).buf();
        try {
            HandshakeResponse.isSslRequest(buf);
            assertThat(buf.readerIndex()).isZero();
        } finally {
            buf.release();
        }
    }

    @Test
    void proxyEncodedResponseDecodesBack() {
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("_client_name", "shardline");
        attrs.put("_pid", "1234");
        long capabilities = Capabilities.BACKEND_BASE | Capabilities.CONNECT_WITH_DB;
        HandshakeResponse original = new HandshakeResponse(capabilities, 1 << 30, 45, "shardline", AUTH, "shop",
                "mysql_native_password", attrs);

        byte[] payload = ErrAndEofPacketTest.payloadOf(original.encode(new TrackingAllocator(), 1));

        assertThat(decode(payload)).usingRecursiveComparison().isEqualTo(original);
    }

    @Test
    void proxyEncodedSslRequestIsRecognised() {
        HandshakeResponse response = new HandshakeResponse(Capabilities.BACKEND_BASE | Capabilities.SSL, 1 << 24, 45,
                "shardline", AUTH, null, "mysql_native_password", Map.of());

        byte[] payload = ErrAndEofPacketTest.payloadOf(response.encodeSslRequest(new TrackingAllocator(), 1));

        assertThat(payload).hasSize(HandshakeResponse.SSL_REQUEST_LENGTH);
        assertThat(isSslRequest(payload)).isTrue();
    }

    @Test
    void toStringOmitsTheAuthResponse() {
        HandshakeResponse response = new HandshakeResponse(BASE, 0, 45, "app", "secret".getBytes(), "shop",
                "mysql_native_password", Map.of());

        assertThat(response.toString()).contains("app").doesNotContain("secret").doesNotContain("[B@");
    }

    private static HandshakeResponse decode(byte[] payload) {
        return ErrAndEofPacketTest.decode(payload, HandshakeResponse::decode);
    }

    private static boolean isSslRequest(byte[] payload) {
        return ErrAndEofPacketTest.decode(payload, HandshakeResponse::isSslRequest);
    }
}
