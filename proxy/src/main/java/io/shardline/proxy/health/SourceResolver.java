package io.shardline.proxy.health;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds which monitored server a replica replicates from, by the host and port in its replica status. That is
 * what the replica itself uses, so it stays right even when the configuration's roles are out of date.
 *
 * <p>Names are compared as written (case-insensitively), with one allowance: every spelling of the loopback
 * address counts as the same host, since a replica often names its source {@code 127.0.0.1} where the proxy's
 * configuration says {@code localhost}. No DNS look-ups: they could block the monitor thread.
 */
final class SourceResolver {

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "::1", "0:0:0:0:0:0:0:1");

    private final Map<String, String> nameByEndpoint = new HashMap<>();

    SourceResolver(List<MonitoredServer> servers) {
        for (MonitoredServer server : servers) {
            nameByEndpoint.putIfAbsent(endpoint(server.host(), server.port()), server.name());
        }
    }

    /** The monitored server's name, or null when the source is not among the monitored servers. */
    String sourceOf(ReplicaStatus replica) {
        return nameByEndpoint.get(endpoint(replica.sourceHost(), replica.sourcePort()));
    }

    private static String endpoint(String host, int port) {
        String normal = host.strip().toLowerCase(Locale.ROOT);
        if (normal.startsWith("[") && normal.endsWith("]")) {
            normal = normal.substring(1, normal.length() - 1);
        }
        return (LOOPBACK.contains(normal) ? "loopback" : normal) + ":" + port;
    }
}
