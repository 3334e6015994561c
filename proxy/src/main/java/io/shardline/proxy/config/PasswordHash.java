package io.shardline.proxy.config;

import io.shardline.proxy.protocol.auth.NativePassword;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A stored password, never the password itself. Two forms:
 * <ul>
 *   <li>{@code *} + 40 hex digits: SHA1(SHA1(password)), exactly what MySQL/MariaDB store for
 *       mysql_native_password (and what {@code SELECT PASSWORD('...')} prints). Serves both plugins.</li>
 *   <li>{@code pbkdf2-sha256:<iterations>:<salt>:<hash>} (base64): salted and slow, safer at rest; serves
 *       caching_sha2_password only, whose full authentication sends the password itself over TLS or RSA.</li>
 * </ul>
 */
public sealed interface PasswordHash {

    /** Whether the mysql_native_password challenge can be checked against this hash. */
    boolean supportsNative();

    /** Checks a clear-text password (from caching_sha2_password full authentication). */
    boolean matches(byte[] password);

    /** The hash as users[].password writes it. */
    String text();

    /** Upper bound on PBKDF2 iterations: a login verifies on an I/O thread and must not stall it for long. */
    int MAX_ITERATIONS = 1_000_000;

    static PasswordHash parse(String text) {
        String value = text.trim();
        try {
            if (value.startsWith("*") && value.length() == 41) {
                return new NativeHash(HexFormat.of().parseHex(value.substring(1).toLowerCase(Locale.ROOT)));
            }
            if (value.startsWith("pbkdf2-sha256:")) {
                return parsePbkdf2(value.split(":", -1));
            }
        } catch (IllegalArgumentException ex) {
            throw notAHash("malformed (" + ex.getMessage() + ")");
        }
        throw notAHash("not a password hash");
    }

    private static Pbkdf2Hash parsePbkdf2(String[] parts) {
        if (parts.length != 4) {
            throw new IllegalArgumentException("expected pbkdf2-sha256:<iterations>:<salt>:<hash>");
        }
        int iterations = Integer.parseInt(parts[1]);
        byte[] salt = Base64.getDecoder().decode(parts[2]);
        byte[] hash = Base64.getDecoder().decode(parts[3]);
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("iterations must be 1 to " + MAX_ITERATIONS + ", got " + iterations);
        }
        if (salt.length == 0 || hash.length == 0) {
            throw new IllegalArgumentException("salt and hash must not be empty");
        }
        return new Pbkdf2Hash(iterations, salt, hash);
    }

    private static IllegalArgumentException notAHash(String problem) {
        return new IllegalArgumentException(problem + "; generate one with 'bin/shardline hash-password'"
                + " ('*' + 40 hex digits as SELECT PASSWORD() prints, or pbkdf2-sha256:...)");
    }

    static NativeHash nativeHashOf(String password) {
        return new NativeHash(NativePassword.doubleHash(password));
    }

    static Pbkdf2Hash pbkdf2Of(String password) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        int iterations = 210_000;
        return new Pbkdf2Hash(iterations, salt, Pbkdf2Hash.derive(password.getBytes(StandardCharsets.UTF_8), salt,
                iterations));
    }

    /** SHA1(SHA1(password)). */
    record NativeHash(byte[] doubleSha1) implements PasswordHash {
        @Override
        public boolean supportsNative() {
            return true;
        }

        @Override
        public boolean matches(byte[] password) {
            MessageDigest sha1 = sha1();
            return MessageDigest.isEqual(sha1.digest(sha1.digest(password)), doubleSha1);
        }

        public String text() {
            return "*" + HexFormat.of().withUpperCase().formatHex(doubleSha1);
        }

        @Override
        public String toString() {
            return "NativeHash[REDACTED]";
        }

        private static MessageDigest sha1() {
            try {
                return MessageDigest.getInstance("SHA-1");
            } catch (GeneralSecurityException ex) {
                throw new IllegalStateException(ex);
            }
        }
    }

    /** PBKDF2-HMAC-SHA256. */
    record Pbkdf2Hash(int iterations, byte[] salt, byte[] hash) implements PasswordHash {
        @Override
        public boolean supportsNative() {
            return false;
        }

        @Override
        public boolean matches(byte[] password) {
            return MessageDigest.isEqual(derive(password, salt, iterations), hash);
        }

        public String text() {
            Base64.Encoder base64 = Base64.getEncoder();
            return "pbkdf2-sha256:" + iterations + ":" + base64.encodeToString(salt) + ":" + base64.encodeToString(hash);
        }

        static byte[] derive(byte[] password, byte[] salt, int iterations) {
            char[] chars = new String(password, StandardCharsets.UTF_8).toCharArray();
            try {
                SecretKeyFactory factory = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
                return factory.generateSecret(new PBEKeySpec(chars, salt, iterations, 256)).getEncoded();
            } catch (GeneralSecurityException ex) {
                throw new IllegalStateException("the JDK always provides PBKDF2WithHmacSHA256", ex);
            }
        }

        @Override
        public String toString() {
            return "Pbkdf2Hash[REDACTED]";
        }
    }
}
