package io.shardline.proxy.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The client accounts in force, replaced whole by a configuration reload. Logins look users up here (one volatile
 * read); sessions already logged in keep running under the account they logged in with.
 */
public final class LiveUsers implements Function<String, UserSpec> {
    private volatile Map<String, UserSpec> byName;

    public LiveUsers(List<UserSpec> users) {
        replace(users);
    }

    @Override
    public UserSpec apply(String name) {
        return byName.get(name);
    }

    public List<UserSpec> all() {
        return List.copyOf(byName.values());
    }

    public void replace(List<UserSpec> users) {
        Map<String, UserSpec> result = new LinkedHashMap<>();
        users.forEach(each -> result.put(each.name(), each));
        byName = java.util.Collections.unmodifiableMap(result);
    }

    /**
     * What decides a login and its limits, as comparable text (the password by its hash text, the host lists by
     * their blocks): two accounts with equal fingerprints admit the same logins.
     */
    public static String fingerprint(UserSpec user) {
        return user.name() + "|" + user.password().text() + "|" + user.authPlugin() + "|" + user.schemas() + "|"
                + user.defaultSchema() + "|" + user.access().hosts().blocks() + "|" + user.access().maxConnections()
                + "|" + user.access().requireTls();
    }
}
