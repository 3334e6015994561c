package io.shardline.proxy;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.ssl.SslContext;
import io.shardline.proxy.backend.BackendConnector;
import io.shardline.proxy.backend.BackendPools;
import io.shardline.proxy.backend.BackendServer;
import io.shardline.proxy.backend.Transport;
import io.shardline.proxy.config.DataSourceSpec;
import io.shardline.proxy.config.ProxyConfig;
import io.shardline.proxy.execute.SessionSync;
import io.shardline.proxy.frontend.FrontendInitializer;
import io.shardline.proxy.frontend.SessionRegistry;
import io.shardline.proxy.frontend.auth.Authenticator;
import io.shardline.proxy.frontend.auth.ServerKeys;
import io.shardline.proxy.tls.ServerTls;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * The one place where the proxy is wired together: event loops, backend pools, TLS, authentication, and the
 * listening socket. Plain constructors, no container.
 */
public final class ShardlineServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ShardlineServer.class.getName());

    private final ProxyConfig config;
    private final EventLoopGroup bossGroup;
    private final EventLoopGroup workerGroup;
    private final BackendPools primaryPools;
    private final ProxyRuntime runtime;
    private Channel serverChannel;

    public ShardlineServer(ProxyConfig config) throws Exception {
        this.config = config;
        Transport transport = Transport.best();
        int workers = config.server().workerThreads() > 0 ? config.server().workerThreads()
                : Runtime.getRuntime().availableProcessors();
        bossGroup = transport.newGroup(1, "shardline-accept");
        workerGroup = transport.newGroup(workers, "shardline-io");
        BackendConnector connector = new BackendConnector(transport);
        BackendServer primary = primaryServer(config.defaultSource());
        BackendDiscovery discovery = BackendDiscovery.discover(connector, primary, (EventLoop) workerGroup.next());
        primaryPools = new BackendPools(primary, workerGroup, connector);
        SslContext ssl = ServerTls.create(config.server().tls());
        Authenticator authenticator = new Authenticator(config::user, config.server().defaultAuthPlugin(),
                ServerKeys.generate());
        runtime = new ProxyRuntime(config, primaryPools, connector,
                new SessionSync(discovery.collations().loginVariables()), discovery.collations(),
                ServerVersions.advertised(config.server().version(), discovery.version()),
                discovery.serverCollationId(), discovery.capabilities(), discovery.tracking(),
                discovery.globalSqlMode(), authenticator, ssl,
                new SessionRegistry(), new AtomicLong());
        LOG.info("transport " + transport.name() + ", " + workers + " I/O threads, backend " + primary.name()
                + " (" + (discovery.version().isEmpty() ? "unreachable now" : discovery.version()) + ")");
    }

    static BackendServer primaryServer(DataSourceSpec source) {
        return new BackendServer(source.name() + " primary " + source.primary(), source.primary().host(),
                source.primary().port(), source.user(), source.password(), source.tls(), source.pool());
    }

    /** Binds the client port; returns once clients can connect. */
    public ShardlineServer start() throws InterruptedException {
        ServerBootstrap bootstrap = new ServerBootstrap().group(bossGroup, workerGroup)
                .channel(Transport.best().serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 1024 * 1024))
                .childHandler(new FrontendInitializer(runtime));
        serverChannel = bootstrap.bind(config.server().host(), config.server().port()).sync().channel();
        LOG.info("Shardline listening on " + address() + " (MySQL protocol, version '" + runtime.serverVersion() + "')");
        return this;
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    public ProxyRuntime runtime() {
        return runtime;
    }

    @Override
    public void close() {
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
        }
        primaryPools.close();
        bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
