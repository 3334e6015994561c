package io.shardline.proxy.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class WireFormatTest {

    static Stream<Arguments> lengthEncodedIntegers() {
        return Stream.of(
                Arguments.of(0L, "00"),
                Arguments.of(250L, "fa"),
                Arguments.of(251L, "fcfb00"),
                Arguments.of(0xffffL, "fcffff"),
                Arguments.of(0x10000L, "fd000001"),
                Arguments.of(0xffffffL, "fdffffff"),
                Arguments.of(0x1000000L, "fe0000000100000000"),
                Arguments.of(0x123456789abL, "feab89674523010000"),
                Arguments.of(Long.MAX_VALUE, "feffffffffffffff7f"),
                Arguments.of(-1L, "feffffffffffffffff")); // 2^64-1 read back as a signed long
    }

    @ParameterizedTest(name = "{0} <-> {1}")
    @MethodSource("lengthEncodedIntegers")
    void writesLengthEncodedIntegers(long value, String hex) {
        ByteBuf buf = Unpooled.buffer();
        try {
            WireFormat.writeLenencInt(buf, value);
            assertThat(HexFormat.of().formatHex(bytesOf(buf))).isEqualTo(hex);
        } finally {
            buf.release();
        }
    }

    @ParameterizedTest(name = "{1} -> {0}")
    @MethodSource("lengthEncodedIntegers")
    void readsLengthEncodedIntegersAndConsumesExactlyThem(long value, String hex) {
        withBuffer(Wire.bytes().hex(hex).u8(0x42).array(), buf -> {
            assertThat(WireFormat.readLenencInt(buf)).isEqualTo(value);
            assertThat(buf.readableBytes()).isEqualTo(1);
            assertThat(buf.readUnsignedByte()).isEqualTo((short) 0x42);
        });
    }

    @ParameterizedTest(name = "prefix {0} with {1} bytes after it")
    @CsvSource({"'', 0", "fc, 0", "fc, 1", "fd, 2", "fe, 0", "fe, 7"})
    void truncatedLengthEncodedIntegerNamesTheField(String prefix, int following) {
        withBuffer(Wire.bytes().hex(prefix).zeros(following).array(), buf ->
                assertThatThrownBy(() -> WireFormat.readLenencInt(buf))
                        .isInstanceOf(MalformedPacketException.class)
                        .hasMessageStartingWith("length-encoded integer needs"));
    }

    @ParameterizedTest
    @CsvSource({"fb, 0xfb", "ff, 0xff"})
    void nullAndErrMarkersAreNotIntegers(String prefix, String named) {
        withBuffer(Wire.bytes().hex(prefix).zeros(8).array(), buf ->
                assertThatThrownBy(() -> WireFormat.readLenencInt(buf))
                        .isInstanceOf(MalformedPacketException.class)
                        .hasMessage("invalid length-encoded integer prefix " + named));
    }

    @Test
    void lengthEncodedStringRoundTripsUtf8() {
        ByteBuf buf = Unpooled.buffer();
        try {
            WireFormat.writeLenencString(buf, "héllo wörld", StandardCharsets.UTF_8);
            assertThat(buf.getUnsignedByte(0)).isEqualTo((short) 13);
            assertThat(WireFormat.readLenencString(buf, StandardCharsets.UTF_8)).isEqualTo("héllo wörld");
            assertThat(buf.isReadable()).isFalse();
        } finally {
            buf.release();
        }
    }

    @Test
    void longLengthEncodedStringUsesTwoBytePrefix() {
        String text = "x".repeat(300);
        withBuffer(Wire.bytes().lenenc(text).array(), buf -> {
            assertThat(buf.getUnsignedByte(0)).isEqualTo((short) 0xfc);
            assertThat(WireFormat.readLenencString(buf, StandardCharsets.UTF_8)).isEqualTo(text);
        });
    }

    @Test
    void lengthEncodedBytesAndSkip() {
        withBuffer(Wire.bytes().lenenc("abc").lenenc("").lenenc("de").array(), buf -> {
            assertThat(WireFormat.readLenencBytes(buf)).containsExactly('a', 'b', 'c');
            WireFormat.skipLenencString(buf);
            assertThat(WireFormat.readLenencBytes(buf)).containsExactly('d', 'e');
            assertThat(buf.isReadable()).isFalse();
        });
    }

    @Test
    void stringLongerThanThePacketNamesTheFieldAndLengths() {
        withBuffer(Wire.bytes().u8(5).raw("abc").array(), buf ->
                assertThatThrownBy(() -> WireFormat.readLenencString(buf, StandardCharsets.UTF_8))
                        .isInstanceOf(MalformedPacketException.class)
                        .hasMessage("length-encoded string length 5 exceeds the 3 bytes left in the packet"));
    }

    @Test
    void bytesLongerThanThePacketNamesTheField() {
        withBuffer(Wire.bytes().u8(0xfc).u16(1000).raw("abc").array(), buf ->
                assertThatThrownBy(() -> WireFormat.readLenencBytes(buf))
                        .isInstanceOf(MalformedPacketException.class)
                        .hasMessageStartingWith("length-encoded bytes length 1000"));
    }

    @Test
    void skipPastTheEndIsMalformed() {
        withBuffer(Wire.bytes().u8(9).raw("ab").array(), buf ->
                assertThatThrownBy(() -> WireFormat.skipLenencString(buf))
                        .isInstanceOf(MalformedPacketException.class)
                        .hasMessageContaining("length-encoded string"));
    }

    @Test
    void negativeEightByteLengthIsMalformedNotAnIndexError() {
        withBuffer(Wire.bytes().u8(0xfe).u64(-1L).raw("abc").array(), buf ->
                assertThatThrownBy(() -> WireFormat.readLenencString(buf, StandardCharsets.UTF_8))
                        .isInstanceOf(MalformedPacketException.class)
                        .hasMessageContaining("length-encoded string length -1"));
    }

    @Test
    void nulStringsStopAtTheTerminatorAndConsumeIt() {
        withBuffer(Wire.bytes().nul("abc").nul("").raw("rest").array(), buf -> {
            assertThat(WireFormat.readNulString(buf, StandardCharsets.UTF_8)).isEqualTo("abc");
            assertThat(WireFormat.readNulString(buf, StandardCharsets.UTF_8)).isEmpty();
            assertThat(WireFormat.readNulString(buf, StandardCharsets.UTF_8)).as("no terminator: the rest")
                    .isEqualTo("rest");
            assertThat(buf.isReadable()).isFalse();
        });
    }

    @Test
    void nulBytes() {
        withBuffer(Wire.bytes().u8(1, 2, 0, 3).array(), buf -> {
            assertThat(WireFormat.readNulBytes(buf)).containsExactly(1, 2);
            assertThat(WireFormat.readNulBytes(buf)).containsExactly(3);
            assertThat(buf.isReadable()).isFalse();
        });
    }

    @Test
    void writeNulStringAppendsTerminator() {
        ByteBuf buf = Unpooled.buffer();
        try {
            WireFormat.writeNulString(buf, "ab");
            assertThat(bytesOf(buf)).containsExactly('a', 'b', 0);
        } finally {
            buf.release();
        }
    }

    @Test
    void restOfPacket() {
        withBuffer(Wire.bytes().u8(7).raw("tail text").array(), buf -> {
            buf.skipBytes(1);
            assertThat(WireFormat.readRestString(buf, StandardCharsets.UTF_8)).isEqualTo("tail text");
            assertThat(buf.isReadable()).isFalse();
        });
        withBuffer(new byte[] {1, 2, 3}, buf -> {
            assertThat(WireFormat.readRestBytes(buf)).containsExactly(1, 2, 3);
            assertThat(WireFormat.readRestBytes(buf)).isEmpty();
        });
    }

    @Test
    void requireReadableNamesWhatIsMissing() {
        withBuffer(new byte[] {1}, buf ->
                assertThatThrownBy(() -> WireFormat.requireReadable(buf, 4, "statement id"))
                        .isInstanceOf(MalformedPacketException.class)
                        .hasMessage("statement id needs 4 bytes but the packet has 1 left"));
    }

    static void withBuffer(byte[] bytes, Consumer<ByteBuf> body) {
        ByteBuf buf = Unpooled.buffer(bytes.length).writeBytes(bytes);
        try {
            body.accept(buf);
        } finally {
            buf.release();
        }
        assertThat(buf.refCnt()).isZero();
    }

    static byte[] bytesOf(ByteBuf buf) {
        byte[] result = new byte[buf.readableBytes()];
        buf.getBytes(buf.readerIndex(), result);
        return result;
    }
}
