package io.shardline.proxy.admin;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.shardline.proxy.backend.Transport;
import io.shardline.proxy.config.Endpoint;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The management port: a small HTTP/1.1 server (Netty's codec) answering {@link AdminRoutes}.
 *
 * <p>It runs on one thread of its own rather than on the proxy's event loops: a scrape formats every meter into
 * one string (milliseconds with many meters), and a slow or misbehaving HTTP client must not add that latency to
 * the MySQL sessions sharing a loop. One thread is plenty for a few probes and scrapes a second, and keeps the
 * handlers single-threaded.
 */
public final class AdminServer implements AutoCloseable {
    /** The largest body: a whole configuration file for the rules paths (a 413 answers larger ones). */
    private static final int MAX_REQUEST_BYTES = 4 * 1024 * 1024;
    /** Closes connections idle this long; Prometheus keeps its connection open between scrapes. */
    private static final int IDLE_SECONDS = 300;

    private final EventLoopGroup group;
    private final Channel channel;

    private AdminServer(EventLoopGroup group, Channel channel) {
        this.group = group;
        this.channel = channel;
    }

    /** Binds {@code listen}; returns once it accepts connections, or throws naming the address if it cannot. */
    public static AdminServer start(Endpoint listen, AdminRoutes routes, Transport transport) {
        EventLoopGroup group = transport.newGroup(1, "shardline-management");
        ServerBootstrap bootstrap = new ServerBootstrap().group(group)
                .channel(transport.serverChannel())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new ReadTimeoutHandler(IDLE_SECONDS, TimeUnit.SECONDS),
                                new HttpServerCodec(), new HttpObjectAggregator(MAX_REQUEST_BYTES),
                                new AdminHttpHandler(routes));
                    }
                });
        try {
            return new AdminServer(group, bootstrap.bind(listen.host(), listen.port()).sync().channel());
        } catch (Exception ex) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            if (ex instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("cannot listen on management.listen " + listen + ": " + ex.getMessage()
                    + " (another process on that port? set management.listen to a free port, or 'off')", ex);
        }
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
