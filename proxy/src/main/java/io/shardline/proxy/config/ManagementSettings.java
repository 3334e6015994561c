package io.shardline.proxy.config;

/**
 * The {@code management:} section: the HTTP port serving /metrics, /health and /ready (docs/operations.md).
 *
 * @param enabled false when the section says {@code listen: off} or {@code enabled: false}; nothing is bound then
 * @param listen  the address to bind; port 0 picks a free port (tests)
 * @param token   the bearer token the admin API's writes need; null: writes are refused (reads stay open)
 */
public record ManagementSettings(boolean enabled, Endpoint listen, String token) {
    /** The shortest token accepted: long enough that guessing it over HTTP is hopeless. */
    public static final int MIN_TOKEN_LENGTH = 16;
    /** On by default, on the loopback interface only: reads are open to whoever reaches the port. */
    public static final ManagementSettings DEFAULT = new ManagementSettings(true, new Endpoint("127.0.0.1", 9307),
            null);

    /** Never prints the token. */
    @Override
    public String toString() {
        return "ManagementSettings[enabled=" + enabled + ", listen=" + listen + ", token="
                + (token == null ? "none" : "set") + "]";
    }
}
