package io.shardline.proxy.protocol.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CachingSha2PasswordTest {
    private static final byte[] NONCE = "ABCDEFGHIJKLMNOPQRST".getBytes(StandardCharsets.US_ASCII);

    @Test
    void doubleHashIsSha256OfSha256() throws Exception {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        byte[] expected = sha256.digest(sha256.digest("pässword".getBytes(StandardCharsets.UTF_8)));

        assertThat(CachingSha2Password.doubleHash("pässword")).isEqualTo(expected);
        assertThat(CachingSha2Password.doubleHash("pässword".getBytes(StandardCharsets.UTF_8))).isEqualTo(expected);
    }

    @Test
    void scrambleMatchesTheDocumentedFormula() throws Exception {
        byte[] password = "s3cr3t".getBytes(StandardCharsets.UTF_8);
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        byte[] stage1 = sha256.digest(password);
        byte[] stage2 = sha256.digest(stage1);
        sha256.update(stage2);
        byte[] mask = sha256.digest(NONCE);
        byte[] expected = new byte[32];
        for (int i = 0; i < 32; i++) {
            expected[i] = (byte) (stage1[i] ^ mask[i]);
        }

        assertThat(CachingSha2Password.scramble(password, NONCE)).isEqualTo(expected).hasSize(32);
    }

    @Test
    void nonceTerminatorIsIgnored() {
        byte[] password = "s3cr3t".getBytes(StandardCharsets.UTF_8);

        assertThat(CachingSha2Password.scramble(password, Arrays.copyOf(NONCE, 21)))
                .isEqualTo(CachingSha2Password.scramble(password, NONCE));
    }

    @Test
    void emptyPasswordScramblesToNothing() {
        assertThat(CachingSha2Password.scramble(new byte[0], NONCE)).isEmpty();
    }

    @Test
    void verifyAgainstTheCachedDoubleHash() {
        byte[] cached = CachingSha2Password.doubleHash("s3cr3t");

        assertThat(CachingSha2Password.verify(scramble("s3cr3t"), NONCE, cached)).isTrue();
        assertThat(CachingSha2Password.verify(scramble("wrong"), NONCE, cached)).isFalse();
        assertThat(CachingSha2Password.verify(Arrays.copyOf(scramble("s3cr3t"), 31), NONCE, cached)).isFalse();
        assertThat(CachingSha2Password.verify(new byte[0], NONCE, cached)).isFalse();
    }

    private static byte[] scramble(String password) {
        return CachingSha2Password.scramble(password.getBytes(StandardCharsets.UTF_8), NONCE);
    }
}
