package io.shardline.proxy.frontend;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live client sessions by connection id, for KILL and for counting: connections admitted against the global
 * limit, and logged-in sessions per user against each user's own; and the proxy's graceful stop, which asks every
 * session to end once it has nothing left to finish ({@link SessionDrain}).
 */
public final class SessionRegistry {
    private final Map<Long, FrontendHandler> byId = new ConcurrentHashMap<>();
    /** Set once when the proxy starts stopping; read by each session at the end of each command. */
    private volatile boolean draining;
    private final java.util.concurrent.atomic.AtomicInteger open = new java.util.concurrent.atomic.AtomicInteger();
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> byUser = new ConcurrentHashMap<>();

    /** Why the access rules refused a connection or a login (a metric label each). */
    public enum Refusal {
        ALLOWED_HOSTS("allowed_hosts"), MAX_CONNECTIONS("max_connections"), USER_HOSTS("user_hosts"),
        USER_MAX_CONNECTIONS("user_max_connections"), USER_TLS("user_tls");

        private final String label;

        Refusal(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final java.util.concurrent.atomic.AtomicLongArray refusals =
            new java.util.concurrent.atomic.AtomicLongArray(Refusal.values().length);

    void refused(Refusal reason) {
        refusals.incrementAndGet(reason.ordinal());
    }

    /** How many times {@code reason} refused a client since the start. */
    public long refusals(Refusal reason) {
        return refusals.get(reason.ordinal());
    }

    /** Counts a new client connection unless {@code max} are open; false when it must be refused. */
    boolean tryAdmit(int max) {
        while (true) {
            int now = open.get();
            if (now >= max) {
                return false;
            }
            if (open.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    /** An admitted connection closed. */
    void left() {
        open.decrementAndGet();
    }

    /**
     * Sessions that keep their backend connection for {@code reason} now. Read from another thread than the
     * sessions' own, so a gauge's view, not an exact count.
     */
    public int pinnedBy(io.shardline.proxy.session.PinReason reason) {
        int result = 0;
        for (FrontendHandler each : byId.values()) {
            io.shardline.proxy.session.Session session = each.session();
            if (session != null && session.pins().contains(reason)) {
                result++;
            }
        }
        return result;
    }

    /** Client connections open now (admitted, logged in or not). */
    public int open() {
        return open.get();
    }

    /** Counts a login of {@code user} unless it has {@code max} sessions already (0: no limit). */
    boolean tryLogin(String user, int max) {
        java.util.concurrent.atomic.AtomicInteger count = byUser.computeIfAbsent(user,
                name -> new java.util.concurrent.atomic.AtomicInteger());
        while (true) {
            int now = count.get();
            if (max > 0 && now >= max) {
                return false;
            }
            if (count.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    /** A session of {@code user} ended or changed user. */
    void loggedOut(String user) {
        java.util.concurrent.atomic.AtomicInteger count = byUser.get(user);
        if (count != null) {
            count.decrementAndGet();
        }
    }

    /** Whether the proxy is stopping: sessions close as soon as they have nothing left to finish. */
    public boolean draining() {
        return draining;
    }

    /**
     * Starts the graceful stop: from now on each session closes at the end of its command unless it is inside a
     * transaction, and each is asked now, on its own event loop, to close if it is idle. A session admitted after
     * this sees the flag in {@link FrontendHandler#channelActive} and is refused.
     */
    void startDraining() {
        draining = true;
        for (FrontendHandler each : byId.values()) {
            each.channel().eventLoop().execute(each::drainIfIdle);
        }
    }

    /** Closes every session left, whatever it is doing: the drain's time is up. */
    void closeAll() {
        for (FrontendHandler each : byId.values()) {
            each.channel().close();
        }
    }

    void add(long id, FrontendHandler handler) {
        byId.put(id, handler);
    }

    void remove(long id) {
        byId.remove(id);
    }

    FrontendHandler get(long id) {
        return byId.get(id);
    }

    public int size() {
        return byId.size();
    }

    /** Every session as the admin API lists them, by connection id. */
    public java.util.List<SessionView> views() {
        java.util.List<SessionView> result = new java.util.ArrayList<>();
        for (FrontendHandler each : byId.values()) {
            SessionView view = each.view();
            if (view != null) {
                result.add(view);
            }
        }
        result.sort(java.util.Comparator.comparingLong(SessionView::id));
        return result;
    }

    Collection<FrontendHandler> all() {
        return byId.values();
    }
}
