package io.shardline.proxy.protocol.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.Arrays;
import javax.crypto.Cipher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RsaPasswordCipherTest {
    private static final byte[] NONCE = "ABCDEFGHIJKLMNOPQRST".getBytes(StandardCharsets.US_ASCII);
    private static KeyPair keys;

    @BeforeAll
    static void generateKeys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
    }

    @Test
    void encryptThenDecrypt() throws GeneralSecurityException {
        byte[] password = "s3cr3t".getBytes(StandardCharsets.UTF_8);

        byte[] encrypted = RsaPasswordCipher.encrypt(password, NONCE, keys.getPublic());

        assertThat(encrypted).hasSize(256);
        assertThat(RsaPasswordCipher.decrypt(encrypted, NONCE, keys.getPrivate())).isEqualTo(password);
    }

    @Test
    void passwordLongerThanTheNonceWrapsTheXor() throws GeneralSecurityException {
        byte[] password = "a rather long passphrase, longer than twenty bytes".getBytes(StandardCharsets.UTF_8);

        byte[] encrypted = RsaPasswordCipher.encrypt(password, NONCE, keys.getPublic());

        assertThat(RsaPasswordCipher.decrypt(encrypted, NONCE, keys.getPrivate())).isEqualTo(password);
    }

    @Test
    void decryptsWhatAClientBuildsByTheDocumentedRecipe() throws GeneralSecurityException {
        byte[] plain = "s3cr3t\0".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < plain.length; i++) {
            plain[i] ^= NONCE[i % NONCE.length];
        }
        Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
        cipher.init(Cipher.ENCRYPT_MODE, keys.getPublic());

        byte[] decrypted = RsaPasswordCipher.decrypt(cipher.doFinal(plain), NONCE, keys.getPrivate());

        assertThat(new String(decrypted, StandardCharsets.UTF_8)).isEqualTo("s3cr3t");
    }

    @Test
    void wrongNonceGivesAnotherPassword() throws GeneralSecurityException {
        byte[] password = "s3cr3t".getBytes(StandardCharsets.UTF_8);
        byte[] encrypted = RsaPasswordCipher.encrypt(password, NONCE, keys.getPublic());
        byte[] otherNonce = Arrays.copyOf(NONCE, NONCE.length);
        otherNonce[0] ^= 1;

        assertThat(RsaPasswordCipher.decrypt(encrypted, otherNonce, keys.getPrivate())).isNotEqualTo(password);
    }

    @Test
    void garbageIsAnError() {
        assertThatThrownBy(() -> RsaPasswordCipher.decrypt(new byte[256], NONCE, keys.getPrivate()))
                .isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void pemHasTheStandardShapeAndParsesBack() throws GeneralSecurityException {
        String pem = RsaPasswordCipher.toPem(keys.getPublic());

        assertThat(pem).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("\n-----END PUBLIC KEY-----\n");
        assertThat(pem.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(64));
        PublicKey parsed = RsaPasswordCipher.parsePublicKey(pem.getBytes(StandardCharsets.US_ASCII));
        assertThat(parsed).isEqualTo(keys.getPublic());
    }

    @Test
    void pemWithWindowsLineEndingsParses() throws GeneralSecurityException {
        String pem = RsaPasswordCipher.toPem(keys.getPublic()).replace("\n", "\r\n");

        assertThat(RsaPasswordCipher.parsePublicKey(pem.getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(keys.getPublic());
    }

    @org.junit.jupiter.api.Test
    void legacyPkcs1PaddingIsDecryptedToo() throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        java.security.KeyPair pair = generator.generateKeyPair();
        byte[] nonce = "abcdefghijklmnopqrst".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] password = "pässwörd".getBytes(java.nio.charset.StandardCharsets.UTF_8);

        byte[] encrypted = RsaPasswordCipher.encryptLegacy(password, nonce, pair.getPublic());

        org.assertj.core.api.Assertions.assertThat(RsaPasswordCipher.decrypt(encrypted, nonce, pair.getPrivate()))
                .isEqualTo(password);
    }
}
