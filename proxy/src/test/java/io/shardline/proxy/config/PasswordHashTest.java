package io.shardline.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordHashTest {
    /** MariaDB: SELECT PASSWORD('demo'). */
    private static final String DEMO = "*C142FB215B6E05B7C134B1A653AD4B455157FD79";

    @Test
    void nativeHashFromMariaDbsPasswordFunction() {
        PasswordHash hash = PasswordHash.parse(DEMO);

        assertThat(hash).isInstanceOf(PasswordHash.NativeHash.class);
        assertThat(hash.supportsNative()).isTrue();
        assertThat(hash.matches(bytes("demo"))).isTrue();
        assertThat(hash.matches(bytes("Demo"))).isFalse();
        assertThat(hash.matches(new byte[0])).isFalse();
        assertThat(((PasswordHash.NativeHash) hash).text()).isEqualTo(DEMO);
    }

    @Test
    void nativeHashIsCaseInsensitiveAndTrimmed() {
        PasswordHash hash = PasswordHash.parse("  " + DEMO.toLowerCase() + "\n");

        assertThat(hash.matches(bytes("demo"))).isTrue();
    }

    @Test
    void nativeHashOfComputesTheSameAsMySql() {
        assertThat(PasswordHash.nativeHashOf("demo").text()).isEqualTo(DEMO);
    }

    @Test
    void pbkdf2HashVerifiesAgainstAnIndependentDerivation() throws Exception {
        byte[] salt = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        byte[] derived = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec("hunter2".toCharArray(), salt, 1000, 256)).getEncoded();
        String text = "pbkdf2-sha256:1000:" + Base64.getEncoder().encodeToString(salt) + ":"
                + Base64.getEncoder().encodeToString(derived);

        PasswordHash hash = PasswordHash.parse(text);

        assertThat(hash).isInstanceOf(PasswordHash.Pbkdf2Hash.class);
        assertThat(hash.supportsNative()).isFalse();
        assertThat(hash.matches(bytes("hunter2"))).isTrue();
        assertThat(hash.matches(bytes("hunter3"))).isFalse();
        assertThat(((PasswordHash.Pbkdf2Hash) hash).text()).isEqualTo(text);
    }

    @Test
    void pbkdf2OfMakesASlowSaltedHashThatRoundTripsThroughItsText() {
        PasswordHash.Pbkdf2Hash made = PasswordHash.pbkdf2Of("correct horse");

        PasswordHash.Pbkdf2Hash parsed = (PasswordHash.Pbkdf2Hash) PasswordHash.parse(made.text());

        assertThat(made.iterations()).isGreaterThanOrEqualTo(100_000);
        assertThat(made.salt()).hasSize(16);
        assertThat(parsed.iterations()).isEqualTo(made.iterations());
        assertThat(parsed.salt()).isEqualTo(made.salt());
        assertThat(parsed.hash()).isEqualTo(made.hash());
        assertThat(parsed.matches(bytes("correct horse"))).isTrue();
    }

    @Test
    void pbkdf2TextRoundTrip() {
        PasswordHash.Pbkdf2Hash made = TestHashes.pbkdf2("correct horse");

        PasswordHash parsed = PasswordHash.parse(made.text());

        assertThat(parsed.matches(bytes("correct horse"))).isTrue();
        assertThat(parsed.matches(bytes("correct horse "))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo", "", "*C142FB", "C142FB215B6E05B7C134B1A653AD4B455157FD79",
            "pbkdf2-sha256:1000:c2FsdA==", "sha256:1000:c2FsdA==:aGFzaA=="})
    void notAHashSaysHowToMakeOne(String text) {
        assertThatThrownBy(() -> PasswordHash.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hash-password");
    }

    @ParameterizedTest
    @ValueSource(strings = {"*ZZ42FB215B6E05B7C134B1A653AD4B455157FD79", "pbkdf2-sha256:many:c2FsdA==:aGFzaA==",
            "pbkdf2-sha256:1000:not base64!:aGFzaA=="})
    void malformedHashOfAKnownFormSaysHowToMakeOne(String text) {
        assertThatThrownBy(() -> PasswordHash.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hash-password");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pbkdf2-sha256:0:c2FsdA==:aGFzaA==", "pbkdf2-sha256:-5:c2FsdA==:aGFzaA==",
            "pbkdf2-sha256:1000::aGFzaA=="})
    void pbkdf2HashThatCanNeverVerifyIsRefusedAtParse(String text) {
        // Accepting it would only fail later, at a client's login, with an unexpected exception.
        assertThatThrownBy(() -> PasswordHash.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringNeverShowsTheHash() {
        PasswordHash.NativeHash nativeHash = PasswordHash.nativeHashOf("demo");
        PasswordHash.Pbkdf2Hash pbkdf2 = TestHashes.pbkdf2("demo");

        assertThat(nativeHash.toString()).doesNotContain("C142FB").doesNotContain("c142fb").contains("REDACTED");
        assertThat(pbkdf2.toString()).doesNotContain(pbkdf2.text().split(":")[2])
                .doesNotContain(pbkdf2.text().split(":")[3]).contains("REDACTED");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
