package io.shardline.proxy.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Reads one entry of 'datasources:'. */
final class DataSourceReader {
    private DataSourceReader() {}

    static DataSourceSpec read(String name, YamlSection section) {
        Endpoint primary = endpoint(section, "primary", name);
        List<ReplicaSpec> replicas = new ArrayList<>();
        for (YamlSection each : section.sectionList("replicas")) {
            Endpoint address = endpoint(each, "address", name);
            int weight = each.integer("weight", 1, 0, 1000);
            each.rejectUnknownKeys();
            if (address != null) {
                replicas.add(new ReplicaSpec(address, weight));
            }
        }
        String user = section.requiredString("user", "the account the proxy logs into the servers with");
        String password = password(section, name);
        boolean tls = section.bool("tls", false);
        PoolSettings pool = pool(section.section("pool"));
        ReadWriteSettings readWrite = readWrite(section);
        section.rejectUnknownKeys();
        return new DataSourceSpec(name, primary, List.copyOf(replicas), user, password, tls, pool, readWrite);
    }

    private static Endpoint endpoint(YamlSection section, String key, String source) {
        String text = section.requiredString(key, "host:port of the server, e.g. 127.0.0.1:3306");
        if (text == null) {
            return null;
        }
        try {
            return Endpoint.parse(text);
        } catch (IllegalArgumentException ex) {
            section.problem(section.valueNode(key), "datasources." + source + "." + key + ": " + ex.getMessage());
            return null;
        }
    }

    /** The backend password, inline or from an environment variable (password-env) to keep it out of files. */
    private static String password(YamlSection section, String source) {
        String variable = section.string("password-env", null);
        if (variable != null) {
            String value = System.getenv(variable);
            if (value == null) {
                section.problem(section.valueNode("password-env"), "datasources." + source
                        + ".password-env names " + variable + ", which is not set in the environment");
            }
            return value;
        }
        return section.string("password", "");
    }

    private static ReadWriteSettings readWrite(YamlSection section) {
        ReadWriteSettings defaults = ReadWriteSettings.DEFAULTS;
        return new ReadWriteSettings(
                choice(section, "load-balance", ReadWriteSettings.LoadBalance.class, defaults.loadBalance()),
                section.duration("max-replica-lag", defaults.maxReplicaLag()),
                choice(section, "session-consistency", ReadWriteSettings.Consistency.class, defaults.consistency()),
                section.duration("write-window", defaults.writeWindow()),
                choice(section, "replica-fallback", ReadWriteSettings.Fallback.class, defaults.fallback()),
                section.bool("follow-read-only", defaults.followReadOnly()));
    }

    /** An enum setting written in lower case with dashes (weighted-round-robin). */
    private static <E extends Enum<E>> E choice(YamlSection section, String key, Class<E> type, E defaultValue) {
        String text = section.string(key, null);
        if (text == null) {
            return defaultValue;
        }
        String constant = text.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        for (E each : type.getEnumConstants()) {
            if (each.name().equals(constant)) {
                return each;
            }
        }
        List<String> allowed = new ArrayList<>();
        for (E each : type.getEnumConstants()) {
            allowed.add(each.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        }
        section.problem(section.valueNode(key), section.qualified(key) + " '" + text + "' is not one of " + allowed);
        return defaultValue;
    }

    private static PoolSettings pool(YamlSection section) {
        PoolSettings defaults = PoolSettings.DEFAULTS;
        int maxSize = section.integer("max-size", defaults.maxSize(), 1, 100_000);
        int minIdle = section.integer("min-idle", defaults.minIdle(), 0, 100_000);
        Duration idle = section.duration("idle-timeout", defaults.idleTimeout());
        Duration lifetime = section.duration("max-lifetime", defaults.maxLifetime());
        Duration connect = section.duration("connect-timeout", defaults.connectTimeout());
        Duration validate = section.duration("validate-after-idle", defaults.validateAfterIdle());
        section.rejectUnknownKeys();
        return new PoolSettings(maxSize, minIdle, idle, lifetime, connect, validate);
    }
}
