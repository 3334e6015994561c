package io.shardline.proxy.frontend.auth;

import io.shardline.proxy.protocol.auth.RsaPasswordCipher;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;

/** The RSA key pair clients use to send a password without TLS (caching_sha2_password full authentication). */
public final class ServerKeys {
    private final KeyPair keyPair;
    private final byte[] publicKeyPem;

    private ServerKeys(KeyPair keyPair) {
        this.keyPair = keyPair;
        this.publicKeyPem = RsaPasswordCipher.toPem(keyPair.getPublic()).getBytes(StandardCharsets.US_ASCII);
    }

    /** A fresh 2048-bit pair, as MySQL generates when none is configured. */
    public static ServerKeys generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return new ServerKeys(generator.generateKeyPair());
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("the JDK always provides RSA", ex);
        }
    }

    public byte[] publicKeyPem() {
        return publicKeyPem.clone();
    }

    public byte[] decrypt(byte[] encrypted, byte[] nonce) throws GeneralSecurityException {
        return RsaPasswordCipher.decrypt(encrypted, nonce, keyPair.getPrivate());
    }
}
