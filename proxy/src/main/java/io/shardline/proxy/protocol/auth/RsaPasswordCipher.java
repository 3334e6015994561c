package io.shardline.proxy.protocol.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;

/**
 * The RSA leg of caching_sha2_password full authentication: the client XORs the NUL-terminated password with the
 * nonce and encrypts it. Clients pad with OAEP when the server says MySQL 8.0.5 or later, and with PKCS#1 v1.5
 * otherwise (Connector/J decides by the greeting's version), so decryption accepts both.
 */
public final class RsaPasswordCipher {
    private static final String TRANSFORMATION = "RSA/ECB/OAEPWithSHA-1AndMGF1Padding";
    private static final String LEGACY_TRANSFORMATION = "RSA/ECB/PKCS1Padding";

    private RsaPasswordCipher() {}

    public static byte[] encrypt(byte[] password, byte[] nonce, PublicKey key) throws GeneralSecurityException {
        byte[] plain = Arrays.copyOf(password, password.length + 1);
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(Cipher.ENCRYPT_MODE, key);
        return cipher.doFinal(NativePassword.xor(plain, nonce));
    }

    /** Returns the password bytes without the NUL terminator. */
    public static byte[] decrypt(byte[] encrypted, byte[] nonce, PrivateKey key) throws GeneralSecurityException {
        byte[] padded;
        try {
            padded = decrypt(encrypted, key, TRANSFORMATION);
        } catch (GeneralSecurityException oaepFailed) {
            padded = decrypt(encrypted, key, LEGACY_TRANSFORMATION);
        }
        byte[] plain = NativePassword.xor(padded, nonce);
        int end = plain.length;
        while (end > 0 && plain[end - 1] == 0) {
            end--;
        }
        return Arrays.copyOf(plain, end);
    }

    private static byte[] decrypt(byte[] encrypted, PrivateKey key, String transformation)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(transformation);
        cipher.init(Cipher.DECRYPT_MODE, key);
        return cipher.doFinal(encrypted);
    }

    /** Encrypts as an older client does (PKCS#1 v1.5 padding); for tests of the legacy path. */
    public static byte[] encryptLegacy(byte[] password, byte[] nonce, PublicKey key) throws GeneralSecurityException {
        byte[] plain = Arrays.copyOf(password, password.length + 1);
        Cipher cipher = Cipher.getInstance(LEGACY_TRANSFORMATION);
        cipher.init(Cipher.ENCRYPT_MODE, key);
        return cipher.doFinal(NativePassword.xor(plain, nonce));
    }

    /** Parses a PEM "PUBLIC KEY" block as the server sends it. */
    public static PublicKey parsePublicKey(byte[] pem) throws GeneralSecurityException {
        String text = new String(pem, StandardCharsets.US_ASCII)
                .replace("-----BEGIN PUBLIC KEY-----", "")
                .replace("-----END PUBLIC KEY-----", "")
                .replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(text)));
    }

    public static String toPem(PublicKey key) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
    }
}
