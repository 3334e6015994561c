package io.shardline.proxy.frontend.auth;

import io.shardline.proxy.config.PasswordHash;
import io.shardline.proxy.config.UserSpec;
import io.shardline.proxy.protocol.auth.CachingSha2Password;
import io.shardline.proxy.protocol.auth.NativePassword;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Shared login knowledge: the users (looked up through the current configuration, so edits apply to the next
 * login), the plugin each must use, the RSA keys, and caching_sha2_password's cache of SHA256(SHA256(password))
 * filled by full authentications. A cache entry is tied to the stored hash it was verified against, so changing
 * a user's password in the configuration invalidates it.
 */
public final class Authenticator {
    private record CacheEntry(PasswordHash verifiedAgainst, byte[] doubleSha256) {
    }

    private final Function<String, UserSpec> users;
    private final String defaultPlugin;
    private final ServerKeys keys;
    private final Map<String, CacheEntry> sha2Cache = new ConcurrentHashMap<>();

    public Authenticator(Function<String, UserSpec> users, String defaultPlugin, ServerKeys keys) {
        this.users = users;
        this.defaultPlugin = defaultPlugin;
        this.keys = keys;
    }

    /** A stand-in for a user that does not exist: a random password hash no client can match. */
    static UserSpec unknownUser(String name) {
        byte[] random = new byte[20];
        new java.security.SecureRandom().nextBytes(random);
        return new UserSpec(name, new io.shardline.proxy.config.PasswordHash.NativeHash(random), null,
                java.util.List.of(), null);
    }

    public String defaultPlugin() {
        return defaultPlugin;
    }

    UserSpec user(String name) {
        return users.apply(name);
    }

    ServerKeys keys() {
        return keys;
    }

    /** The plugin a user logs in with: their own setting, else the server default if their hash allows it. */
    String pluginFor(UserSpec user) {
        if (user.authPlugin() != null) {
            return user.authPlugin();
        }
        if (defaultPlugin.equals(NativePassword.PLUGIN) && !user.password().supportsNative()) {
            return CachingSha2Password.PLUGIN;
        }
        return defaultPlugin;
    }

    byte[] cachedSha2(UserSpec user) {
        CacheEntry entry = sha2Cache.get(user.name());
        return entry != null && entry.verifiedAgainst == user.password() ? entry.doubleSha256 : null;
    }

    void rememberSha2(UserSpec user, byte[] password) {
        sha2Cache.put(user.name(), new CacheEntry(user.password(), CachingSha2Password.doubleHash(password)));
    }
}
