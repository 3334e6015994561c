package io.shardline.proxy.config;

import io.shardline.proxy.health.HealthSettings;
import io.shardline.router.rule.ShardingRules;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a proxy configuration file into a {@link ProxyConfig}, validating everything before returning: either
 * the whole file is valid, or {@link ConfigException} lists every problem with file:line and what to do.
 */
public final class ConfigLoader {
    private static final List<String> AUTH_PLUGINS = List.of("mysql_native_password", "caching_sha2_password");

    private ConfigLoader() {}

    public static ProxyConfig load(Path file) throws ConfigException {
        String name = file.toString();
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new ConfigException(name + ": no such file; pass an existing configuration with --config"
                    + " (conf/demo.yaml is a working example)");
        }
        Node root;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = new Yaml(new LoaderOptions()).compose(reader);
        } catch (MarkedYAMLException ex) {
            throw new ConfigException(name + ":" + (ex.getProblemMark().getLine() + 1) + ": not valid YAML: "
                    + ex.getProblem());
        } catch (IOException ex) {
            throw new ConfigException(name + ": cannot read: " + ex.getMessage());
        }
        List<String> problems = new ArrayList<>();
        if (root == null) {
            throw new ConfigException(name + ": the file is empty; see conf/demo.yaml for a working example");
        }
        YamlSection top = new YamlSection(name, "", root, problems);
        ServerSettings server = readServer(top.section("server"), file.getParent());
        List<UserSpec> users = readUsers(top);
        Map<String, DataSourceSpec> sources = readDataSources(top);
        String defaultSource = top.string("default-datasource", sources.isEmpty() ? null : sources.keySet().iterator().next());
        HealthSettings health = readHealth(top.section("health"));
        ShardingRules sharding = ShardingReader.read(top, sources.keySet());
        ResultCacheSettings cache = ResultCacheReader.read(top);
        ManagementSettings management = ManagementReader.read(top, server);
        top.rejectUnknownKeys();
        checkReferences(top, users, sources, defaultSource);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        // Not Map.copyOf: data sources keep their file order (listings, health output).
        return new ProxyConfig(file, server, List.copyOf(users),
                java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sources)), defaultSource, health, sharding,
                cache, management);
    }

    private static ServerSettings readServer(YamlSection section, Path baseDir) {
        String listen = section.string("listen", "127.0.0.1:3307");
        Endpoint endpoint = new Endpoint("127.0.0.1", 3307);
        try {
            endpoint = Endpoint.parseListen(listen);
        } catch (IllegalArgumentException ex) {
            section.problem(section.valueNode("listen"), "server.listen: " + ex.getMessage());
        }
        String version = section.string("version", ServerSettings.AUTO_VERSION);
        long maxPacket = section.size("max-allowed-packet", 64L * 1024 * 1024);
        if (maxPacket < 1024 || maxPacket > 1024L * 1024 * 1024) {
            section.problemHere("server.max-allowed-packet must be between 1KiB and 1GiB");
        }
        String plugin = section.string("default-auth-plugin", "mysql_native_password");
        if (!AUTH_PLUGINS.contains(plugin)) {
            section.problem(section.valueNode("default-auth-plugin"),
                    "server.default-auth-plugin '" + plugin + "' is not one of " + AUTH_PLUGINS);
        }
        TlsSettings tls = readTls(section.section("tls"), baseDir);
        int threads = section.integer("worker-threads", 0, 0, 1024);
        Duration acquire = section.duration("backend-acquire-timeout", Duration.ofSeconds(5));
        int maxConnections = section.integer("max-connections", ServerSettings.DEFAULT_MAX_CONNECTIONS, 1,
                1_000_000);
        HostList allowed = hosts(section, "allowed-hosts");
        SlowQueryLogSettings slowQueryLog = SlowQueryLogReader.read(section, baseDir);
        Duration shutdown = section.duration("shutdown-timeout", ServerSettings.DEFAULT_SHUTDOWN_TIMEOUT);
        if (shutdown.isNegative() || shutdown.compareTo(Duration.ofHours(1)) > 0) {
            section.problem(section.valueNode("shutdown-timeout"), "server.shutdown-timeout must be between 0s"
                    + " (close every session at once) and 1h; keep it below the time your orchestrator waits after"
                    + " SIGTERM (Kubernetes: terminationGracePeriodSeconds, 30s by default)");
        }
        section.rejectUnknownKeys();
        return new ServerSettings(endpoint.host(), endpoint.port(), version, maxPacket, plugin, tls, threads, acquire,
                maxConnections, allowed, slowQueryLog, shutdown);
    }

    /** A list of CIDR blocks; each bad one is a problem on its own line. */
    private static HostList hosts(YamlSection section, String key) {
        java.util.List<String> blocks = new ArrayList<>();
        for (org.yaml.snakeyaml.nodes.ScalarNode each : section.scalars(section.valueNode(key),
                section.qualified(key))) {
            try {
                HostList.rule(each.getValue());
                blocks.add(each.getValue().trim());
            } catch (IllegalArgumentException ex) {
                section.problem(each, section.qualified(key) + ": " + ex.getMessage());
            }
        }
        return HostList.of(blocks);
    }

    private static HealthSettings readHealth(YamlSection section) {
        HealthSettings defaults = HealthSettings.defaults();
        HealthSettings result = new HealthSettings(section.duration("interval", defaults.interval()),
                section.duration("timeout", defaults.timeout()),
                section.integer("failures-before-down", defaults.failuresBeforeDown(), 1, 100));
        section.rejectUnknownKeys();
        return result;
    }

    private static TlsSettings readTls(YamlSection section, Path baseDir) {
        String mode = section.string("mode", "self-signed").toLowerCase(Locale.ROOT);
        TlsSettings.Mode parsed = switch (mode) {
            case "disabled", "off", "false" -> TlsSettings.Mode.DISABLED;
            case "self-signed" -> TlsSettings.Mode.SELF_SIGNED;
            case "files" -> TlsSettings.Mode.FILES;
            default -> {
                section.problemHere("server.tls.mode '" + mode + "' is not one of disabled, self-signed, files");
                yield TlsSettings.Mode.DISABLED;
            }
        };
        Path cert = resolve(baseDir, section.string("certificate", null));
        Path key = resolve(baseDir, section.string("private-key", null));
        if (parsed == TlsSettings.Mode.FILES && (cert == null || key == null)) {
            section.problemHere("server.tls.mode 'files' needs certificate and private-key (PEM file paths)");
        }
        boolean required = section.bool("require", false);
        if (required && parsed == TlsSettings.Mode.DISABLED) {
            section.problemHere("server.tls.require is true but tls.mode is disabled; enable TLS or drop require");
        }
        section.rejectUnknownKeys();
        return new TlsSettings(parsed, cert, key, required);
    }

    private static Path resolve(Path baseDir, String path) {
        if (path == null) {
            return null;
        }
        Path result = Path.of(path);
        return result.isAbsolute() || baseDir == null ? result : baseDir.resolve(result);
    }

    private static List<UserSpec> readUsers(YamlSection top) {
        List<UserSpec> result = new ArrayList<>();
        List<YamlSection> entries = top.sectionList("users");
        if (entries.isEmpty()) {
            top.problemHere("no users: clients could not log in; add one under 'users:'");
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (YamlSection each : entries) {
            String name = each.requiredString("name", "the login name clients use");
            if (name != null && !seen.add(name)) {
                each.problem(each.valueNode("name"), "user '" + name + "' is defined twice; keep one definition");
            }
            String hashText = each.requiredString("password",
                    "a password hash; generate one with 'bin/shardline hash-password'");
            PasswordHash hash = null;
            if (hashText != null) {
                try {
                    hash = PasswordHash.parse(hashText);
                } catch (IllegalArgumentException ex) {
                    each.problem(each.valueNode("password"), "users[" + name + "].password is " + ex.getMessage());
                }
            }
            String plugin = each.string("auth-plugin", null);
            if (plugin != null && !AUTH_PLUGINS.contains(plugin)) {
                each.problem(each.valueNode("auth-plugin"), "auth-plugin '" + plugin + "' is not one of " + AUTH_PLUGINS);
            }
            if (hash != null && !hash.supportsNative() && NATIVE_PLUGIN.equals(plugin)) {
                each.problem(each.valueNode("auth-plugin"), "user " + name
                        + ": a pbkdf2 hash cannot serve mysql_native_password; use caching_sha2_password or a '*' hash");
            }
            List<String> schemas = each.stringList("schemas");
            String defaultSchema = each.string("default-schema", null);
            defaultSchema = defaultSchema == null || defaultSchema.isBlank() ? null : defaultSchema;
            if (defaultSchema != null && !schemas.isEmpty() && !schemas.contains(defaultSchema)) {
                each.problem(each.valueNode("default-schema"), "user " + name + ": default-schema '" + defaultSchema
                        + "' is not among the user's schemas " + schemas);
            }
            UserAccess access = new UserAccess(hosts(each, "hosts"), each.integer("max-connections", 0, 0, 1_000_000),
                    each.bool("require-tls", false));
            each.rejectUnknownKeys();
            if (name != null && hash != null) {
                result.add(new UserSpec(name, hash, plugin, List.copyOf(schemas), defaultSchema, access));
            }
        }
        return result;
    }

    private static final String NATIVE_PLUGIN = "mysql_native_password";

    private static Map<String, DataSourceSpec> readDataSources(YamlSection top) {
        Map<String, DataSourceSpec> result = new LinkedHashMap<>();
        YamlSection sources = top.section("datasources");
        for (String name : List.copyOf(sources.keys())) {
            YamlSection each = sources.section(name);
            result.put(name, DataSourceReader.read(name, each));
        }
        return result;
    }

    private static void checkReferences(YamlSection top, List<UserSpec> users, Map<String, DataSourceSpec> sources,
                                        String defaultSource) {
        if (sources.isEmpty()) {
            top.problemHere("no datasources: add at least one under 'datasources:' (see conf/demo.yaml)");
        } else if (defaultSource != null && !sources.containsKey(defaultSource)) {
            top.problem(top.valueNode("default-datasource"), "default-datasource '" + defaultSource
                    + "' is not defined; defined: " + String.join(", ", sources.keySet()));
        }
    }
}
