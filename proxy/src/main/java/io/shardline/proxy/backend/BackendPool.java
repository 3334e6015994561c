package io.shardline.proxy.backend;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import io.shardline.proxy.protocol.CommandCode;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The idle connections to one server owned by one event loop. Sessions on that loop borrow from it, so a
 * session and its backend connection always share a thread: no locks, no hand-offs.
 *
 * <p>Idle connections are a stack (the most recently used is warmest). Borrowing prefers, in order, the
 * connection the same session used last (its server-side leftovers such as warnings or FOUND_ROWS() still
 * belong to it), one already in the session's schema, then any; all must match the client's protocol flavour.
 * When the loop's share of {@code max-size} is in use, borrowers wait in FIFO order up to their deadline.
 * A connection idle longer than {@code validate-after-idle} is pinged before it is lent.
 */
public final class BackendPool {
    private final BackendServer server;
    private final EventLoop loop;
    private final BackendConnector connector;
    private final int maxSize;
    private final LongSupplier nanoTime;
    /** Connections of this server lent out, over all event loops (for least-connections balancing). */
    private final java.util.concurrent.atomic.AtomicInteger serverBorrowed;
    private final PoolWaits waits;
    private final ArrayDeque<BackendConnection> idle = new ArrayDeque<>();
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    private final java.util.LinkedHashMap<BackendConnection, Runnable> softHeld = new java.util.LinkedHashMap<>();
    private int open;
    private int borrowed;
    private ScheduledFuture<?> evictionTask;
    /** The server is out of service: connections are closed when given back, not kept idle. */
    private boolean retired;

    private record Waiter(long flavour, long sessionId, String schema, Promise<BackendConnection> promise) {
    }

    public BackendPool(BackendServer server, EventLoop loop, BackendConnector connector, int maxSize,
                       LongSupplier nanoTime) {
        this(server, loop, connector, maxSize, nanoTime, new java.util.concurrent.atomic.AtomicInteger(),
                PoolWaits.NONE);
    }

    BackendPool(BackendServer server, EventLoop loop, BackendConnector connector, int maxSize, LongSupplier nanoTime,
                java.util.concurrent.atomic.AtomicInteger serverBorrowed, PoolWaits waits) {
        this.serverBorrowed = serverBorrowed;
        this.waits = waits;
        this.server = server;
        this.loop = loop;
        this.connector = connector;
        this.maxSize = maxSize;
        this.nanoTime = nanoTime;
    }

    public BackendServer server() {
        return server;
    }

    /** The most connections this loop's pool opens at once (its share of the server's max-size). */
    public int maxSize() {
        return maxSize;
    }

