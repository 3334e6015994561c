package io.shardline.proxy.frontend.auth;

import io.shardline.proxy.config.UserSpec;
import io.shardline.proxy.protocol.ErrPacket;
import io.shardline.proxy.protocol.MySqlError;
import io.shardline.proxy.protocol.auth.CachingSha2Password;
import io.shardline.proxy.protocol.auth.NativePassword;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * One login attempt, server side, as a small state machine with no I/O: the handler feeds it what the client
 * sent and writes the {@link AuthStep} it returns. Handles mysql_native_password, caching_sha2_password (fast
 * path from the cache, full authentication over TLS or RSA), and switching the client to the user's plugin.
 */
public final class AuthExchange {
    private enum State { STARTED, SWITCHED, FULL_AUTH, DONE }

    private final Authenticator authenticator;
    private final String userName;
    private final String clientHost;
    private final boolean secureTransport;
    private byte[] scramble;
    private State state = State.STARTED;
    private UserSpec user;
    private String plugin;

    public AuthExchange(Authenticator authenticator, String userName, String clientHost, byte[] scramble,
                        boolean secureTransport) {
        this.authenticator = authenticator;
        this.userName = userName;
        this.clientHost = clientHost;
        this.scramble = scramble;
        this.secureTransport = secureTransport;
    }

    /** The client's first answer: the plugin it used (null: none named) and its auth response. */
    public AuthStep start(String clientPlugin, byte[] response) {
        user = authenticator.user(userName);
        if (user == null) {
            // Go through the same exchange with a password nobody knows, so a client cannot learn which user
            // names exist from how far the conversation gets (MySQL does the same).
            user = Authenticator.unknownUser(userName);
        }
        plugin = authenticator.pluginFor(user);
        String used = clientPlugin == null ? NativePassword.PLUGIN : clientPlugin;
        if (!used.equals(plugin)) {
            // The switch carries the connection's own scramble, as MySQL does: some clients (Connector/J during
            // COM_CHANGE_USER) keep using the scramble they already have rather than the one in the request.
            state = State.SWITCHED;
            return new AuthStep.SwitchPlugin(plugin, scramble.clone());
        }
        return verify(response);
    }

    /** Every later packet the client sends during login. */
    public AuthStep next(byte[] data) {
        return switch (state) {
            case SWITCHED -> verify(data);
            case FULL_AUTH -> fullAuthentication(data);
            default -> done(new AuthStep.Failure(ErrPacket.of(MySqlError.ER_HANDSHAKE_ERROR,
                    "Bad handshake: unexpected packet during login")));
        };
    }

    private AuthStep verify(byte[] response) {
        if (response.length == 0) {
            return user.password().matches(new byte[0]) ? success(false) : denied(false);
        }
        if (plugin.equals(NativePassword.PLUGIN)) {
            boolean ok = user.password() instanceof io.shardline.proxy.config.PasswordHash.NativeHash stored
                    && NativePassword.verify(response, scramble, stored.doubleSha1());
            return ok ? success(false) : denied(true);
        }
        byte[] cached = authenticator.cachedSha2(user);
        if (cached != null && CachingSha2Password.verify(response, scramble, cached)) {
            return success(true);
        }
        // No cache entry, or a scramble that does not match it (some clients hash the NUL after the nonce): like
        // MySQL, ask for the password itself over TLS or RSA rather than refuse outright.
        state = State.FULL_AUTH;
        return new AuthStep.MoreData(new byte[] {CachingSha2Password.PERFORM_FULL_AUTHENTICATION});
    }

    // FULL_AUTH: clear password (TLS only) | public key request (0x02) | RSA-encrypted password.
    private AuthStep fullAuthentication(byte[] data) {
        if (data.length == 1 && data[0] == CachingSha2Password.REQUEST_PUBLIC_KEY) {
            return new AuthStep.MoreData(authenticator.keys().publicKeyPem());
        }
        byte[] password;
        if (secureTransport) {
            int end = data.length;
            while (end > 0 && data[end - 1] == 0) {
                end--;
            }
            password = Arrays.copyOf(data, end);
        } else {
            try {
                password = authenticator.keys().decrypt(data, scramble);
            } catch (GeneralSecurityException ex) {
                return denied(true);
            }
        }
        if (!user.password().matches(password)) {
            return denied(true);
        }
        authenticator.rememberSha2(user, password);
        return success(false);
    }

    private AuthStep success(boolean fastAuthByte) {
        return done(new AuthStep.Success(user, fastAuthByte));
    }

    private AuthStep denied(boolean usingPassword) {
        return done(new AuthStep.Failure(ErrPacket.of(MySqlError.ER_ACCESS_DENIED_ERROR, "Access denied for user '"
                + userName + "'@'" + clientHost + "' (using password: " + (usingPassword ? "YES" : "NO") + ")")));
    }

    private AuthStep done(AuthStep step) {
        state = State.DONE;
        return step;
    }

    /** The scramble of the latest challenge (changes after a plugin switch). */
    public byte[] scramble() {
        return scramble.clone();
    }
}
