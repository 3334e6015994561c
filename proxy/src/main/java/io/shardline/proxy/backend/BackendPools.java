package io.shardline.proxy.backend;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * All pools of one server: one per event loop, each with an equal share of the server's max-size. The map is
 * built once and only read afterwards, so lookups need no synchronisation.
 */
public final class BackendPools {
    private final BackendServer server;
    private final Map<EventLoop, BackendPool> byLoop = new IdentityHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger borrowed = new java.util.concurrent.atomic.AtomicInteger();

    public BackendPools(BackendServer server, EventLoopGroup group, BackendConnector connector) {
        this(server, group, connector, PoolWaits.NONE);
    }

    /** @param waits told how long each borrow from any of the pools took */
    public BackendPools(BackendServer server, EventLoopGroup group, BackendConnector connector, PoolWaits waits) {
        this.server = server;
        List<EventLoop> loops = new ArrayList<>();
        for (EventExecutor each : group) {
            loops.add((EventLoop) each);
        }
        int share = Math.max(1, (server.pool().maxSize() + loops.size() - 1) / loops.size());
        for (EventLoop each : loops) {
            BackendPool pool = new BackendPool(server, each, connector, share, System::nanoTime, borrowed, waits);
            byLoop.put(each, pool);
            each.execute(pool::start);
        }
    }

    public BackendServer server() {
        return server;
    }

    /** Connections to this server lent out right now, over all event loops. */
    public int borrowed() {
        return borrowed.get();
    }

    public BackendPool on(EventLoop loop) {
        BackendPool result = byLoop.get(loop);
        if (result == null) {
            throw new IllegalStateException("no pool for event loop " + loop + "; sessions must run on the worker group");
        }
        return result;
    }

    /** Totals over all loops; each pool is read on its own loop. */
    public PoolStats stats() {
        PoolStats result = new PoolStats(0, 0, 0, 0);
        for (Map.Entry<EventLoop, BackendPool> each : byLoop.entrySet()) {
            try {
                result = result.plus(each.getKey().submit(each.getValue()::stats).get());
            } catch (Exception ex) {
                Thread.currentThread().interrupt();
                return result;
            }
        }
        return result;
    }

    /**
     * Out of service (an operator took the server offline) or back: each loop's pool closes its idle connections
     * now and those given back later, instead of keeping them. Applied on each pool's own loop.
     */
    public void retire(boolean retired) {
        byLoop.forEach((loop, pool) -> loop.execute(() -> pool.retire(retired)));
    }

    public void close() {
        byLoop.forEach((loop, pool) -> loop.execute(pool::close));
    }
}
