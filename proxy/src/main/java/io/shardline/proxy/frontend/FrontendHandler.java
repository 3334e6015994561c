package io.shardline.proxy.frontend;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.util.concurrent.ScheduledFuture;
import io.shardline.proxy.ProxyRuntime;
import io.shardline.proxy.backend.BackendConnection;
import io.shardline.proxy.execute.CommandExecutor;
import io.shardline.proxy.protocol.HandshakeResponse;
import io.shardline.proxy.protocol.MalformedPacketException;
import io.shardline.proxy.protocol.MySqlError;
import io.shardline.proxy.protocol.Packet;
import io.shardline.proxy.protocol.PacketTooLargeException;
import io.shardline.proxy.protocol.Packets;
import io.shardline.proxy.protocol.command.ClientCommand;
import io.shardline.proxy.protocol.command.CommandDecoder;
import io.shardline.proxy.session.PinReason;
import io.shardline.proxy.session.Session;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One client connection: login first ({@link LoginFlow}), then commands one at a time ({@link CommandDispatcher}).
 * Commands a client pipelines (sends before the previous answer) wait in a queue, and the socket is not read
 * while one runs, so a fast client cannot make the proxy buffer without bound. Everything runs on the channel's
 * event loop.
 */
public final class FrontendHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = Logger.getLogger(FrontendHandler.class.getName());
    private static final long LOGIN_TIMEOUT_SECONDS = 10;
    /**
     * Pipelined commands waiting beyond this many stop the proxy reading the client. Below it the socket stays
     * readable: pausing and resuming reads around every command would cost two epoll_ctl calls per statement.
     */
    private static final int PIPELINE_LIMIT = 64;

    private enum Phase { HANDSHAKE, AUTH, COMMAND, CLOSED }

    private final ProxyRuntime runtime;
    private final ArrayDeque<Packet> pending = new ArrayDeque<>();
    private Channel channel;
    private Session session;
    private CommandExecutor executor;
    private LoginFlow login;
    private CommandDispatcher dispatcher;
    private Phase phase = Phase.HANDSHAKE;
    private boolean busy;
    /** The last command was COM_STMT_SEND_LONG_DATA: its statement's COM_STMT_EXECUTE is still to come. */
    private boolean sendingLongData;
    private ScheduledFuture<?> loginTimeout;
    /** Counted against server.max-connections (so uncounted when it closes). */
    private boolean admitted;
    // For the admin API's session listing only: plain fields, written on the event loop, read as a rough view.
    private long connectedAtMillis;
    private long stateSinceNanos;
    private int lastCommand = -1;

    public FrontendHandler(ProxyRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        connectedAtMillis = System.currentTimeMillis();
        stateSinceNanos = System.nanoTime();
        String host = channel.remoteAddress() instanceof InetSocketAddress address
                ? address.getAddress().getHostAddress() : "localhost";
        if (refusedAtConnect(host)) {
            return;
        }
        session = new Session(runtime.nextConnectionId(), host);
        executor = new CommandExecutor(session, channel, runtime.choosersFor(channel.eventLoop()),
                runtime.sessionSync(), runtime.config().server().backendAcquireTimeout().toMillis(), System::nanoTime);
        login = new LoginFlow(runtime, channel, session, executor);
        dispatcher = new CommandDispatcher(runtime, this, login);
        runtime.sessions().add(session.id(), this);
        if (runtime.sessions().draining()) {
            // Accepted just before the listening socket closed. Checked after add(), so that a drain starting now
            // either finds this session in the registry or is seen here.
            refuse(MySqlError.ER_SERVER_SHUTDOWN, "Server shutdown in progress (Shardline is stopping)");
            return;
        }
        login.greet();
        loginTimeout = channel.eventLoop().schedule(() -> {
            if (phase != Phase.COMMAND) {
                channel.close();
            }
        }, LOGIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * The proxy-wide allow-list and connection limit, checked before the greeting: a refused client gets the error
     * a MySQL server sends in place of its greeting (1130, 1040), and the connection closes.
     */
    private boolean refusedAtConnect(String host) {
        io.shardline.proxy.config.ServerSettings server = runtime.config().server();
        if (channel.remoteAddress() instanceof InetSocketAddress address && !server.allowedHosts().allows(address)) {
            runtime.sessions().refused(SessionRegistry.Refusal.ALLOWED_HOSTS);
            refuse(MySqlError.ER_HOST_NOT_PRIVILEGED, "Host '" + host + "' is not allowed to connect to this"
                    + " Shardline server (server.allowed-hosts)");
            return true;
        }
        if (!runtime.sessions().tryAdmit(server.maxConnections())) {
            runtime.sessions().refused(SessionRegistry.Refusal.MAX_CONNECTIONS);
            refuse(MySqlError.ER_CON_COUNT_ERROR, "Too many connections (server.max-connections is "
                    + server.maxConnections() + ")");
            return true;
        }
        admitted = true;
        return false;
    }

    private void refuse(MySqlError error, String message) {
        phase = Phase.CLOSED;
        channel.writeAndFlush(io.shardline.proxy.protocol.ErrPacket.of(error, message).encode(channel.alloc(), 0))
                .addListener(io.netty.channel.ChannelFutureListener.CLOSE);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslRequestSniffer.TlsStarted) {
            login.tlsStarted();
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Packet packet = (Packet) msg;
        switch (phase) {
            case HANDSHAKE -> onHandshakeResponse(packet);
            case AUTH -> onAuthData(packet);
            case COMMAND -> onCommandPacket(packet);
            default -> packet.release();
        }
    }

    private void onHandshakeResponse(Packet packet) {
        try {
            HandshakeResponse response = HandshakeResponse.decode(packet.payload());
            phase = Phase.AUTH;
            login.start(response, packet.sequenceId(), this::loginDone);
        } catch (MalformedPacketException ex) {
            Replies.error(channel, packet.nextSequenceId(), MySqlError.ER_HANDSHAKE_ERROR, "Bad handshake: " + ex.getMessage());
            channel.close();
        } finally {
            packet.release();
        }
    }

    private void onAuthData(Packet packet) {
        try {
            login.next(ByteBufUtil.getBytes(packet.payload()), packet.sequenceId());
        } finally {
            packet.release();
        }
    }

    private void loginDone(boolean success) {
        if (success) {
            phase = Phase.COMMAND;
            loginTimeout.cancel(false);
        } else {
            phase = Phase.CLOSED;
            channel.close();
        }
    }

    /** COM_CHANGE_USER re-enters the login exchange; its follow-up packets are auth data, not commands. */
    void changingUser() {
        phase = Phase.AUTH;
    }

    void changeUserDone(boolean success) {
        loginDone(success);
    }

    private void onCommandPacket(Packet packet) {
        if (executor.acceptsClientData()) {
            forwardClientData(packet);
        } else if (busy) {
            pending.add(packet);
            if (pending.size() >= PIPELINE_LIMIT) {
                channel.config().setAutoRead(false);
            }
        } else {
            process(packet);
        }
    }

    /** LOCAL INFILE data: re-framed with the client's own sequence ids, ending with the empty packet. */
    private void forwardClientData(Packet packet) {
        ByteBuf payload = packet.payload();
        int frames = payload.readableBytes() / Packets.MAX_FRAME_PAYLOAD + 1;
        int firstSequence = (packet.sequenceId() - frames + 1) & 0xff;
        boolean last = !payload.isReadable();
        executor.forwardClientData(Packets.frame(channel.alloc(), payload.retain(), firstSequence), last,
                packet.sequenceId());
        packet.release();
    }

    private void process(Packet packet) {
        busy = true;
        stateSinceNanos = System.nanoTime();
        lastCommand = packet.payload().isReadable() ? packet.payload().getUnsignedByte(packet.payload().readerIndex())
                : -1;
        int replySequence = packet.nextSequenceId();
        ClientCommand command;
        try {
            command = CommandDecoder.decode(packet.payload(), session.capabilities());
        } catch (MalformedPacketException ex) {
            Replies.error(channel, replySequence, MySqlError.ER_MALFORMED_PACKET, "Malformed communication packet: "
                    + ex.getMessage());
            commandDone();
            return;
        }
        sendingLongData = command instanceof io.shardline.proxy.protocol.command.ComStmtSendLongData;
        dispatcher.dispatch(command, replySequence, this::commandDone);
    }

    private void commandDone() {
        busy = false;
        stateSinceNanos = System.nanoTime();
        if (phase == Phase.CLOSED || runtime.sessions().draining() && drainIfIdle()) {
            return;
        }
        if (pending.isEmpty()) {
            channel.config().setAutoRead(true);
        } else {
            if (pending.size() < PIPELINE_LIMIT) {
                channel.config().setAutoRead(true);
            }
            // Through the event loop, not recursion: a long pipeline of quick commands must not grow the stack.
            channel.eventLoop().execute(() -> {
                if (!busy && !pending.isEmpty() && phase == Phase.COMMAND) {
                    process(pending.poll());
                }
            });
        }
    }

    /** This session as {@code /api/sessions} lists it; null before it has a session. */
    SessionView view() {
        Session current = session;
        if (current == null || channel == null) {
            return null;
        }
        String state = phase != Phase.COMMAND ? "login" : busy ? "running" : "idle";
        java.util.List<String> pinned = new java.util.ArrayList<>();
        for (io.shardline.proxy.session.PinReason each : current.pins()) {
            pinned.add(each.name().toLowerCase(java.util.Locale.ROOT));
        }
        String client = channel.remoteAddress() instanceof InetSocketAddress address
                ? address.getAddress().getHostAddress() + ":" + address.getPort() : String.valueOf(channel.remoteAddress());
        return new SessionView(current.id(), current.user(), client, current.schema(), login != null && login.secure(),
                state, Math.round((System.nanoTime() - stateSinceNanos) / 1e6) / 1e3,
                SessionView.commandName(lastCommand), statementOf(current, busy), pinned,
                java.time.Instant.ofEpochMilli(connectedAtMillis).toString());
    }

    /** The running statement's digest (no literal values: they may be secrets), or null. */
    private String statementOf(Session current, boolean running) {
        CommandDispatcher commands = dispatcher;
        String text = running && commands != null ? commands.runningText() : null;
        return text == null ? null : io.shardline.proxy.slowlog.RedactedDigest.of(text,
                new io.shardline.router.sql.LexerOptions(current.noBackslashEscapes(), current.ansiQuotes()));
    }

    /**
     * The proxy is stopping: closes this session if it has nothing left to finish, and says whether it did. A
     * session inside a transaction, reading a cursor or sending a prepared statement's long data is left to finish
     * it (this runs again after each of its commands); one running a command closes when the command ends. The close comes after everything written so
     * far is flushed, so the last response reaches the client whole. On the session's event loop.
     */
    boolean drainIfIdle() {
        if (phase == Phase.CLOSED) {
            return true;
        }
        if (phase == Phase.COMMAND && (busy || sendingLongData || session.inTransaction()
                || session.pins().contains(PinReason.CURSOR))) {
            return false;
        }
        phase = Phase.CLOSED;
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        return true;
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        BackendConnection backend = session == null ? null : session.backend();
        if (channel.isWritable() && backend != null) {
            backend.channel().config().setAutoRead(true);
        }
        BackendConnection streaming = session == null ? null : session.streaming();
        if (channel.isWritable() && streaming != null) {
            streaming.channel().config().setAutoRead(true);
        }
        if (channel.isWritable() && executor != null) {
            executor.clientWritable();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        phase = Phase.CLOSED;
        if (admitted) {
            admitted = false;
            runtime.sessions().left();
            login.loggedOut();
        }
        if (loginTimeout != null) {
            loginTimeout.cancel(false);
        }
        if (session != null) {
            runtime.sessions().remove(session.id());
            executor.clientClosed();
        }
        while (!pending.isEmpty()) {
            pending.poll().release();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (root instanceof PacketTooLargeException tooLarge) {
            Replies.error(channel, 1, MySqlError.ER_NET_PACKET_TOO_LARGE, "Got a packet bigger than"
                    + " 'max_allowed_packet' bytes (" + tooLarge.getMessage() + "); raise server.max-allowed-packet");
        } else if (!(root instanceof IOException)) {
            LOG.log(Level.WARNING, "closing " + session + " after an unexpected error", root);
        }
        ctx.close();
    }

    Session session() {
        return session;
    }

    Channel channel() {
        return channel;
    }

    CommandExecutor executor() {
        return executor;
    }
}
