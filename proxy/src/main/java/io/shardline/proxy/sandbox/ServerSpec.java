package io.shardline.proxy.sandbox;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One server of the sandbox: what it is, where it listens and where its files live.
 *
 * @param role     primary, replica or shard
 * @param name     stable short name, also the name of its folder ({@code primary}, {@code replica1}, {@code shard0})
 * @param port     TCP port on 127.0.0.1
 * @param serverId {@code server_id}; unique within the topology because replication ignores events carrying the
 *                 receiver's own id
 * @param dir      the server's folder: datadir, pid file and log live inside
 * @param socket   unix socket path; usually inside {@code dir}, but see {@link SandboxLayout} for the length limit
 */
public record ServerSpec(Role role, String name, int port, long serverId, Path dir, Path socket) {

    public ServerSpec {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(socket, "socket");
    }

    public Path datadir() {
        return dir.resolve("data");
    }

    public Path pidFile() {
        return dir.resolve("mysqld.pid");
    }

    public Path logFile() {
        return dir.resolve("mysqld.log");
    }

    /** "replica1 (3317)": how messages name a server, so the reader can match it to a port at once. */
    public String describe() {
        return name + " (" + port + ")";
    }
}