    /** Starts the periodic closing of connections idle too long or past their lifetime. */
    public void start() {
        // Often enough for both limits to act within half their length, and at least every 30 s.
        long periodMillis = Math.max(1000, Math.min(Math.min(server.pool().idleTimeout().toMillis(),
                server.pool().maxLifetime().toMillis()) / 2, 30_000));
        evictionTask = loop.scheduleWithFixedDelay(this::evict, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * Borrows a logged-in connection; fails after {@code timeoutMillis} when none becomes free. How long it took is
     * told to the pool's {@link PoolWaits}: zero, without reading the clock again, when an idle one was at hand.
     */
    public Future<BackendConnection> acquire(long flavour, long sessionId, String schema, long timeoutMillis) {
        Promise<BackendConnection> result = loop.newPromise();
        long start = nanoTime.getAsLong();
        borrow(flavour, sessionId, schema, timeoutMillis, result);
        if (result.isDone()) {
            waits.waited(0);
        } else {
            result.addListener(done -> waits.waited(nanoTime.getAsLong() - start));
        }
        return result;
    }

    private void borrow(long flavour, long sessionId, String schema, long timeoutMillis,
                        Promise<BackendConnection> result) {
        BackendConnection found = takeIdle(flavour, sessionId, schema);
        if (found != null) {
            lendValidated(found, flavour, sessionId, schema, timeoutMillis, result);
        } else if (open < maxSize) {
            openNew(flavour, result);
        } else if (closeIdleOfOtherFlavour()) {
            openNew(flavour, result);
        } else if ((found = reclaimSoftHeld(flavour)) != null) {
            result.trySuccess(found);
        } else {
            Waiter waiter = new Waiter(flavour, sessionId, schema, result);
            waiters.add(waiter);
            loop.schedule(() -> {
                if (waiters.remove(waiter)) {
                    result.tryFailure(new PoolExhaustedException(server, maxSize, timeoutMillis));
                }
            }, timeoutMillis, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Marks a borrowed connection as kept by its session only for convenience (warnings the session may still
     * ask for): when the pool runs short, {@code reclaim} takes it from the session and it is lent to another.
     */
    public void holdSoftly(BackendConnection connection, Runnable reclaim) {
        softHeld.put(connection, reclaim);
        Waiter waiter = waiters.peek();
        if (waiter != null && waiter.flavour == connection.flavour()) {
            waiters.poll();
            softHeld.remove(connection).run();
            if (!waiter.promise.trySuccess(connection)) {
                release(connection);
            }
        }
    }

    /** The session took its softly held connection back for its next statement. */
    public void unholdSoftly(BackendConnection connection) {
        softHeld.remove(connection);
    }

    private BackendConnection reclaimSoftHeld(long flavour) {
        for (BackendConnection each : softHeld.keySet()) {
            if (each.flavour() == flavour && each.isUsable() && !each.isBusy()) {
                softHeld.remove(each).run();
                return each;
            }
        }
        return null;
    }

    /** Gives a connection back. It must be in a clean, reusable state (no transaction, no pinned state). */
    public void release(BackendConnection connection) {
        if (connection.pooledIdle()) {
            // Given back twice: lending it again would put two sessions on one connection.
            java.util.logging.Logger.getLogger(BackendPool.class.getName()).log(java.util.logging.Level.SEVERE,
                    "connection " + connection + " was given back twice; the second time is ignored",
                    new IllegalStateException("released twice"));
            return;
        }
        softHeld.remove(connection);
        returned();
        if (retired || !connection.isUsable() || connection.isBusy() || expired(connection)) {
            connection.close();
            return;
        }
        connection.markIdle(nanoTime.getAsLong());
        Waiter waiter = waiters.poll();
        if (waiter == null) {
            connection.pooledIdle(true);
            idle.push(connection);
        } else if (waiter.flavour == connection.flavour()) {
            lent();
            if (!waiter.promise.trySuccess(connection)) {
                release(connection);
            }
        } else {
            connection.close();
            openNew(waiter.flavour, waiter.promise);
        }
    }

    /** Closes a borrowed connection that must not be reused. */
    public void discard(BackendConnection connection) {
        softHeld.remove(connection);
        returned();
        connection.close();
    }

    private void lent() {
        borrowed++;
        serverBorrowed.incrementAndGet();
    }

    private void returned() {
        borrowed--;
        serverBorrowed.decrementAndGet();
    }

    /** Connections of this server lent out over all event loops. */
    public int serverBorrowed() {
        return serverBorrowed.get();
    }

    public PoolStats stats() {
        return new PoolStats(open, idle.size(), borrowed, waiters.size());
    }

    /** See {@link BackendPools#retire}; on this pool's loop. */
    void retire(boolean value) {
        retired = value;
        if (value) {
            for (BackendConnection each : idle.toArray(new BackendConnection[0])) {
                each.close();
            }
        }
    }

    public void close() {
        if (evictionTask != null) {
            evictionTask.cancel(false);
        }
        for (BackendConnection each : idle.toArray(new BackendConnection[0])) {
            each.close();
        }
    }

    private BackendConnection takeIdle(long flavour, long sessionId, String schema) {
        BackendConnection sameSchema = null;
        BackendConnection any = null;
        for (BackendConnection each : idle) {
            if (each.flavour() != flavour) {
                continue;
            }
            if (each.lastSessionId() == sessionId) {
                return take(each);
            }
            if (sameSchema == null && java.util.Objects.equals(each.state().schema(), schema)) {
                sameSchema = each;
            }
            if (any == null) {
                any = each;
            }
        }
        return take(sameSchema != null ? sameSchema : any);
    }

    private BackendConnection take(BackendConnection connection) {
        if (connection != null) {
            idle.remove(connection);
            connection.pooledIdle(false);
            lent();
        }
        return connection;
    }

    private void lendValidated(BackendConnection connection, long flavour, long sessionId, String schema,
                               long timeoutMillis, Promise<BackendConnection> result) {
        long idleNanos = nanoTime.getAsLong() - connection.idleSinceNanos();
        if (idleNanos < server.pool().validateAfterIdle().toNanos()) {
            result.trySuccess(connection);
            return;
        }
        connection.command(connection.channel().alloc().buffer(1).writeByte(CommandCode.COM_PING))
                .addListener(ping -> {
                    if (ping.isSuccess()) {
                        result.trySuccess(connection);
                    } else {
                        discard(connection);
                        Promise<BackendConnection> again = loop.newPromise();
                        borrow(flavour, sessionId, schema, timeoutMillis, again);
                        again.addListener(retry -> complete(result, retry));
                    }
                });
    }

    @SuppressWarnings("unchecked")
    private static void complete(Promise<BackendConnection> promise, Future<?> done) {
        if (done.isSuccess()) {
            if (!promise.trySuccess((BackendConnection) done.getNow())) {
                ((BackendConnection) done.getNow()).close();
            }
        } else {
            promise.tryFailure(done.cause());
        }
    }

    private void openNew(long flavour, Promise<BackendConnection> result) {
        open++;
        lent();
        connector.connect(server, loop, flavour).addListener(done -> {
            if (done.isSuccess()) {
                BackendConnection connection = (BackendConnection) done.getNow();
                connection.onClose(this::onConnectionClosed);
                connection.owner(this);
                if (!result.trySuccess(connection)) {
                    release(connection);
                }
            } else {
                open--;
                returned();
                result.tryFailure(done.cause());
                serveWaiterWithNewConnection();
            }
        });
    }

    private void onConnectionClosed(BackendConnection connection) {
        open--;
        idle.remove(connection);
        connection.pooledIdle(false);
        Runnable holder = softHeld.remove(connection);
        if (holder != null) {
            holder.run();
        }
        serveWaiterWithNewConnection();
    }

    private void serveWaiterWithNewConnection() {
        if (open < maxSize) {
            Waiter waiter = waiters.poll();
            if (waiter != null) {
                openNew(waiter.flavour, waiter.promise);
            }
        }
    }

    private boolean closeIdleOfOtherFlavour() {
        BackendConnection victim = idle.peekLast();
        if (victim == null) {
            return false;
        }
        victim.close();
        return open < maxSize;
    }

    private boolean expired(BackendConnection connection) {
        return nanoTime.getAsLong() - connection.createdNanos() > server.pool().maxLifetime().toNanos();
    }

    /** Closes idle connections past their idle timeout (above min-idle) or their lifetime, oldest first. */
    void evict() {
        long now = nanoTime.getAsLong();
        long idleLimit = server.pool().idleTimeout().toNanos();
        int keep = server.pool().minIdle();
        Iterator<BackendConnection> oldestFirst = idle.descendingIterator();
        while (oldestFirst.hasNext()) {
            BackendConnection each = oldestFirst.next();
            boolean idleTooLong = now - each.idleSinceNanos() > idleLimit && idle.size() > keep;
            if (idleTooLong || expired(each) || !each.isUsable()) {
                oldestFirst.remove();
                each.pooledIdle(false);
                each.close();
            }
        }
    }
}
