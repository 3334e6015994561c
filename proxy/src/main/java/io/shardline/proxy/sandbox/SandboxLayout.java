package io.shardline.proxy.sandbox;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Ports and folders of one sandbox, derived from a base port so that a single setting moves everything.
 *
 * <p>Primary on {@code B}, replicas on {@code B+1}, {@code B+2}, shards on {@code B+10}, {@code B+11}; the gap
 * leaves room for more replicas without renumbering the shards. The server id is the port: unique within the
 * topology by construction, and it tells at a glance which server wrote a binlog event.
 */
public final class SandboxLayout {

    public static final int DEFAULT_BASE_PORT = 3316;
    static final int REPLICAS = 2;
    static final int SHARDS = 2;
    static final int SHARD_OFFSET = 10;
    /** Linux allows 107 bytes for a unix socket path; deeper repos fall back to the temp directory. */
    static final int MAX_SOCKET_PATH = 100;

    private final int basePort;
    private final Path workDir;
    private final List<ServerSpec> servers;

    private SandboxLayout(int basePort, Path workDir) {
        if (basePort < 1024 || basePort + SHARD_OFFSET + SHARDS - 1 > 65535) {
            throw new IllegalArgumentException(
                    "base port must be between 1024 and " + (65536 - SHARD_OFFSET - SHARDS) + ", got " + basePort);
        }
        this.basePort = basePort;
        this.workDir = workDir.toAbsolutePath().normalize();
        this.servers = buildServers();
    }

    /** The default layout: work folder {@code <repoRoot>/.sandbox/<basePort>}. */
    public static SandboxLayout of(Path repoRoot, int basePort) {
        Objects.requireNonNull(repoRoot, "repoRoot");
        return new SandboxLayout(basePort, repoRoot.resolve(".sandbox").resolve(Integer.toString(basePort)));
    }

    /** A layout whose work folder is given explicitly, e.g. a temporary directory. */
    public static SandboxLayout inWorkDir(Path workDir, int basePort) {
        return new SandboxLayout(basePort, Objects.requireNonNull(workDir, "workDir"));
    }

    private List<ServerSpec> buildServers() {
        var list = new java.util.ArrayList<ServerSpec>();
        list.add(spec(Role.PRIMARY, "primary", basePort));
        for (int i = 1; i <= REPLICAS; i++) {
            list.add(spec(Role.REPLICA, "replica" + i, basePort + i));
        }
        for (int i = 0; i < SHARDS; i++) {
            list.add(spec(Role.SHARD, "shard" + i, basePort + SHARD_OFFSET + i));
        }
        return List.copyOf(list);
    }

    private ServerSpec spec(Role role, String name, int port) {
        Path dir = workDir.resolve(name);
        Path socket = dir.resolve("mysqld.sock");
        if (socket.toString().length() > MAX_SOCKET_PATH) {
            socket = Path.of(System.getProperty("java.io.tmpdir"), "shardline-" + port + ".sock");
        }
        return new ServerSpec(role, name, port, port, dir, socket);
    }

    public int basePort() {
        return basePort;
    }

    public Path workDir() {
        return workDir;
    }

    /** Where {@code mariadb-install-db} runs once; every server's datadir starts as a copy of it. */
    public Path templateDir() {
        return workDir.resolve("template");
    }

    public Path lockFile() {
        return workDir.resolve(".lock");
    }

    /** All servers, primary first, then replicas, then shards. */
    public List<ServerSpec> servers() {
        return servers;
    }

    public ServerSpec primary() {
        return servers.get(0);
    }

    public List<ServerSpec> replicas() {
        return servers.stream().filter(s -> s.role() == Role.REPLICA).toList();
    }

    public List<ServerSpec> shards() {
        return servers.stream().filter(s -> s.role() == Role.SHARD).toList();
    }

    public ServerSpec server(String name) {
        return servers.stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no sandbox server named " + name));
    }

    @Override
    public String toString() {
        return "sandbox " + basePort + " in " + workDir;
    }
}
