package io.shardline.proxy.backend;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * Opens logged-in backend connections on a given event loop: TCP connect, login, then the session-tracking setup
 * every connection needs, all bounded by the pool's connect timeout.
 */
public final class BackendConnector {
    /**
     * Asks the server to report every change of session state in OK packets, so the proxy always knows what state
     * a connection is in without parsing SET statements itself.
     */
    public static final String TRACKING_SETUP = "SET @@session.session_track_system_variables='*',"
            + " @@session.session_track_schema=ON, @@session.session_track_state_change=ON";

    private final Transport transport;
    private final SslContext sslContext;

    public BackendConnector(Transport transport) {
        this.transport = transport;
        this.sslContext = clientSslContext();
    }

    public Future<BackendConnection> connect(BackendServer server, EventLoop loop, long flavour) {
        Promise<BackendConnection> result = loop.newPromise();
        long timeoutMillis = server.pool().connectTimeout().toMillis();
        Bootstrap bootstrap = new Bootstrap().group(loop).channel(transport.clientChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeoutMillis)
                .handler(new io.netty.channel.ChannelInboundHandlerAdapter());
        ChannelFuture connecting = bootstrap.connect(server.host(), server.port());
        Channel channel = connecting.channel();
        BackendConnection connection = new BackendConnection(channel, server, flavour);
        channel.pipeline().addLast("backend", new BackendInbound(connection));
        Promise<BackendConnection> login = loop.newPromise();
        connection.expect(new BackendLogin(connection, login, sslContext));
        connecting.addListener(done -> {
            if (!done.isSuccess()) {
                result.tryFailure(new BackendUnavailableException("cannot connect to " + server.name() + ": "
                        + done.cause().getMessage(), done.cause()));
            }
        });
        login.addListener(done -> {
            if (done.isSuccess()) {
                setUpTracking(connection, result);
            } else {
                result.tryFailure(unavailable(server, done.cause()));
                connection.close();
            }
        });
        loop.schedule(() -> {
            if (result.tryFailure(new BackendUnavailableException("cannot connect to " + server.name() + " within "
                    + timeoutMillis + " ms (datasources.*.pool.connect-timeout)", null))) {
                connection.close();
            }
        }, timeoutMillis, TimeUnit.MILLISECONDS);
        return result;
    }

    private static Throwable unavailable(BackendServer server, Throwable cause) {
        if (cause instanceof BackendErrorException refused) {
            return new BackendUnavailableException("cannot log into " + server.name() + ": " + refused.getMessage()
                    + " (check datasources.*.user and password)", cause);
        }
        return cause;
    }

    private static void setUpTracking(BackendConnection connection, Promise<BackendConnection> result) {
        connection.query(TRACKING_SETUP).addListener(done -> {
            if (done.isSuccess()) {
                // The tracking settings themselves are the baseline every pooled connection shares.
                connection.state().variables().clear();
                result.trySuccess(connection);
            } else {
                result.tryFailure(done.cause());
                connection.close();
            }
        });
    }

    /**
     * Backends are usually on a private network or loopback; the proxy encrypts when asked but does not verify the
     * server certificate (as the MySQL client's --ssl without --ssl-verify-server-cert).
     */
    private static SslContext clientSslContext() {
        try {
            return SslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE).build();
        } catch (SSLException ex) {
            throw new IllegalStateException("cannot set up TLS for backend connections", ex);
        }
    }
}
