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
        section.rejectUnknownKeys();
        return new DataSourceSpec(name, primary, List.copyOf(replicas), user, password, tls, pool);
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
