package io.shardline.proxy.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OkPacketTest {
    private static final long TRACK = Capabilities.PROTOCOL_41 | Capabilities.SESSION_TRACK;
    private static final long NO_TRACK = Capabilities.PROTOCOL_41;
    private static final int CHANGED = ServerStatus.SESSION_STATE_CHANGED;
    private static final int AUTOCOMMIT = ServerStatus.AUTOCOMMIT;
    private static final byte[] NONE = new byte[0];
    private static final byte[] INFO = "Rows matched: 1  Changed: 1  Warnings: 0".getBytes(StandardCharsets.UTF_8);
    /** One system variable entry: autocommit=OFF. */
    private static final byte[] STATE = Wire.bytes().u8(0).lenenc(Wire.bytes().lenenc("autocommit").lenenc("OFF")
            .array()).array();

    @Test
    void decodesTheMinimalOk() {
        OkPacket ok = decode(Wire.bytes().u8(0, 0, 0).u16(AUTOCOMMIT).u16(0).array(), TRACK);

        assertThat(ok.header()).isEqualTo(OkPacket.HEADER);
        assertThat(ok.affectedRows()).isZero();
        assertThat(ok.lastInsertId()).isZero();
        assertThat(ok.status()).isEqualTo(AUTOCOMMIT);
        assertThat(ok.warnings()).isZero();
        assertThat(ok.info()).isEmpty();
        assertThat(ok.sessionState()).isEmpty();
        assertThat(ok.sessionStateChanges().isEmpty()).isTrue();
    }

    @Test
    void decodesLengthEncodedCounters() {
        OkPacket ok = decode(Wire.bytes().u8(0).lenenc(300).lenenc(0x10000).u16(AUTOCOMMIT).u16(3).array(), NO_TRACK);

        assertThat(ok.affectedRows()).isEqualTo(300);
        assertThat(ok.lastInsertId()).isEqualTo(0x10000);
        assertThat(ok.warnings()).isEqualTo(3);
    }

    @Test
    void withoutSessionTrackTheInfoIsTheRestOfThePacket() {
        OkPacket ok = decode(Wire.bytes().u8(0, 1, 0).u16(AUTOCOMMIT).u16(0).raw(INFO).array(), NO_TRACK);

        assertThat(ok.infoText()).isEqualTo(new String(INFO, StandardCharsets.UTF_8));
        assertThat(ok.sessionState()).isEmpty();
    }

    @Test
    void withSessionTrackTheInfoIsLengthEncodedAndTheStateBlockFollowsWhenFlagged() {
        OkPacket ok = decode(Wire.bytes().u8(0, 0, 0).u16(AUTOCOMMIT | CHANGED).u16(0).lenenc(INFO).lenenc(STATE)
                .array(), TRACK);

        assertThat(ok.info()).isEqualTo(INFO);
        assertThat(ok.sessionState()).isEqualTo(STATE);
        assertThat(ok.sessionStateChanges().systemVariables()).containsExactly(Map.entry("autocommit", "OFF"));
    }

    @Test
    void withSessionTrackButNoFlagTrailingBytesAreInfoOnly() {
        OkPacket ok = decode(Wire.bytes().u8(0, 0, 0).u16(AUTOCOMMIT).u16(0).lenenc(INFO).array(), TRACK);

        assertThat(ok.info()).isEqualTo(INFO);
        assertThat(ok.sessionState()).isEmpty();
    }

    @Test
    void flaggedOkWithoutTrailerDecodesWithEmptyInfoAndState() {
        OkPacket ok = decode(Wire.bytes().u8(0, 0, 0).u16(CHANGED).u16(0).array(), TRACK);

        assertThat(ok.info()).isEmpty();
        assertThat(ok.sessionState()).isEmpty();
    }

    @Test
    void truncatedOkNamesTheMissingField() {
        assertThatThrownBy(() -> decode(Wire.bytes().u8(0, 0, 0).u16(AUTOCOMMIT).array(), TRACK))
                .isInstanceOf(MalformedPacketException.class)
                .hasMessageStartingWith("OK status and warnings");
        assertThatThrownBy(() -> decode(Wire.bytes().u8(0, 0xfc, 1).array(), TRACK))
                .isInstanceOf(MalformedPacketException.class)
                .hasMessageStartingWith("length-encoded integer");
    }

    static Stream<Arguments> roundTrips() {
        return Stream.of(
                Arguments.of("plain", TRACK, OkPacket.HEADER, AUTOCOMMIT, NONE, NONE),
                Arguments.of("info only", TRACK, OkPacket.HEADER, AUTOCOMMIT, INFO, NONE),
                Arguments.of("state only", TRACK, OkPacket.HEADER, AUTOCOMMIT | CHANGED, NONE, STATE),
                Arguments.of("info and state", TRACK, OkPacket.HEADER, AUTOCOMMIT | CHANGED, INFO, STATE),
                Arguments.of("EOF header, state", TRACK, OkPacket.EOF_HEADER, CHANGED, NONE, STATE),
                Arguments.of("no tracking, plain", NO_TRACK, OkPacket.HEADER, AUTOCOMMIT, NONE, NONE),
                Arguments.of("no tracking, info", NO_TRACK, OkPacket.HEADER, ServerStatus.IN_TRANS, INFO, NONE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roundTrips")
    void encodeThenDecodeKeepsEveryField(String name, long capabilities, int header, int status, byte[] info,
                                         byte[] state) {
        OkPacket original = new OkPacket(header, 70_000, 251, status, 2, info, state);

        OkPacket decoded = roundTrip(original, capabilities);

        assertThat(decoded).usingRecursiveComparison().isEqualTo(original);
    }

    /** The info stays length-encoded, as real servers write it even to clients without SESSION_TRACK. */
    @Test
    void withoutSessionTrackTheFlagAndBlockAreDropped() {
        OkPacket original = new OkPacket(OkPacket.HEADER, 1, 0, AUTOCOMMIT | CHANGED, 0, INFO, STATE);

        byte[] payload = encodePayload(original, 7, NO_TRACK);

        assertThat(payload).isEqualTo(Wire.bytes().u8(0, 1, 0).u16(AUTOCOMMIT).u16(0).u8(INFO.length).raw(INFO)
                .array());
    }

    /** Servers send the info length-encoded; the documented rest-of-packet form is read too. */
    @Test
    void withoutSessionTrackBothInfoFormsAreRead() {
        byte[] lenenc = Wire.bytes().u8(0, 1, 0).u16(AUTOCOMMIT).u16(0).u8(INFO.length).raw(INFO).array();
        byte[] rest = Wire.bytes().u8(0, 1, 0).u16(AUTOCOMMIT).u16(0).raw(INFO).array();

        assertThat(OkPacket.decode(io.netty.buffer.Unpooled.wrappedBuffer(lenenc), NO_TRACK).info()).isEqualTo(INFO);
        assertThat(OkPacket.decode(io.netty.buffer.Unpooled.wrappedBuffer(rest), NO_TRACK).info()).isEqualTo(INFO);
    }

    @Test
    void withSessionTrackAnEmptyInfoIsOmittedUnlessStateFollows() {
        OkPacket plain = OkPacket.of(0, 0, AUTOCOMMIT, 0);
        OkPacket changed = new OkPacket(OkPacket.HEADER, 0, 0, AUTOCOMMIT | CHANGED, 0, NONE, STATE);

        assertThat(encodePayload(plain, 1, TRACK)).isEqualTo(Wire.bytes().u8(0, 0, 0).u16(AUTOCOMMIT).u16(0).array());
        assertThat(encodePayload(changed, 1, TRACK)).isEqualTo(
                Wire.bytes().u8(0, 0, 0).u16(AUTOCOMMIT | CHANGED).u16(0).u8(0).lenenc(STATE).array());
    }

    @Test
    void encodeWritesTheFrameHeader() {
        TrackingAllocator alloc = new TrackingAllocator();
        ByteBuf frame = OkPacket.of(0, 0, AUTOCOMMIT, 0).encode(alloc, 2, TRACK);

        assertThat(Packets.payloadLength(frame, 0)).isEqualTo(frame.readableBytes() - Packets.HEADER_SIZE);
        assertThat(Packets.sequenceId(frame, 0)).isEqualTo(2);
        frame.release();
        alloc.assertAllReleased();
    }

    @Test
    void toStringOmitsInfoAndState() {
        OkPacket ok = new OkPacket(OkPacket.HEADER, 1, 2, AUTOCOMMIT | CHANGED, 0, INFO, STATE);

        assertThat(ok.toString()).doesNotContain("autocommit").doesNotContain("Rows matched");
    }

    static OkPacket decode(byte[] payload, long capabilities) {
        ByteBuf buf = Wire.bytes().raw(payload).buf();
        try {
            return OkPacket.decode(buf, capabilities);
        } finally {
            buf.release();
        }
    }

    static OkPacket roundTrip(OkPacket packet, long capabilities) {
        return decode(encodePayload(packet, 1, capabilities), capabilities);
    }

    static byte[] encodePayload(OkPacket packet, int sequenceId, long capabilities) {
        TrackingAllocator alloc = new TrackingAllocator();
        ByteBuf frame = packet.encode(alloc, sequenceId, capabilities);
        try {
            assertThat(Packets.sequenceId(frame, 0)).isEqualTo(sequenceId);
            assertThat(Packets.payloadLength(frame, 0)).isEqualTo(frame.readableBytes() - Packets.HEADER_SIZE);
            return ByteBufUtil.getBytes(frame, Packets.HEADER_SIZE, frame.readableBytes() - Packets.HEADER_SIZE);
        } finally {
            frame.release();
            alloc.assertAllReleased();
        }
    }
}
