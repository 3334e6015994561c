package io.shardline.proxy.config;

/**
 * Where a user may connect from and how much.
 *
 * @param hosts          client addresses the user may log in from
 * @param maxConnections the most sessions the user may have at once; 0 for no limit of its own
 * @param requireTls     the user must connect over TLS
 */
public record UserAccess(HostList hosts, int maxConnections, boolean requireTls) {
    public static final UserAccess ANY = new UserAccess(HostList.ANY, 0, false);
}
