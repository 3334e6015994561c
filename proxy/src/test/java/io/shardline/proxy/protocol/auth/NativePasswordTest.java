package io.shardline.proxy.protocol.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NativePasswordTest {
    private static final byte[] SEED = "0123456789abcdefghij".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest(name = "PASSWORD(''{0}'')")
    @CsvSource({
            "demo, C142FB215B6E05B7C134B1A653AD4B455157FD79",
            "password, 2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19",
    })
    void doubleHashIsWhatMySqlPasswordPrints(String password, String hex) {
        assertThat(HexFormat.of().withUpperCase().formatHex(NativePassword.doubleHash(password))).isEqualTo(hex);
    }

    @Test
    void scrambleMatchesTheDocumentedFormula() throws Exception {
        byte[] password = "s3cr3t".getBytes(StandardCharsets.UTF_8);
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        byte[] stage1 = sha1.digest(password);
        byte[] stage2 = sha1.digest(stage1);
        sha1.update(SEED);
        byte[] mask = sha1.digest(stage2);
        byte[] expected = new byte[20];
        for (int i = 0; i < 20; i++) {
            expected[i] = (byte) (stage1[i] ^ mask[i]);
        }

        assertThat(NativePassword.scramble(password, SEED)).isEqualTo(expected);
    }

    @Test
    void onlyTheFirstTwentySeedBytesCount() {
        byte[] password = "s3cr3t".getBytes(StandardCharsets.UTF_8);
        byte[] seedWithTerminator = Arrays.copyOf(SEED, 21);

        assertThat(NativePassword.scramble(password, seedWithTerminator))
                .isEqualTo(NativePassword.scramble(password, SEED));
    }

    @Test
    void emptyPasswordScramblesToNothing() {
        assertThat(NativePassword.scramble(new byte[0], SEED)).isEmpty();
    }

    @Test
    void verifyAcceptsTheRightPasswordOnly() {
        byte[] stored = NativePassword.doubleHash("s3cr3t");

        assertThat(NativePassword.verify(NativePassword.scramble(bytes("s3cr3t"), SEED), SEED, stored)).isTrue();
        assertThat(NativePassword.verify(NativePassword.scramble(bytes("s3cr3T"), SEED), SEED, stored)).isFalse();
        assertThat(NativePassword.verify(NativePassword.scramble(bytes("s3cr3t"), "another-seed-of-20-b".getBytes(
                StandardCharsets.US_ASCII)), SEED, stored)).as("scramble for another seed").isFalse();
    }

    @Test
    void verifyRefusesResponsesOfTheWrongLength() {
        byte[] stored = NativePassword.doubleHash("s3cr3t");
        byte[] good = NativePassword.scramble(bytes("s3cr3t"), SEED);

        assertThat(NativePassword.verify(new byte[0], SEED, stored)).isFalse();
        assertThat(NativePassword.verify(Arrays.copyOf(good, 19), SEED, stored)).isFalse();
        assertThat(NativePassword.verify(Arrays.copyOf(good, 21), SEED, stored)).isFalse();
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
