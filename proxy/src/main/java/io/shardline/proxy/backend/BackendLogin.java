package io.shardline.proxy.backend;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Promise;
import io.shardline.proxy.protocol.AuthMoreData;
import io.shardline.proxy.protocol.AuthSwitchRequest;
import io.shardline.proxy.protocol.Capabilities;
import io.shardline.proxy.protocol.ErrPacket;
import io.shardline.proxy.protocol.HandshakeResponse;
import io.shardline.proxy.protocol.HandshakeV10;
import io.shardline.proxy.protocol.OkPacket;
import io.shardline.proxy.protocol.Packets;
import io.shardline.proxy.protocol.auth.CachingSha2Password;
import io.shardline.proxy.protocol.auth.NativePassword;
import io.shardline.proxy.protocol.auth.RsaPasswordCipher;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Map;

/**
 * The proxy logging into a backend: greeting, optional TLS, HandshakeResponse41, then whatever the server's
 * plugin asks for (auth switch; caching_sha2_password fast or full authentication), ending in OK or ERR.
 */
final class BackendLogin implements ResponseHandler {
    private enum State { GREETING, AUTH, PUBLIC_KEY, DONE }

    /** Collation sent at login: utf8mb4_general_ci, known to MySQL 5.5+ and every MariaDB. */
    static final int LOGIN_COLLATION = 45;

    private final BackendConnection connection;
    private final Promise<BackendConnection> promise;
    private final SslContext sslContext;
    private final byte[] password;
    private State state = State.GREETING;
    private HandshakeV10 greeting;
    private long capabilities;
    private String plugin;
    private byte[] seed;
    private boolean secure;
    private RuntimeException failure;

