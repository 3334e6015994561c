package io.shardline.proxy;

import io.shardline.proxy.config.ServerSettings;

/**
 * The version string clients see in the greeting. Drivers switch behaviour on it, so "auto" picks what makes them
 * behave right against the real backend rather than copying it:
 * <ul>
 *   <li>MariaDB greets with "5.5.5-10.11.x-MariaDB". Connector/J reads that as MySQL 5.5.5 and drops the
 *       fractional seconds of DATETIME(6)/TIME(6) parameters (it sends them only to 5.6.4+).</li>
 *   <li>Announcing 10.11.x instead makes Connector/J treat the server as MySQL 8, which MariaDB is not: it reads
 *       {@code @@transaction_isolation} (MariaDB before 11.1 has only tx_isolation) and may pick the
 *       utf8mb4_0900_ai_ci collation MariaDB lacks.</li>
 * </ul>
 * So for MariaDB the proxy says "5.7.19-" followed by the real version: 5.7.19 is the newest MySQL 5.7 that
 * Connector/J still treats as using tx_isolation, while the real MariaDB version stays in the string for tools
 * that look for it (MariaDB Connector/J and SQLAlchemy detect "MariaDB" in it). A MySQL backend's version is
 * passed through. SELECT VERSION() always reaches the backend and answers its own version.
 */
public final class ServerVersions {
    static final String MARIADB_PREFIX = "5.5.5-";
    static final String CONNECTOR_J_FRIENDLY = "5.7.19-";

    private ServerVersions() {}

    public static String advertised(String configured, String backendVersion) {
        if (configured != null && !configured.equals(ServerSettings.AUTO_VERSION)) {
            return configured;
        }
        if (backendVersion == null || backendVersion.isEmpty()) {
            return CONNECTOR_J_FRIENDLY + "Shardline";
        }
        String real = backendVersion.startsWith(MARIADB_PREFIX)
                ? backendVersion.substring(MARIADB_PREFIX.length()) : backendVersion;
        return real.contains("MariaDB") ? CONNECTOR_J_FRIENDLY + real : real;
    }
}
