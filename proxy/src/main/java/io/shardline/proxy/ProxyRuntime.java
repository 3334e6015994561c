package io.shardline.proxy;

import io.netty.handler.ssl.SslContext;
import io.shardline.proxy.backend.BackendConnector;
import io.shardline.proxy.route.LoopChoosers;
import io.shardline.proxy.config.ProxyConfig;
import io.shardline.proxy.execute.SessionSync;
import io.shardline.proxy.frontend.SessionRegistry;
import io.shardline.proxy.frontend.auth.Authenticator;
import io.shardline.proxy.protocol.Capabilities;
import io.shardline.proxy.session.ClientTracking;
import io.shardline.proxy.session.Collations;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The services every session shares, built once by {@link ShardlineServer}. Immutable references; the objects
 * behind them are thread-safe or confined per event loop.
 *
 * @param serverVersion the version string clients see in the greeting
 * @param sslContext null when TLS is disabled
 * @param backendCapabilities what the default backend offered in its greeting
 * @param defaultTracking the session tracking the backend gives a fresh session
 * @param globalSqlMode the backend's global sql_mode (null when unknown)
 * @param rules the sharding rules in force, with the planner and key generator that go with them
 * @param tableColumns sharded tables' columns, for INSERTs without a column list
 * @param caching the result cache, null when it is off
 * @param statementMetrics client statements' latency and errors
 */
public record ProxyRuntime(ProxyConfig config,
                           java.util.Map<io.netty.channel.EventLoop, LoopChoosers> choosers, BackendConnector connector,
                           SessionSync sessionSync, Collations collations, String serverVersion,
                           int serverCollationId, long backendCapabilities, ClientTracking defaultTracking,
                           String globalSqlMode,
                           Authenticator authenticator, SslContext sslContext, SessionRegistry sessions,
                           AtomicLong connectionIds, io.shardline.proxy.rules.LiveRules rules,
                           io.shardline.proxy.route.TableColumns tableColumns,
                           io.shardline.proxy.cache.ResultCaching caching,
                           io.shardline.proxy.metrics.StatementMetrics statementMetrics) {
    /**
     * What the greeting offers: the proxy's set, shaped like the backend's greeting. Against MariaDB that means
     * LONG_PASSWORD cleared and the extended capabilities the proxy can relay (drivers such as MariaDB
     * Connector/J read JSON column types from MariaDB's extended metadata).
     */
    public long offeredCapabilities() {
        long result = Capabilities.PROXY_OFFERED | (sslContext != null ? Capabilities.SSL : 0);
        if (Capabilities.isMariaDbStyle(backendCapabilities)) {
            result = (result & ~Capabilities.LONG_PASSWORD) | (backendCapabilities & Capabilities.MARIADB_RELAYABLE);
        }
        return result;
    }

    /** The server choosers of an event loop (each loop has its own, so choosing needs no locks). */
    public LoopChoosers choosersFor(io.netty.channel.EventLoop loop) {
        LoopChoosers result = choosers.get(loop);
        if (result == null) {
            throw new IllegalStateException("no chooser for event loop " + loop);
        }
        return result;
    }

    /** Plans statements of sharded schemas under the rules in force (its cache of statement shapes is shared). */
    public io.shardline.router.plan.ShardPlanner planner() {
        return rules.current().planner();
    }

    /** Fills the key column an INSERT on a sharded table leaves out. */
    public io.shardline.router.algorithm.Snowflake keys() {
        return rules.current().keys();
    }

    public long nextConnectionId() {
        long result = connectionIds.incrementAndGet() & 0xffffffffL;
        return result == 0 ? nextConnectionId() : result;
    }
}
