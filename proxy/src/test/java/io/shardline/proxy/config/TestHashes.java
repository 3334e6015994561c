package io.shardline.proxy.config;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Test helper: pbkdf2 hashes with few iterations, derived independently of {@link PasswordHash}, so tests stay fast
 * (the production iteration count costs most of a second per check).
 */
public final class TestHashes {
    public static final int ITERATIONS = 1000;

    private TestHashes() {}

    public static PasswordHash.Pbkdf2Hash pbkdf2(String password) {
        byte[] salt = ("salt-of-" + password).getBytes(StandardCharsets.UTF_8);
        try {
            byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, ITERATIONS, 256)).getEncoded();
            return new PasswordHash.Pbkdf2Hash(ITERATIONS, salt, hash);
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** The configuration-file form: pbkdf2-sha256:iterations:salt:hash. */
    public static String pbkdf2Text(String password) {
        PasswordHash.Pbkdf2Hash hash = pbkdf2(password);
        Base64.Encoder base64 = Base64.getEncoder();
        return "pbkdf2-sha256:" + hash.iterations() + ":" + base64.encodeToString(hash.salt()) + ":"
                + base64.encodeToString(hash.hash());
    }
}
