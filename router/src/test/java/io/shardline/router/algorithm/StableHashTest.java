package io.shardline.router.algorithm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Expected values are literals computed outside the JDK (Python's zlib.crc32, which MySQL's CRC32() agrees with):
 * they pin the data layout, so a change that alters any of them moves existing rows to the wrong shard.
 */
class StableHashTest {

    @Test
    void knownCrc32CheckValues() {
        assertThat(StableHash.hash("")).isZero();
        assertThat(StableHash.hash(new byte[0])).isZero();
        assertThat(StableHash.hash("123456789")).isEqualTo(0xCBF43926L);
        assertThat(StableHash.hash("123456789".getBytes(StandardCharsets.US_ASCII))).isEqualTo(0xCBF43926L);
        assertThat(StableHash.hash("The quick brown fox jumps over the lazy dog")).isEqualTo(0x414FA339L);
    }

    @Test
    void integersHashAsTheirDecimalText() {
        long seven = 0x6ABF4A82L;

        assertThat(StableHash.hash("7")).isEqualTo(seven);
        assertThat(StableHash.hash(7)).isEqualTo(seven);
        assertThat(StableHash.hash(7L)).isEqualTo(seven);
        assertThat(StableHash.hash((short) 7)).isEqualTo(seven);
        assertThat(StableHash.hash((byte) 7)).isEqualTo(seven);
        assertThat(StableHash.hash(BigInteger.valueOf(7))).isEqualTo(seven);
        assertThat(StableHash.hash(new BigDecimal("7"))).isEqualTo(seven);
        assertThat(StableHash.hash(new BigDecimal("7.00"))).isEqualTo(seven);
        assertThat(StableHash.hash(new BigDecimal("0.7E1"))).isEqualTo(seven);
        assertThat(StableHash.hash(7.0)).isEqualTo(seven);
        assertThat(StableHash.hash(7.0f)).isEqualTo(seven);
    }

    @Test
    void negativeAndExtremeIntegers() {
        assertThat(StableHash.hash(-7)).isEqualTo(0xD94EED1FL);
        assertThat(StableHash.hash(new BigDecimal("-7.000"))).isEqualTo(0xD94EED1FL);
        assertThat(StableHash.hash(Long.MIN_VALUE)).isEqualTo(0xAB25130BL);
        assertThat(StableHash.hash(Long.MIN_VALUE)).isEqualTo(StableHash.hash(BigInteger.valueOf(Long.MIN_VALUE)));
        assertThat(StableHash.hash(1)).isEqualTo(0x83DCEFB7L);
        assertThat(StableHash.hash(0)).isEqualTo(0xF4DBDF21L);
        BigInteger huge = new BigInteger("123456789012345678901234567890");
        assertThat(StableHash.canonicalBytes(huge)).isEqualTo(bytes("123456789012345678901234567890"));
    }

    @Test
    void decimalsHashTheirPlainTextWithoutTrailingZeros() {
        assertThat(StableHash.hash(new BigDecimal("7.50"))).isEqualTo(0x83D1E708L);
        assertThat(StableHash.hash(new BigDecimal("7.5"))).isEqualTo(0x83D1E708L);
        assertThat(StableHash.canonicalBytes(new BigDecimal("0.00"))).isEqualTo(bytes("0"));
        assertThat(StableHash.canonicalBytes(new BigDecimal("7E+2"))).isEqualTo(bytes("700"));
        assertThat(StableHash.canonicalBytes(new BigDecimal("700.0"))).isEqualTo(bytes("700"));
        assertThat(StableHash.canonicalBytes(new BigDecimal("1E-7"))).isEqualTo(bytes("0.0000001"));
        assertThat(StableHash.canonicalBytes(new BigDecimal("-12.340"))).isEqualTo(bytes("-12.34"));
    }