    BackendLogin(BackendConnection connection, Promise<BackendConnection> promise, SslContext sslContext) {
        this.connection = connection;
        this.promise = promise;
        this.sslContext = sslContext;
        this.password = connection.server().password() == null
                ? new byte[0] : connection.server().password().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public int onPacket(ByteBuf buf, int frameIndex, int payloadLength) {
        int sequenceId = Packets.sequenceId(buf, frameIndex);
        ByteBuf payload = buf.slice(frameIndex + Packets.HEADER_SIZE, payloadLength);
        int header = payloadLength == 0 ? -1 : payload.getUnsignedByte(0);
        if (header == ErrPacket.HEADER) {
            failure = new BackendErrorException(ErrPacket.decode(payload));
            state = State.DONE;
            return END;
        }
        switch (state) {
            case GREETING -> onGreeting(HandshakeV10.decode(payload), sequenceId);
            case AUTH -> onAuthPacket(payload, header, sequenceId);
            case PUBLIC_KEY -> sendRsaPassword(AuthMoreData.decode(payload).data(), sequenceId);
            default -> throw new IllegalStateException("login already finished");
        }
        return state == State.DONE ? END : CONSUME;
    }

    private void onGreeting(HandshakeV10 handshake, int sequenceId) {
        greeting = handshake;
        seed = handshake.authPluginData();
        plugin = handshake.authPluginName();
        long wanted = Capabilities.BACKEND_BASE | connection.flavour();
        if (connection.server().tls()) {
            wanted |= Capabilities.SSL;
        }
        // Against a MariaDB-style greeting, clearing LONG_PASSWORD is what asks for extended capabilities.
        capabilities = Capabilities.isMariaDbStyle(handshake.capabilities())
                ? wanted & handshake.capabilities() & ~Capabilities.LONG_PASSWORD
                : wanted & (handshake.capabilities() | Capabilities.LONG_PASSWORD);
        if (connection.server().tls() && !Capabilities.has(handshake.capabilities(), Capabilities.SSL)) {
            fail("the server does not offer TLS but the data source requires it (datasources.*.tls)");
            return;
        }
        state = State.AUTH;
        if (Capabilities.has(capabilities, Capabilities.SSL)) {
            startTls(sequenceId + 1);
        } else {
            sendResponse(sequenceId + 1);
        }
    }

    private void startTls(int sequenceId) {
        Channel channel = connection.channel();
        HandshakeResponse request = response();
        channel.writeAndFlush(request.encodeSslRequest(channel.alloc(), sequenceId));
        SslHandler ssl = sslContext.newHandler(channel.alloc(), connection.server().host(), connection.server().port());
        channel.pipeline().addFirst("tls", ssl);
        ssl.handshakeFuture().addListener(done -> {
            if (done.isSuccess()) {
                secure = true;
                sendResponse(sequenceId + 1);
            } else {
                fail("TLS handshake failed: " + done.cause().getMessage());
            }
        });
    }

    private HandshakeResponse response() {
        return new HandshakeResponse(capabilities, 1 << 30, LOGIN_COLLATION, connection.server().user(),
                scramble(plugin, seed), null, plugin,
                Map.of("_client_name", "shardline", "program_name", "shardline"));
    }

    private void sendResponse(int sequenceId) {
        Channel channel = connection.channel();
        channel.writeAndFlush(response().encode(channel.alloc(), sequenceId));
    }

    private byte[] scramble(String pluginName, byte[] nonce) {
        return switch (pluginName) {
            case NativePassword.PLUGIN -> NativePassword.scramble(password, nonce);
            case CachingSha2Password.PLUGIN -> CachingSha2Password.scramble(password, nonce);
            case "mysql_clear_password" -> java.util.Arrays.copyOf(password, password.length + 1);
            default -> {
                fail("the server asks for authentication plugin '" + pluginName + "', which the proxy cannot use;"
                        + " give the proxy's account mysql_native_password or caching_sha2_password");
                yield new byte[0];
            }
        };
    }

    // AUTH: OK (done) | auth switch request (0xfe) | more data (0x01) for caching_sha2_password.
    private void onAuthPacket(ByteBuf payload, int header, int sequenceId) {
        if (header == OkPacket.HEADER) {
            state = State.DONE;
            connection.loggedIn(capabilities, greeting.capabilities(), greeting.connectionId(), greeting.serverVersion());
        } else if (header == AuthSwitchRequest.HEADER) {
            AuthSwitchRequest request = AuthSwitchRequest.decode(payload);
            plugin = request.pluginName();
            seed = request.pluginData();
            writePacket(scramble(plugin, seed), sequenceId + 1);
        } else if (header == AuthMoreData.HEADER) {
            onMoreData(AuthMoreData.decode(payload).data(), sequenceId);
        } else {
            fail("unexpected packet 0x" + Integer.toHexString(header) + " during login");
        }
    }

    private void onMoreData(byte[] data, int sequenceId) {
        if (data.length == 1 && data[0] == CachingSha2Password.FAST_AUTH_SUCCESS) {
            return;
        }
        if (data.length == 1 && data[0] == CachingSha2Password.PERFORM_FULL_AUTHENTICATION) {
            if (secure) {
                writePacket(java.util.Arrays.copyOf(password, password.length + 1), sequenceId + 1);
            } else {
                state = State.PUBLIC_KEY;
                writePacket(new byte[] {CachingSha2Password.REQUEST_PUBLIC_KEY}, sequenceId + 1);
            }
            return;
        }
        fail("unexpected authentication data from the server");
    }

    private void sendRsaPassword(byte[] pem, int sequenceId) {
        try {
            byte[] encrypted = RsaPasswordCipher.encrypt(password, seed, RsaPasswordCipher.parsePublicKey(pem));
            state = State.AUTH;
            writePacket(encrypted, sequenceId + 1);
        } catch (GeneralSecurityException ex) {
            fail("cannot encrypt the password with the server's RSA key: " + ex.getMessage());
        }
    }

    private void writePacket(byte[] data, int sequenceId) {
        Channel channel = connection.channel();
        ByteBuf packet = Packets.begin(channel.alloc(), sequenceId).writeBytes(data);
        channel.writeAndFlush(Packets.finish(packet));
    }

    private void fail(String message) {
        state = State.DONE;
        promise.tryFailure(new BackendUnavailableException("cannot log into " + connection.server().name() + ": "
                + message, null));
        connection.close();
    }

    /** Completes the login only now, when the connection is free to take the next command. */
    @Override
    public void onEnd() {
        if (failure != null) {
            promise.tryFailure(failure);
        } else {
            promise.trySuccess(connection);
        }
    }

    @Override
    public void onFailure(Throwable cause) {
        promise.tryFailure(cause);
    }
}
