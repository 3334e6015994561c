package io.shardline.proxy.health;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A MariaDB GTID position such as {@code @@gtid_current_pos}: per replication domain, the sequence number of the
 * last transaction applied. {@code "0-63316-42,1-7-5"} is domain 0 up to 42 and domain 1 up to 5.
 *
 * <p>Only sequences are kept: within a domain MariaDB numbers transactions in order (strictly so with
 * {@code gtid_strict_mode}, which Shardline's replicas should run), so "domain d has reached n" is all that
 * {@link #covers} needs. {@code MASTER_GTID_WAIT} compares the same way. The server id is left out for that
 * reason, so {@link #toString()} cannot give back MariaDB's exact text.
 *
 * <p>MySQL GTID sets ({@code uuid:1-5}) are a different structure (sets of intervals per source) and are refused
 * with a clear message rather than half-modelled here.
 *
 * @param sequenceByDomain domain to the highest applied sequence; copied, unmodifiable, ordered by domain
 */
public record GtidPosition(Map<Long, Long> sequenceByDomain) {

    /** A server that has applied nothing yet: MariaDB reports an empty string. */
    public static final GtidPosition EMPTY = new GtidPosition(Map.of());

    public GtidPosition {
        Objects.requireNonNull(sequenceByDomain, "sequenceByDomain");
        sequenceByDomain = Collections.unmodifiableMap(new TreeMap<>(sequenceByDomain));
    }

    /**
     * Parses MariaDB's {@code domain-server-sequence[,domain-server-sequence...]}; an empty or blank text is the
     * {@link #EMPTY} position. White space (MariaDB wraps long positions in some outputs) is ignored.
     *
     * @throws IllegalArgumentException naming the offending text: garbage, a domain listed twice, or a MySQL GTID
     *                                  set
     */
    public static GtidPosition parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("not a MariaDB GTID position: null");
        }
        if (text.isBlank()) {
            return EMPTY;
        }
        if (text.indexOf(':') >= 0) {
            throw new IllegalArgumentException("'" + text + "' looks like a MySQL GTID set (uuid:interval);"
                    + " GtidPosition reads MariaDB positions (domain-server-sequence) only");
        }
        Map<Long, Long> byDomain = new TreeMap<>();
        for (String element : text.split(",", -1)) {
            Gtid gtid = Gtid.parse(element);
            if (byDomain.put(gtid.domain(), gtid.sequence()) != null) {
                throw new IllegalArgumentException("not a MariaDB GTID position: '" + text + "' lists domain "
                        + gtid.domain() + " twice");
            }
        }
        return new GtidPosition(byDomain);
    }

    /**
     * True when this position includes {@code gtid}: its domain is present and has reached the sequence (equal
     * counts). A domain the position has never seen is not covered.
     */
    public boolean covers(Gtid gtid) {
        Long reached = sequenceByDomain.get(gtid.domain());
        return reached != null && reached >= gtid.sequence();
    }

    /** True when every domain of {@code other} is covered here, e.g. "has applied everything it received". */
    public boolean coversAll(GtidPosition other) {
        for (Map.Entry<Long, Long> entry : other.sequenceByDomain.entrySet()) {
            Long reached = sequenceByDomain.get(entry.getKey());
            if (reached == null || reached < entry.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** {@code domain:sequence} pairs, e.g. {@code {0:42, 1:5}}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("{");
        sequenceByDomain.forEach((domain, sequence) -> {
            if (text.length() > 1) {
                text.append(", ");
            }
            text.append(domain).append(':').append(sequence);
        });
        return text.append('}').toString();
    }
}
