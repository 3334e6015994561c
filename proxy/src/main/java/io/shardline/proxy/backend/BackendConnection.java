package io.shardline.proxy.backend;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.shardline.proxy.protocol.Capabilities;
import io.shardline.proxy.protocol.CommandCode;
import io.shardline.proxy.protocol.Packets;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * One logged-in connection to a backend server, driven from its channel's event loop only (the same loop as the
 * client sessions it serves, so nothing here is locked). It runs one command at a time: {@link #send} installs
 * the {@link ResponseHandler} that receives the response.
 */
public final class BackendConnection {
    private final Channel channel;
    private final BackendServer server;
    private final long flavour;
    private final ResponseTracker tracker = new ResponseTracker();
    private final BackendSessionState state = new BackendSessionState();
    private final BackendStatements statements = new BackendStatements();
    private final long createdNanos = System.nanoTime();
    private long capabilities;
    private long serverCapabilities;
    private long threadId;
    private String serverVersion = "";
    private ResponseHandler handler;
    private Consumer<BackendConnection> closeListener;
    private boolean closed;
    private long idleSinceNanos = System.nanoTime();
    private boolean pooledIdle;
    private long lastSessionId = -1;
    private BackendPool owner;

    BackendConnection(Channel channel, BackendServer server, long flavour) {
        this.channel = channel;
        this.server = server;
        this.flavour = flavour;
    }

    void loggedIn(long negotiatedCapabilities, long offeredByServer, long serverThreadId, String version) {
        capabilities = negotiatedCapabilities;
        serverCapabilities = offeredByServer;
        threadId = serverThreadId;
        serverVersion = version;
    }

    public Channel channel() {
        return channel;
    }

    public BackendServer server() {
        return server;
    }

    /** The client capability bits this connection was opened with; see {@link Capabilities#FLAVOUR_MASK}. */
    public long flavour() {
        return flavour;
    }

    public long capabilities() {
        return capabilities;
    }

    /** What the server offered in its greeting (MariaDB-style or not, extended capabilities). */
    public long serverCapabilities() {
        return serverCapabilities;
    }

    public boolean deprecateEof() {
        return Capabilities.has(capabilities, Capabilities.DEPRECATE_EOF);
    }

    /** The server's id for this connection, as KILL and CONNECTION_ID() know it. */
    public long threadId() {
        return threadId;
    }

    public String serverVersion() {
        return serverVersion;
    }

    public ResponseTracker tracker() {
        return tracker;
    }

    public BackendSessionState state() {
        return state;
    }

    /** The statements prepared on this connection (by any session that used it). */
    public BackendStatements statements() {
        return statements;
    }

    public boolean isUsable() {
        return !closed && channel.isActive();
    }

    public boolean isBusy() {
        return handler != null;
    }

    ResponseHandler handler() {
        return handler;
    }

    /**
     * Sends a command (payload with its command byte; ownership is taken) and routes the response to
     * {@code responseHandler}. A command without a response ends immediately.
     */
    public void send(ByteBuf payload, ResponseKind kind, ResponseHandler responseHandler) {
        if (handler != null) {
            payload.release();
            throw new IllegalStateException("backend connection " + threadId + " is still busy");
        }
        if (closed) {
            payload.release();
            responseHandler.onFailure(lostException(null));
            return;
        }
        tracker.begin(kind, deprecateEof());
        if (payload.readableBytes() < Packets.MAX_FRAME_PAYLOAD) {
            // The common case: one frame, written as header + payload (a gathering write, no composite buffer).
            channel.write(channel.alloc().ioBuffer(Packets.HEADER_SIZE).writeMediumLE(payload.readableBytes())
                    .writeByte(0), channel.voidPromise());
            channel.writeAndFlush(payload, channel.voidPromise());
        } else {
            channel.writeAndFlush(Packets.frame(channel.alloc(), payload, 0), channel.voidPromise());
        }
        if (kind == ResponseKind.NONE) {
            responseHandler.onEnd();
        } else {
            handler = responseHandler;
        }
    }

    /** Sends a command that has no response (COM_STMT_CLOSE, COM_STMT_SEND_LONG_DATA); takes ownership. */
    public void sendNoReply(ByteBuf payload) {
        channel.writeAndFlush(Packets.frame(channel.alloc(), payload, 0), channel.voidPromise());
    }

    /** Writes packets the client sends inside a command (LOCAL INFILE data) unchanged; takes ownership. */
    public void sendRaw(ByteBuf frames) {
        channel.writeAndFlush(frames, channel.voidPromise());
    }

    /** Installs the handler for packets that arrive without a command (the login exchange). */
    void expect(ResponseHandler loginHandler) {
        handler = loginHandler;
    }

    void responseEnded(ResponseHandler ended) {
        if (handler == ended) {
            handler = null;
        }
        ended.onEnd();
    }

    /** Runs one SQL statement of the proxy's own and reports its outcome; rows, if any, are collected. */
    public Future<InternalResult> query(String sql) {
        Promise<InternalResult> result = channel.eventLoop().newPromise();
        byte[] text = sql.getBytes(StandardCharsets.UTF_8);
        ByteBuf payload = channel.alloc().buffer(1 + text.length).writeByte(CommandCode.COM_QUERY).writeBytes(text);
        send(payload, ResponseKind.RESULT, new InternalCommand(this, result));
        return result;
    }

    /** Prepares a statement for the proxy's own use: the response (definitions included) is consumed. */
    public Future<InternalResult> prepare(byte[] sql) {
        Promise<InternalResult> result = channel.eventLoop().newPromise();
        ByteBuf payload = channel.alloc().buffer(1 + sql.length).writeByte(CommandCode.COM_STMT_PREPARE).writeBytes(sql);
        send(payload, ResponseKind.PREPARE, new InternalCommand(this, result));
        return result;
    }

    /** Runs a command of the proxy's own that answers with one packet (ping, init db, set option, reset). */
    public Future<InternalResult> command(ByteBuf payload) {
        Promise<InternalResult> result = channel.eventLoop().newPromise();
        send(payload, ResponseKind.SINGLE, new InternalCommand(this, result));
        return result;
    }

    void unsolicitedPacket(ByteBuf in, int index, int length) {
        // Servers send an ERR before closing a connection they time out or kill; either way it is finished.
        in.skipBytes(in.readableBytes());
        close();
    }

    void onClose(Consumer<BackendConnection> listener) {
        closeListener = listener;
    }

    void closed(Throwable cause) {
        if (closed) {
            return;
        }
        closed = true;
        ResponseHandler pending = handler;
        handler = null;
        if (pending != null) {
            pending.onFailure(lostException(cause));
        }
        if (closeListener != null) {
            closeListener.accept(this);
        }
        channel.close();
    }

    public void close() {
        closed(null);
    }

    private BackendLostException lostException(Throwable cause) {
        String reason = cause == null ? "connection closed" : cause.getMessage();
        return new BackendLostException("lost the connection to " + server.name() + " (" + reason + ")", cause);
    }

    long createdNanos() {
        return createdNanos;
    }

    long idleSinceNanos() {
        return idleSinceNanos;
    }

    void markIdle(long nowNanos) {
        idleSinceNanos = nowNanos;
    }

    /** Whether the connection sits in its pool's idle list (kept by the pool, which alone changes it). */
    boolean pooledIdle() {
        return pooledIdle;
    }

    void pooledIdle(boolean value) {
        pooledIdle = value;
    }

    /** The pool this connection belongs to (and must be given back to). */
    public BackendPool owner() {
        return owner;
    }

    void owner(BackendPool pool) {
        owner = pool;
    }

    /** The session that used this connection last, for pool affinity. */
    public long lastSessionId() {
        return lastSessionId;
    }

    public void lastSessionId(long sessionId) {
        lastSessionId = sessionId;
    }

    @Override
    public String toString() {
        return "BackendConnection[" + server.name() + ", thread " + threadId + "]";
    }
}
