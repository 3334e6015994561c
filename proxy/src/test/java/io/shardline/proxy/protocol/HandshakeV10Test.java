package io.shardline.proxy.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardline.proxy.protocol.auth.Scrambles;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class HandshakeV10Test {
    private static final byte[] SCRAMBLE = "abcdefghijklmnopqrst".getBytes(StandardCharsets.US_ASCII);

    @Test
    void encodeThenDecodeKeepsEveryFieldAndTheTwentyByteScramble() {
        byte[] scramble = Scrambles.next();
        HandshakeV10 original = new HandshakeV10("5.7.19-10.11.19-MariaDB", 0xfffffffeL, scramble,
                Capabilities.PROXY_OFFERED | Capabilities.SSL, 45, ServerStatus.AUTOCOMMIT, "caching_sha2_password");

        byte[] payload = ErrAndEofPacketTest.payloadOf(original.encode(new TrackingAllocator(), 0));
        HandshakeV10 decoded = ErrAndEofPacketTest.decode(payload, HandshakeV10::decode);

        assertThat(decoded).usingRecursiveComparison().isEqualTo(original);
        assertThat(decoded.authPluginData()).hasSize(20);
    }

    @Test
    void encodedLayoutFollowsTheProtocol() {
        HandshakeV10 greeting = new HandshakeV10("8.0.36", 7, SCRAMBLE, Capabilities.PROXY_OFFERED, 45,
                ServerStatus.AUTOCOMMIT, "mysql_native_password");

        byte[] payload = ErrAndEofPacketTest.payloadOf(greeting.encode(new TrackingAllocator(), 0));

        byte[] expected = Wire.bytes().u8(10).nul("8.0.36").u32(7).raw("abcdefgh").u8(0)
                .u16((int) (Capabilities.PROXY_OFFERED & 0xffff)).u8(45).u16(ServerStatus.AUTOCOMMIT)
                .u16((int) (Capabilities.PROXY_OFFERED >>> 16)).u8(21).zeros(10)
                .raw("ijklmnopqrst").u8(0).nul("mysql_native_password").array();
        assertThat(payload).isEqualTo(expected);
    }

    @Test
    void decodesAMySql8Greeting() {
        long capabilities = 0xdfffffffL & ~Capabilities.SSL;
        byte[] payload = Wire.bytes().u8(10).nul("8.0.36").u32(12).raw("abcdefgh").u8(0)
                .u16((int) (capabilities & 0xffff)).u8(255).u16(ServerStatus.AUTOCOMMIT)
                .u16((int) (capabilities >>> 16)).u8(21).zeros(10).raw("ijklmnopqrst").u8(0)
                .nul("caching_sha2_password").array();

        HandshakeV10 greeting = ErrAndEofPacketTest.decode(payload, HandshakeV10::decode);

        assertThat(greeting.serverVersion()).isEqualTo("8.0.36");
        assertThat(greeting.connectionId()).isEqualTo(12);
        assertThat(greeting.authPluginData()).isEqualTo(SCRAMBLE);
        assertThat(greeting.capabilities()).isEqualTo(capabilities);
        assertThat(greeting.collationId()).isEqualTo(255);
        assertThat(greeting.status()).isEqualTo(ServerStatus.AUTOCOMMIT);
        assertThat(greeting.authPluginName()).isEqualTo("caching_sha2_password");
    }

    @Test
    void decodesAMariaDbGreetingWithExtendedCapabilitiesInTheFiller() {
        long capabilities = Capabilities.PROTOCOL_41 | Capabilities.SECURE_CONNECTION | Capabilities.PLUGIN_AUTH
                | Capabilities.CONNECT_WITH_DB | Capabilities.SESSION_TRACK;
        byte[] payload = Wire.bytes().u8(10).nul("5.5.5-10.11.19-MariaDB-0+deb12u1").u32(99).raw("abcdefgh").u8(0)
                .u16((int) (capabilities & 0xffff)).u8(45).u16(ServerStatus.AUTOCOMMIT)
                .u16((int) (capabilities >>> 16)).u8(21).zeros(6).u32(0x1d).raw("ijklmnopqrst").u8(0)
                .nul("mysql_native_password").array();

        HandshakeV10 greeting = ErrAndEofPacketTest.decode(payload, HandshakeV10::decode);

        assertThat(greeting.serverVersion()).isEqualTo("5.5.5-10.11.19-MariaDB-0+deb12u1");
        assertThat(greeting.authPluginData()).isEqualTo(SCRAMBLE);
        assertThat(greeting.authPluginName()).isEqualTo("mysql_native_password");
        assertThat(greeting.capabilities()).as("LONG_PASSWORD clear: the filler's extended capabilities count")
                .isEqualTo(capabilities | 0x1dL << 32);
    }

    @Test
    void withoutPluginAuthTheNativePluginIsAssumed() {
        long capabilities = Capabilities.PROTOCOL_41 | Capabilities.SECURE_CONNECTION;
        byte[] payload = Wire.bytes().u8(10).nul("5.1.73").u32(1).raw("abcdefgh").u8(0)
                .u16((int) capabilities).u8(8).u16(2).u16(0).u8(0).zeros(10).raw("ijklmnopqrst").u8(0).array();

        HandshakeV10 greeting = ErrAndEofPacketTest.decode(payload, HandshakeV10::decode);

        assertThat(greeting.authPluginName()).isEqualTo("mysql_native_password");
        assertThat(Arrays.equals(greeting.authPluginData(), SCRAMBLE)).isTrue();
    }

    @Test
    void otherProtocolVersionsAreRefused() {
        assertThatThrownBy(() -> ErrAndEofPacketTest.decode(Wire.bytes().u8(9).nul("3.23").zeros(20).array(),
                HandshakeV10::decode))
                .isInstanceOf(MalformedPacketException.class)
                .hasMessage("unsupported handshake protocol version 9");
    }

    @Test
    void truncatedGreetingIsMalformed() {
        assertThatThrownBy(() -> ErrAndEofPacketTest.decode(Wire.bytes().u8(10).nul("8.0.36").u32(1).array(),
                HandshakeV10::decode))
                .isInstanceOf(MalformedPacketException.class)
                .hasMessageStartingWith("handshake needs");
    }

    @Test
    void toStringOmitsTheScramble() {
        HandshakeV10 greeting = new HandshakeV10("8.0.36", 7, SCRAMBLE, 0, 45, 2, "mysql_native_password");

        assertThat(greeting.toString()).doesNotContain("abcdefgh").contains("8.0.36");
    }
}