    @Test
    void floatingPointOnlyWholeNumbers() {
        assertThat(StableHash.canonicalBytes(-0.0)).isEqualTo(bytes("0"));
        assertThat(StableHash.canonicalBytes(1e20)).isEqualTo(bytes("100000000000000000000"));
        assertThatThrownBy(() -> StableHash.hash(7.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("7.5")
                .hasMessageContaining("DECIMAL");
        assertThatThrownBy(() -> StableHash.hash(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StableHash.hash(Float.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void booleansHashLikeTinyint() {
        assertThat(StableHash.hash(true)).isEqualTo(StableHash.hash(1));
        assertThat(StableHash.hash(false)).isEqualTo(StableHash.hash(0));
    }

    @Test
    void stringsAreUtf8AndCaseSensitive() {
        assertThat(StableHash.hash("abc")).isEqualTo(0x352441C2L);
        assertThat(StableHash.hash("ABC")).isEqualTo(0xA3830348L);
        assertThat(StableHash.hash("abc ")).isNotEqualTo(StableHash.hash("abc"));
        assertThat(StableHash.hash(new StringBuilder("abc"))).isEqualTo(0x352441C2L);
    }

    @Test
    void nonAsciiStringsHashTheirUtf8Bytes() {
        assertThat(StableHash.canonicalBytes("é")).containsExactly(0xC3, 0xA9);
        assertThat(StableHash.hash("é")).isEqualTo(0x0E048D3EL);
        assertThat(StableHash.hash("日本語")).isEqualTo(0xA80B52E5L);
        assertThat(StableHash.hash("😀")).as("a character outside the BMP: 4 bytes").isEqualTo(0x054DB544L);
        assertThat(StableHash.hash(new byte[] {(byte) 0xC3, (byte) 0xA9})).isEqualTo(StableHash.hash("é"));
    }

    @Test
    void bytesAreHashedAsTheyAre() {
        byte[] value = {0, (byte) 0xFF, 0x10};
        byte[] canonical = StableHash.canonicalBytes(value);

        assertThat(canonical).isEqualTo(value).isNotSameAs(value);
    }

    @Test
    void datesAndTimesHashTheirMySqlText() {
        assertThat(StableHash.hash(LocalDate.of(2024, 2, 29))).isEqualTo(0xF8A8B86EL);
        assertThat(StableHash.hash(LocalDateTime.of(2024, 2, 29, 23, 59, 59))).isEqualTo(0xB3676275L);
        assertThat(StableHash.hash(LocalDateTime.of(2024, 2, 29, 23, 59, 59, 123_456_000))).isEqualTo(0x65E7F489L);
        assertThat(StableHash.hash(LocalTime.of(23, 59, 59, 500_000_000))).isEqualTo(0x0F79EEE5L);
    }

    @Test
    void fractionalSecondsOnlyWhenNotZeroAndWithoutTrailingZeros() {
        assertThat(StableHash.canonicalBytes(LocalDateTime.of(2024, 1, 2, 3, 4, 5)))
                .isEqualTo(bytes("2024-01-02 03:04:05"));
        assertThat(StableHash.canonicalBytes(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 120_000_000)))
                .isEqualTo(bytes("2024-01-02 03:04:05.12"));
        assertThat(StableHash.canonicalBytes(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 1_000)))
                .isEqualTo(bytes("2024-01-02 03:04:05.000001"));
        assertThat(StableHash.canonicalBytes(LocalDateTime.of(2024, 1, 2, 0, 0)))
                .isEqualTo(bytes("2024-01-02 00:00:00"));
        assertThat(StableHash.canonicalBytes(LocalTime.MIDNIGHT)).isEqualTo(bytes("00:00:00"));
        assertThat(StableHash.canonicalBytes(LocalDate.of(5, 6, 7))).isEqualTo(bytes("0005-06-07"));
        assertThat(StableHash.canonicalBytes(LocalDate.of(9999, 12, 31))).isEqualTo(bytes("9999-12-31"));
    }

    @Test
    void yearsOutsideMySqlRangeAreRefused() {
        assertThatThrownBy(() -> StableHash.hash(LocalDate.of(10_000, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0000 to 9999");
        assertThatThrownBy(() -> StableHash.hash(LocalDateTime.of(-1, 1, 1, 0, 0)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void otherTypesAreRefusedByName() {
        assertThatThrownBy(() -> StableHash.hash(UUID.randomUUID()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.util.UUID");
        assertThatThrownBy(() -> StableHash.hash(Instant.EPOCH)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StableHash.hash(OffsetDateTime.now())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StableHash.hash(new Object())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nullIsRefused() {
        assertThatThrownBy(() -> StableHash.hash(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("route NULL");
    }

    @Test
    void resultIsAnUnsigned32BitValue() {
        Random random = new Random(1);
        long highBitSeen = 0;
        for (int i = 0; i < 10_000; i++) {
            long hash = StableHash.hash(random.nextLong());
            assertThat(hash).isBetween(0L, 0xFFFF_FFFFL);
            highBitSeen |= hash & 0x8000_0000L;
        }
        assertThat(highBitSeen).as("values above 2^31 are returned positive, not sign-extended").isNotZero();
    }

    private static byte[] bytes(String ascii) {
        return ascii.getBytes(StandardCharsets.US_ASCII);
    }
}
