package io.shardline.proxy.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrAndEofPacketTest {

    @Test
    void errRoundTrip() {
        ErrPacket original = ErrPacket.of(MySqlError.ER_ACCESS_DENIED_ERROR, "Access denied for user 'x'@'h'");

        byte[] payload = payloadOf(original.encode(new TrackingAllocator(), 2));

        assertThat(payload).isEqualTo(Wire.bytes().u8(0xff).u16(1045).raw("#28000")
                .raw("Access denied for user 'x'@'h'").array());
        assertThat(decode(payload, ErrPacket::decode)).isEqualTo(original);
    }

    @Test
    void errWithoutSqlStateMarkerGetsHy000() {
        ErrPacket err = decode(Wire.bytes().u8(0xff).u16(1105).raw("Unknown error").array(), ErrPacket::decode);

        assertThat(err).isEqualTo(new ErrPacket(1105, "HY000", "Unknown error"));
    }

    @Test
    void errWithCodeOnly() {
        assertThat(decode(Wire.bytes().u8(0xff).u16(1064).array(), ErrPacket::decode))
                .isEqualTo(new ErrPacket(1064, "HY000", ""));
    }

    @Test
    void truncatedErrNamesTheErrorCode() {
        assertThatThrownBy(() -> decode(new byte[] {(byte) 0xff, 1}, ErrPacket::decode))
                .isInstanceOf(MalformedPacketException.class)
                .hasMessageStartingWith("error code");
    }

    @Test
    void errMessageIsCappedAt512Bytes() {
        ErrPacket longOne = new ErrPacket(1064, "42000", "x".repeat(2000));

        byte[] payload = payloadOf(longOne.encode(new TrackingAllocator(), 1));

        assertThat(payload).hasSize(1 + 2 + 6 + 512);
    }

    @Test
    void eofRoundTrip() {
        EofPacket original = new EofPacket(3, ServerStatus.AUTOCOMMIT | ServerStatus.MORE_RESULTS_EXISTS);

        byte[] payload = payloadOf(original.encode(new TrackingAllocator(), 9));

        assertThat(payload).containsExactly(0xfe, 3, 0, 0x0a, 0);
        assertThat(decode(payload, EofPacket::decode)).isEqualTo(original);
    }

    @Test
    void preProtocol41EofHasNoFields() {
        assertThat(decode(new byte[] {(byte) 0xfe}, EofPacket::decode)).isEqualTo(new EofPacket(0, 0));
    }

    @ParameterizedTest(name = "header {0}, length {1} -> {2}")
    @CsvSource({"254, 5, true", "254, 1, true", "254, 8, true", "254, 9, false", "0, 5, false", "255, 5, false"})
    void isEofLooksAtHeaderAndLength(int header, int length, boolean expected) {
        ByteBuf buf = Wire.bytes().u8(7, 7).u8(header).zeros(length - 1).buf();
        try {
            assertThat(EofPacket.isEof(buf, 2, length)).isEqualTo(expected);
        } finally {
            buf.release();
        }
    }

    @Test
    void toStringOfErrShowsCodeStateAndMessage() {
        assertThat(new ErrPacket(1045, "28000", "denied").toString()).isEqualTo("ErrPacket[1045 (28000): denied]");
    }

    static <T> T decode(byte[] payload, Function<ByteBuf, T> decoder) {
        ByteBuf buf = Wire.bytes().raw(payload).buf();
        try {
            return decoder.apply(buf);
        } finally {
            buf.release();
        }
    }

    /** The payload of a frame the code under test built; releases the frame. */
    static byte[] payloadOf(ByteBuf frame) {
        try {
            assertThat(Packets.payloadLength(frame, 0)).isEqualTo(frame.readableBytes() - Packets.HEADER_SIZE);
            return ByteBufUtil.getBytes(frame, Packets.HEADER_SIZE, frame.readableBytes() - Packets.HEADER_SIZE);
        } finally {
            frame.release();
            assertThat(frame.refCnt()).isZero();
        }
    }
}
