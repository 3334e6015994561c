package io.shardline.proxy.frontend.auth;

import static io.shardline.proxy.frontend.auth.LoginFixture.clearPassword;
import static io.shardline.proxy.frontend.auth.LoginFixture.nativeAnswer;
import static io.shardline.proxy.frontend.auth.LoginFixture.sha2Answer;
import static io.shardline.proxy.frontend.auth.NativeLoginTest.assertDenied;
import static org.assertj.core.api.Assertions.assertThat;

import io.shardline.proxy.config.PasswordHash;
import io.shardline.proxy.config.TestHashes;
import io.shardline.proxy.config.UserSpec;
import io.shardline.proxy.protocol.auth.CachingSha2Password;
import io.shardline.proxy.protocol.auth.NativePassword;
import io.shardline.proxy.protocol.auth.RsaPasswordCipher;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import org.junit.jupiter.api.Test;

/** caching_sha2_password: full authentication over TLS or RSA, the fast path from the cache, switches. */
class CachingSha2LoginTest {
    private static final byte[] FULL_AUTH = {CachingSha2Password.PERFORM_FULL_AUTHENTICATION};

    private final LoginFixture fixture = new LoginFixture(NativePassword.PLUGIN);
    private final UserSpec carol = fixture.addUser("carol", PasswordHash.nativeHashOf("s3cr3t"),
            CachingSha2Password.PLUGIN);

    @Test
    void firstLoginOverTlsAsksForTheClearPassword() {
        AuthExchange exchange = fixture.exchange("carol", true);

        AuthStep first = exchange.start(CachingSha2Password.PLUGIN, sha2Answer("s3cr3t", exchange.scramble()));

        assertThat(first).isInstanceOfSatisfying(AuthStep.MoreData.class, more ->
                assertThat(more.data()).isEqualTo(FULL_AUTH));
        assertThat(exchange.next(clearPassword("s3cr3t"))).isEqualTo(new AuthStep.Success(carol, false));
    }

    @Test
    void secondLoginUsesTheCacheAndAnnouncesFastAuth() {
        loginOverTls("carol", "s3cr3t");
        AuthExchange second = fixture.exchange("carol", false);

        AuthStep step = second.start(CachingSha2Password.PLUGIN, sha2Answer("s3cr3t", second.scramble()));

        assertThat(step).isEqualTo(new AuthStep.Success(carol, true));
    }

    /**
     * A scramble that does not match the cache (a wrong password, or a client that hashed the NUL after the nonce)
     * falls back to full authentication, as MySQL does; the wrong password is then denied there.
     */
    @Test
    void cachedUserWithAMismatchingScrambleFallsBackToFullAuthentication() {
        loginOverTls("carol", "s3cr3t");
        AuthExchange second = fixture.exchange("carol", true);

        AuthStep step = second.start(CachingSha2Password.PLUGIN, sha2Answer("wrong", second.scramble()));

        assertThat(step).isInstanceOfSatisfying(AuthStep.MoreData.class, more ->
                assertThat(more.data()).containsExactly(CachingSha2Password.PERFORM_FULL_AUTHENTICATION));
        assertDenied(second.next(clearPassword("wrong")), "carol", "YES");
    }

    @Test
    void clientHashingTheNulAfterTheNonceStillLogsIn() throws Exception {
        loginOverTls("carol", "s3cr3t");
        AuthExchange second = fixture.exchange("carol", true);
        byte[] nonceWithNul = java.util.Arrays.copyOf(second.scramble(), 21);

        AuthStep step = second.start(CachingSha2Password.PLUGIN, sha2AnswerOverWholeNonce("s3cr3t", nonceWithNul));

        assertThat(step).isInstanceOf(AuthStep.MoreData.class);
        assertThat(second.next(clearPassword("s3cr3t"))).isEqualTo(new AuthStep.Success(carol, false));
    }

    @Test
    void wrongClearPasswordIsDeniedAndNotCached() {
        AuthExchange exchange = fixture.exchange("carol", true);
        exchange.start(CachingSha2Password.PLUGIN, sha2Answer("wrong", exchange.scramble()));

        assertDenied(exchange.next(clearPassword("wrong")), "carol", "YES");
        AuthExchange again = fixture.exchange("carol", false);
        assertThat(again.start(CachingSha2Password.PLUGIN, sha2Answer("wrong", again.scramble())))
                .isInstanceOf(AuthStep.MoreData.class);
    }

    @Test
    void withoutTlsTheClientFetchesThePublicKeyAndSendsTheEncryptedPassword() throws GeneralSecurityException {
        AuthExchange exchange = fixture.exchange("carol", false);
        assertThat(exchange.start(CachingSha2Password.PLUGIN, sha2Answer("s3cr3t", exchange.scramble())))
                .isInstanceOf(AuthStep.MoreData.class);

        AuthStep keyStep = exchange.next(new byte[] {CachingSha2Password.REQUEST_PUBLIC_KEY});

        byte[] pem = ((AuthStep.MoreData) keyStep).data();
        assertThat(new String(pem, StandardCharsets.US_ASCII)).startsWith("-----BEGIN PUBLIC KEY-----");
        PublicKey key = RsaPasswordCipher.parsePublicKey(pem);
        byte[] encrypted = RsaPasswordCipher.encrypt(LoginFixture.bytes("s3cr3t"), exchange.scramble(), key);
        assertThat(exchange.next(encrypted)).isEqualTo(new AuthStep.Success(carol, false));
    }

