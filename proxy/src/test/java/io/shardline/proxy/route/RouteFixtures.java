package io.shardline.proxy.route;

import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoopGroup;
import io.shardline.proxy.backend.BackendConnector;
import io.shardline.proxy.backend.BackendPools;
import io.shardline.proxy.backend.BackendServer;
import io.shardline.proxy.backend.Transport;
import io.shardline.proxy.config.PoolSettings;
import io.shardline.proxy.health.HealthSnapshot;
import io.shardline.proxy.health.ServerHealth;
import io.shardline.proxy.health.Status;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Servers and health snapshots for routing tests; pools that never connect (min-idle 0, nothing borrowed). */
public final class RouteFixtures implements AutoCloseable {
    private static final PoolSettings IDLE_POOL = new PoolSettings(10, 0, PoolSettings.DEFAULTS.idleTimeout(),
            PoolSettings.DEFAULTS.maxLifetime(), PoolSettings.DEFAULTS.connectTimeout(),
            PoolSettings.DEFAULTS.validateAfterIdle());

    private final EventLoopGroup group = new DefaultEventLoopGroup(1);
    private final BackendConnector connector = new BackendConnector(Transport.best());

    public BackendPools pools(String name) {
        return new BackendPools(new BackendServer(name, "main", "127.0.0.1", 1, "u", "p", false, IDLE_POOL), group,
                connector);
    }

    /** Pools of a server at {@code host:port} (named as the proxy names servers, say). */
    public BackendPools pools(String name, String host, int port) {
        return new BackendPools(new BackendServer(name, "main", host, port, "u", "p", false, IDLE_POOL), group,
                connector);
    }

    public ReplicaBackend replica(String name, int weight) {
        return new ReplicaBackend(pools(name), weight);
    }

    public static ServerHealth health(String server, Status status, boolean readOnly) {
        return new ServerHealth(server, status, readOnly, status == Status.UP ? 0L : null, true, null,
                status == Status.UP ? null : "test says " + status, Instant.EPOCH);
    }

    public static HealthSnapshot snapshot(ServerHealth... servers) {
        Map<String, ServerHealth> byServer = new LinkedHashMap<>();
        for (ServerHealth each : servers) {
            byServer.put(each.server(), each);
        }
        return new HealthSnapshot(byServer, 1);
    }

    @Override
    public void close() {
        group.shutdownGracefully();
    }
}
