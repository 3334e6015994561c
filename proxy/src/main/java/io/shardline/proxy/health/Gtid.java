package io.shardline.proxy.health;

/**
 * One MariaDB global transaction id, {@code domain-server-sequence} (e.g. {@code 0-63316-42}): what a session's
 * {@code last_gtid} reports after a write.
 *
 * @param domain   replication domain, 0 to 2<sup>32</sup>-1
 * @param server   {@code server_id} of the server that wrote the transaction, 0 to 2<sup>32</sup>-1
 * @param sequence the transaction's number within its domain; MariaDB's type is unsigned 64-bit, values beyond
 *                 {@link Long#MAX_VALUE} (never seen in practice) are refused
 */
public record Gtid(long domain, long server, long sequence) {

    static final long MAX_UINT32 = 0xFFFF_FFFFL;

    public Gtid {
        checkUint32("domain", domain);
        checkUint32("server id", server);
        if (sequence < 0) {
            throw new IllegalArgumentException("GTID sequence must not be negative, got " + sequence);
        }
    }

    /**
     * Parses {@code domain-server-sequence}; surrounding white space is ignored.
     *
     * @throws IllegalArgumentException naming the text, if it is not a MariaDB GTID
     */
    public static Gtid parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("not a MariaDB GTID (domain-server-sequence): null");
        }
        String[] parts = text.strip().split("-", -1);
        if (parts.length != 3) {
            throw notAGtid(text, null);
        }
        try {
            return new Gtid(number(parts[0]), number(parts[1]), number(parts[2]));
        } catch (IllegalArgumentException e) {
            throw notAGtid(text, e);
        }
    }

    /** Digits only: {@link Long#parseLong} would also take a sign, and "-" is the separator. */
    private static long number(String digits) {
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new NumberFormatException("not a number: '" + digits + "'");
        }
        return Long.parseLong(digits);
    }

    private static IllegalArgumentException notAGtid(String text, IllegalArgumentException cause) {
        String why = cause == null ? "" : " (" + cause.getMessage() + ")";
        return new IllegalArgumentException("not a MariaDB GTID (domain-server-sequence): '" + text + "'" + why,
                cause);
    }

    private static void checkUint32(String what, long value) {
        if (value < 0 || value > MAX_UINT32) {
            throw new IllegalArgumentException("GTID " + what + " must be between 0 and " + MAX_UINT32
                    + ", got " + value);
        }
    }

    /** MariaDB's own notation, {@code domain-server-sequence}. */
    @Override
    public String toString() {
        return domain + "-" + server + "-" + sequence;
    }
}
