package io.shardline.proxy.route;

import io.shardline.proxy.health.Gtid;
import java.util.ArrayList;
import java.util.List;

/**
 * The newest GTID, per replication domain, of the writes acknowledged through this proxy on one data source, shared
 * by every event loop: under {@code global-causal} consistency a replica serves a read only once it has applied
 * them all, so no client sees data older than a write any client saw acknowledged. Written once per write,
 * read once per replica read: the read is one volatile load of an immutable list.
 */
public final class WrittenPositions {
    private volatile List<Gtid> newest = List.of();

    /** Records a write's GTID; an older one (a write that raced a newer one) changes nothing. */
    public synchronized void advance(Gtid written) {
        List<Gtid> current = newest;
        List<Gtid> next = new ArrayList<>(current.size() + 1);
        boolean placed = false;
        for (Gtid each : current) {
            if (each.domain() == written.domain()) {
                if (each.sequence() >= written.sequence()) {
                    return;
                }
                next.add(written);
                placed = true;
            } else {
                next.add(each);
            }
        }
        if (!placed) {
            next.add(written);
        }
        newest = List.copyOf(next);
    }

    /** One GTID per domain written through this proxy so far; empty before the first write. */
    public List<Gtid> newest() {
        return newest;
    }
}
