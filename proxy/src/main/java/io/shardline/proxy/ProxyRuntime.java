package io.shardline.proxy;

import io.netty.handler.ssl.SslContext;
import io.shardline.proxy.backend.BackendConnector;
import io.shardline.proxy.backend.BackendPools;
import io.shardline.proxy.config.ProxyConfig;
import io.shardline.proxy.execute.SessionSync;
import io.shardline.proxy.frontend.SessionRegistry;
import io.shardline.proxy.frontend.auth.Authenticator;
import io.shardline.proxy.session.Collations;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The services every session shares, built once by {@link ShardlineServer}. Immutable references; the objects
 * behind them are thread-safe or confined per event loop.
 *
 * @param serverVersion the version string clients see in the greeting
 * @param sslContext null when TLS is disabled
 */
public record ProxyRuntime(ProxyConfig config, BackendPools primaryPools, BackendConnector connector,
                           SessionSync sessionSync, Collations collations, String serverVersion,
                           int serverCollationId, Authenticator authenticator, SslContext sslContext,
                           SessionRegistry sessions, AtomicLong connectionIds) {
    public long nextConnectionId() {
        long result = connectionIds.incrementAndGet() & 0xffffffffL;
        return result == 0 ? nextConnectionId() : result;
    }
}
