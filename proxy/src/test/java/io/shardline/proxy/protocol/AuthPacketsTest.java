package io.shardline.proxy.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuthPacketsTest {
    private static final byte[] SCRAMBLE = Wire.filled(20, 3);

    @Test
    void authSwitchRequestLayout() {
        AuthSwitchRequest request = new AuthSwitchRequest("mysql_native_password", SCRAMBLE);

        byte[] payload = ErrAndEofPacketTest.payloadOf(request.encode(new TrackingAllocator(), 2));

        assertThat(payload).isEqualTo(Wire.bytes().u8(0xfe).nul("mysql_native_password").raw(SCRAMBLE).u8(0).array());
    }

    @Test
    void authSwitchRequestRoundTripDropsTheNulTerminator() {
        AuthSwitchRequest original = new AuthSwitchRequest("caching_sha2_password", SCRAMBLE);

        byte[] payload = ErrAndEofPacketTest.payloadOf(original.encode(new TrackingAllocator(), 2));
        AuthSwitchRequest decoded = ErrAndEofPacketTest.decode(payload, AuthSwitchRequest::decode);

        assertThat(decoded.pluginName()).isEqualTo("caching_sha2_password");
        assertThat(decoded.pluginData()).isEqualTo(SCRAMBLE);
    }

    @Test
    void authSwitchRequestWithoutTerminatorKeepsAllData() {
        byte[] payload = Wire.bytes().u8(0xfe).nul("sha256_password").raw(SCRAMBLE).array();

        AuthSwitchRequest decoded = ErrAndEofPacketTest.decode(payload, AuthSwitchRequest::decode);

        assertThat(decoded.pluginName()).isEqualTo("sha256_password");
        assertThat(decoded.pluginData()).isEqualTo(SCRAMBLE);
    }

    @Test
    void oldStyleSwitchHasOnlyTheHeader() {
        AuthSwitchRequest decoded = ErrAndEofPacketTest.decode(new byte[] {(byte) 0xfe}, AuthSwitchRequest::decode);

        assertThat(decoded.pluginName()).isEmpty();
        assertThat(decoded.pluginData()).isEmpty();
    }

    @Test
    void authMoreDataRoundTrip() {
        AuthMoreData fullAuth = new AuthMoreData(new byte[] {4});

        byte[] payload = ErrAndEofPacketTest.payloadOf(fullAuth.encode(new TrackingAllocator(), 3));

        assertThat(payload).containsExactly(0x01, 0x04);
        assertThat(ErrAndEofPacketTest.decode(payload, AuthMoreData::decode).data()).containsExactly(4);
    }
}
