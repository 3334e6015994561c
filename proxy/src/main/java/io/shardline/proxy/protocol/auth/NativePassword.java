package io.shardline.proxy.protocol.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * mysql_native_password: the client proves knowledge of SHA1(password) against a server that stores only
 * SHA1(SHA1(password)). scramble = SHA1(password) XOR SHA1(seed + SHA1(SHA1(password))).
 */
public final class NativePassword {
    public static final String PLUGIN = "mysql_native_password";

    private NativePassword() {}

    /** The client's answer to {@code seed}; empty for an empty password. */
    public static byte[] scramble(byte[] password, byte[] seed) {
        if (password.length == 0) {
            return new byte[0];
        }
        MessageDigest sha1 = sha1();
        byte[] stage1 = sha1.digest(password);
        byte[] stage2 = sha1.digest(stage1);
        sha1.update(seed, 0, Math.min(seed.length, 20));
        sha1.update(stage2);
        return xor(stage1, sha1.digest());
    }

    /** SHA1(SHA1(password)): what a server stores (MySQL prints it as '*' and 40 upper-case hex digits). */
    public static byte[] doubleHash(String password) {
        MessageDigest sha1 = sha1();
        return sha1.digest(sha1.digest(password.getBytes(StandardCharsets.UTF_8)));
    }

    /** Checks a client's scramble against the stored double hash, in constant time. */
    public static boolean verify(byte[] response, byte[] seed, byte[] storedDoubleHash) {
        if (response.length != 20) {
            return false;
        }
        MessageDigest sha1 = sha1();
        sha1.update(seed, 0, Math.min(seed.length, 20));
        sha1.update(storedDoubleHash);
        byte[] candidateStage1 = xor(response, sha1.digest());
        return MessageDigest.isEqual(sha1.digest(candidateStage1), storedDoubleHash);
    }

    static byte[] xor(byte[] left, byte[] right) {
        byte[] result = new byte[left.length];
        for (int i = 0; i < left.length; i++) {
            result[i] = (byte) (left[i] ^ right[i % right.length]);
        }
        return result;
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("the JDK always provides SHA-1", ex);
        }
    }
}
