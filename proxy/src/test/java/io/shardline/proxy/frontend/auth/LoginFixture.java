package io.shardline.proxy.frontend.auth;

import io.shardline.proxy.config.PasswordHash;
import io.shardline.proxy.config.UserSpec;
import io.shardline.proxy.protocol.auth.CachingSha2Password;
import io.shardline.proxy.protocol.auth.NativePassword;
import io.shardline.proxy.protocol.auth.Scrambles;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Test helper: users, an authenticator over them, and what a client computes for a challenge. */
final class LoginFixture {
    static final String HOST = "10.0.0.7";
    /** Generating a 2048-bit key takes a moment: one pair for all tests. */
    static final ServerKeys KEYS = ServerKeys.generate();

    final Map<String, UserSpec> users = new HashMap<>();
    final Authenticator authenticator;

    LoginFixture(String defaultPlugin) {
        authenticator = new Authenticator(users::get, defaultPlugin, KEYS);
    }

    UserSpec addUser(String name, PasswordHash hash, String plugin) {
        UserSpec user = new UserSpec(name, hash, plugin, List.of(), null);
        users.put(name, user);
        return user;
    }

    AuthExchange exchange(String user, boolean secureTransport) {
        return new AuthExchange(authenticator, user, HOST, Scrambles.next(), secureTransport);
    }

    static byte[] nativeAnswer(String password, byte[] scramble) {
        return NativePassword.scramble(bytes(password), scramble);
    }

    static byte[] sha2Answer(String password, byte[] scramble) {
        return CachingSha2Password.scramble(bytes(password), scramble);
    }

    /** The clear password as a client sends it over TLS: NUL-terminated. */
    static byte[] clearPassword(String password) {
        byte[] text = bytes(password);
        byte[] result = new byte[text.length + 1];
        System.arraycopy(text, 0, result, 0, text.length);
        return result;
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
