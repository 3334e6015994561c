package io.shardline.proxy.config;

import java.time.Duration;

/**
 * The client-facing server.
 *
 * @param version the version string in the handshake; "auto" derives it from the default data source's primary
 * @param maxAllowedPacket the largest client packet accepted, in bytes
 * @param defaultAuthPlugin the plugin named in the greeting
 * @param workerThreads event-loop threads; 0 means one per core
 * @param backendAcquireTimeout how long a statement waits for a backend connection before failing
 * @param maxConnections the most client connections at once; further ones are refused with 1040
 * @param allowedHosts client addresses that may connect at all; others are refused with 1130
 * @param slowQueryLog where and from what duration slow statements are logged; {@link SlowQueryLogSettings#OFF}
 * @param shutdownTimeout how long a stopping proxy lets running statements and open transactions finish before it
 *                        closes the sessions left
 */
public record ServerSettings(String host, int port, String version, long maxAllowedPacket,
                             String defaultAuthPlugin, TlsSettings tls, int workerThreads,
                             Duration backendAcquireTimeout, int maxConnections, HostList allowedHosts,
                             SlowQueryLogSettings slowQueryLog, Duration shutdownTimeout) {
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    public static final String AUTO_VERSION = "auto";
}
