package io.shardline.proxy.protocol.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * caching_sha2_password. Fast path: scramble = SHA256(password) XOR SHA256(SHA256(SHA256(password)) + nonce),
 * checkable by a server that caches SHA256(SHA256(password)). Without that cache entry the server asks for full
 * authentication: the clear password over TLS, or RSA-encrypted with the server's public key.
 */
public final class CachingSha2Password {
    public static final String PLUGIN = "caching_sha2_password";
    /** AuthMoreData status bytes. */
    public static final byte FAST_AUTH_SUCCESS = 0x03;
    public static final byte PERFORM_FULL_AUTHENTICATION = 0x04;
    /** What a client sends to ask for the server's RSA public key. */
    public static final byte REQUEST_PUBLIC_KEY = 0x02;

    private CachingSha2Password() {}

    public static byte[] scramble(byte[] password, byte[] nonce) {
        if (password.length == 0) {
            return new byte[0];
        }
        MessageDigest sha256 = sha256();
        byte[] stage1 = sha256.digest(password);
        byte[] stage2 = sha256.digest(stage1);
        sha256.update(stage2);
        sha256.update(nonce, 0, Math.min(nonce.length, 20));
        return NativePassword.xor(stage1, sha256.digest());
    }

    /** SHA256(SHA256(password)): the entry the fast path checks against. */
    public static byte[] doubleHash(byte[] password) {
        MessageDigest sha256 = sha256();
        return sha256.digest(sha256.digest(password));
    }

    public static byte[] doubleHash(String password) {
        return doubleHash(password.getBytes(StandardCharsets.UTF_8));
    }

    /** Checks a fast-path scramble against a cached double hash, in constant time. */
    public static boolean verify(byte[] response, byte[] nonce, byte[] cachedDoubleHash) {
        if (response.length != 32) {
            return false;
        }
        MessageDigest sha256 = sha256();
        sha256.update(cachedDoubleHash);
        sha256.update(nonce, 0, Math.min(nonce.length, 20));
        byte[] candidateStage1 = NativePassword.xor(response, sha256.digest());
        return MessageDigest.isEqual(sha256.digest(candidateStage1), cachedDoubleHash);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("the JDK always provides SHA-256", ex);
        }
    }
}
