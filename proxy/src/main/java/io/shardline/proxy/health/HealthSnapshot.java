package io.shardline.proxy.health;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Every monitored server's health at one moment. Immutable, so event loops read it without locks.
 *
 * @param byServer server name to health, in the order the servers were given to the monitor
 * @param version  grows by one whenever a round changes anything but {@link ServerHealth#checkedAt()}; a reader
 *                 that derives something from a snapshot (a list of usable replicas, say) need only redo it when
 *                 the version moves. Snapshots of unchanged rounds keep the version and carry fresh timestamps.
 */
public record HealthSnapshot(Map<String, ServerHealth> byServer, long version) {

    public HealthSnapshot {
        Objects.requireNonNull(byServer, "byServer");
        byServer = Collections.unmodifiableMap(new LinkedHashMap<>(byServer));
    }

    /**
     * The health of the named server.
     *
     * @throws IllegalArgumentException if the monitor does not watch a server of that name (a configuration
     *                                  mistake, better loud than read as "down")
     */
    public ServerHealth of(String server) {
        ServerHealth health = byServer.get(server);
        if (health == null) {
            throw new IllegalArgumentException("no monitored server named '" + server + "'; known: "
                    + byServer.keySet());
        }
        return health;
    }

    /** True when both snapshots say the same about every server, timestamps aside. */
    boolean sameAs(HealthSnapshot other) {
        if (!byServer.keySet().equals(other.byServer.keySet())) {
            return false;
        }
        return byServer.values().stream().allMatch(health -> health.sameAs(other.byServer.get(health.server())));
    }
}
