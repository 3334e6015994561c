package io.shardline.proxy.config;

/**
 * The {@code management:} section: the HTTP port serving /metrics, /health and /ready (docs/operations.md).
 *
 * @param enabled false when the section says {@code listen: off} or {@code enabled: false}; nothing is bound then
 * @param listen  the address to bind; port 0 picks a free port (tests)
 */
public record ManagementSettings(boolean enabled, Endpoint listen) {
    /** On by default, on the loopback interface only: the port has no authentication yet. */
    public static final ManagementSettings DEFAULT = new ManagementSettings(true, new Endpoint("127.0.0.1", 9307));
}
