package io.shardline.proxy.tls;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.shardline.proxy.config.TlsSettings;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.SSLException;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** The TLS context clients upgrade to: from configured PEM files, or a self-signed certificate made at start. */
public final class ServerTls {
    private ServerTls() {}

    /** Returns null when TLS is disabled. */
    public static SslContext create(TlsSettings settings) throws SSLException {
        return switch (settings.mode()) {
            case DISABLED -> null;
            case FILES -> SslContextBuilder.forServer(settings.certificate().toFile(), settings.privateKey().toFile())
                    .build();
            case SELF_SIGNED -> selfSigned();
        };
    }

    private static SslContext selfSigned() throws SSLException {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Instant now = Instant.now();
            X500Name subject = new X500Name("CN=Shardline self-signed");
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(3650))), subject, pair.getPublic());
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
            return SslContextBuilder.forServer(pair.getPrivate(), certificate).build();
        } catch (GeneralSecurityException | OperatorCreationException ex) {
            throw new SSLException("cannot generate a self-signed certificate: " + ex.getMessage(), ex);
        }
    }
}
