package io.shardline.proxy.health;

import java.time.Duration;
import java.util.Objects;

/**
 * One server to watch.
 *
 * @param name          unique among the monitored servers; the key of {@link HealthSnapshot#byServer()}
 * @param host          host name or address, as the monitor connects to it
 * @param port          TCP port
 * @param user          account for the checks; replicas need {@code SLAVE MONITOR} (MariaDB) or
 *                      {@code REPLICATION CLIENT} (MySQL) to read the replica status
 * @param password      that account's password; never logged, and hidden from {@link #toString()}
 * @param role          primary or replica
 * @param maxReplicaLag a replica further behind than this is {@link Status#LAGGING}; ignored (may be null) for a
 *                      primary
 */
public record MonitoredServer(String name, String host, int port, String user, String password, Role role,
        Duration maxReplicaLag) {

    public MonitoredServer {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a monitored server needs a name");
        }
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(role, "role");
        password = password == null ? "" : password;
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(name + ": port must be between 1 and 65535, got " + port);
        }
        if (role == Role.REPLICA && (maxReplicaLag == null || maxReplicaLag.isNegative())) {
            throw new IllegalArgumentException(name + ": a replica needs a maxReplicaLag of zero or more");
        }
    }

    /** {@code host:port}, for messages. */
    public String address() {
        return host + ":" + port;
    }

    /** Without the password: records print every component, and this one ends up in logs and exceptions. */
    @Override
    public String toString() {
        return "MonitoredServer[" + name + " " + role + " " + user + "@" + address()
                + (role == Role.REPLICA ? " maxReplicaLag=" + maxReplicaLag : "") + "]";
    }
}