    @Test
    void withoutTlsAClearPasswordIsNotAccepted() {
        AuthExchange exchange = fixture.exchange("carol", false);
        exchange.start(CachingSha2Password.PLUGIN, sha2Answer("s3cr3t", exchange.scramble()));

        assertDenied(exchange.next(clearPassword("s3cr3t")), "carol", "YES");
    }

    @Test
    void withoutTlsAWrongEncryptedPasswordIsDenied() throws GeneralSecurityException {
        AuthExchange exchange = fixture.exchange("carol", false);
        exchange.start(CachingSha2Password.PLUGIN, sha2Answer("wrong", exchange.scramble()));
        PublicKey key = RsaPasswordCipher.parsePublicKey(LoginFixture.KEYS.publicKeyPem());

        assertDenied(exchange.next(RsaPasswordCipher.encrypt(LoginFixture.bytes("wrong"), exchange.scramble(), key)),
                "carol", "YES");
    }

    @Test
    void nativeClientIsSwitchedToCachingSha2() {
        AuthExchange exchange = fixture.exchange("carol", true);

        AuthStep step = exchange.start(NativePassword.PLUGIN, nativeAnswer("s3cr3t", exchange.scramble()));

        assertThat(step).isInstanceOfSatisfying(AuthStep.SwitchPlugin.class, change ->
                assertThat(change.plugin()).isEqualTo(CachingSha2Password.PLUGIN));
        assertThat(exchange.next(sha2Answer("s3cr3t", exchange.scramble()))).isInstanceOf(AuthStep.MoreData.class);
        assertThat(exchange.next(clearPassword("s3cr3t"))).isEqualTo(new AuthStep.Success(carol, false));
    }

    @Test
    void pbkdf2UserWithANativeClientIsSwitchedToCachingSha2() {
        UserSpec dave = fixture.addUser("dave", TestHashes.pbkdf2("hunter2"), null);
        AuthExchange exchange = fixture.exchange("dave", true);

        AuthStep step = exchange.start(NativePassword.PLUGIN, nativeAnswer("hunter2", exchange.scramble()));

        assertThat(step).isInstanceOfSatisfying(AuthStep.SwitchPlugin.class, change ->
                assertThat(change.plugin()).isEqualTo(CachingSha2Password.PLUGIN));
        assertThat(exchange.next(sha2Answer("hunter2", exchange.scramble()))).isInstanceOf(AuthStep.MoreData.class);
        assertThat(exchange.next(clearPassword("hunter2"))).isEqualTo(new AuthStep.Success(dave, false));
    }

    @Test
    void nativeHashUserFollowsACachingSha2Default() {
        LoginFixture sha2Default = new LoginFixture(CachingSha2Password.PLUGIN);
        UserSpec erin = sha2Default.addUser("erin", PasswordHash.nativeHashOf("pw"), null);

        assertThat(sha2Default.authenticator.pluginFor(erin)).isEqualTo(CachingSha2Password.PLUGIN);
        assertThat(fixture.authenticator.pluginFor(fixture.addUser("frank", PasswordHash.nativeHashOf("pw"), null)))
                .isEqualTo(NativePassword.PLUGIN);
    }

    @Test
    void newPasswordHashInvalidatesTheCache() {
        loginOverTls("carol", "s3cr3t");
        UserSpec changed = fixture.addUser("carol", PasswordHash.nativeHashOf("n3w"), CachingSha2Password.PLUGIN);

        AuthExchange oldPassword = fixture.exchange("carol", false);
        assertThat(oldPassword.start(CachingSha2Password.PLUGIN, sha2Answer("s3cr3t", oldPassword.scramble())))
                .as("the old password's cache entry must not let it in")
                .isInstanceOfSatisfying(AuthStep.MoreData.class, more -> assertThat(more.data()).isEqualTo(FULL_AUTH));

        AuthExchange newPassword = fixture.exchange("carol", true);
        newPassword.start(CachingSha2Password.PLUGIN, sha2Answer("n3w", newPassword.scramble()));
        assertThat(newPassword.next(clearPassword("n3w"))).isEqualTo(new AuthStep.Success(changed, false));
    }

    @Test
    void cacheEntryIsPerUser() {
        loginOverTls("carol", "s3cr3t");
        fixture.addUser("dan", PasswordHash.nativeHashOf("s3cr3t"), CachingSha2Password.PLUGIN);
        AuthExchange dan = fixture.exchange("dan", false);

        assertThat(dan.start(CachingSha2Password.PLUGIN, sha2Answer("s3cr3t", dan.scramble())))
                .isInstanceOf(AuthStep.MoreData.class);
    }

    private void loginOverTls(String user, String password) {
        AuthExchange exchange = fixture.exchange(user, true);
        AuthStep first = exchange.start(CachingSha2Password.PLUGIN, sha2Answer(password, exchange.scramble()));
        assertThat(first).isInstanceOf(AuthStep.MoreData.class);
        assertThat(exchange.next(clearPassword(password))).isInstanceOf(AuthStep.Success.class);
    }

    /** What PyMySQL and go-sql-driver compute: the hash over every nonce byte they were given, NUL included. */
    private static byte[] sha2AnswerOverWholeNonce(String password, byte[] nonce) throws Exception {
        java.security.MessageDigest sha256 = java.security.MessageDigest.getInstance("SHA-256");
        byte[] stage1 = sha256.digest(LoginFixture.bytes(password));
        byte[] stage2 = sha256.digest(stage1);
        sha256.update(stage2);
        sha256.update(nonce);
        byte[] mask = sha256.digest();
        byte[] result = new byte[stage1.length];
        for (int i = 0; i < result.length; i++) {
            result[i] = (byte) (stage1[i] ^ mask[i]);
        }
        return result;
    }
}
