package io.shardline.proxy.execute;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.shardline.proxy.backend.BackendConnection;
import io.shardline.proxy.backend.PacketKind;
import io.shardline.proxy.backend.ResponseHandler;
import io.shardline.proxy.backend.ResponseTracker;
import io.shardline.proxy.protocol.Capabilities;
import io.shardline.proxy.protocol.EofPacket;
import io.shardline.proxy.protocol.ErrPacket;
import io.shardline.proxy.protocol.LogicalColumnNames;
import io.shardline.proxy.protocol.OkPacket;
import io.shardline.proxy.protocol.Packets;
import io.shardline.proxy.protocol.ServerStatus;
import io.shardline.proxy.protocol.SessionStateChanges;
import io.shardline.proxy.protocol.WireFormat;
import io.shardline.proxy.session.Session;

/**
 * Streams one backend response to the client packet by packet, unchanged (same bytes, same sequence ids), while
 * reading the few packets that tell the proxy about session state: OK (session tracking, last insert id, status),
 * EOF (status), ERR, prepare-OK. Rows are never decoded. When the client cannot take more, the backend stops
 * being read until it can ({@code FrontendHandler} resumes it), so no result is buffered whole.
 *
 * <p>The rewrites: a client that did not negotiate SESSION_TRACK gets OK packets without the session-state
 * block the proxy always asks backends for; a shard's column definitions get the logical schema and table names
 * when the statement was placed by the sharding rules.
 */
final class Relay implements ResponseHandler {
    private final Session session;
    private final Channel client;
    private final BackendConnection backend;
    private final RelayListener listener;
    private final boolean clientTracksSession;
    private ByteBuf replacement;
    private boolean forwardedAny;
    private boolean midPacket;
    private int lastSequenceId = -1;
    private int warnings;
    private boolean error;
    private int errorCode;
    private boolean charsetChangedWithoutCollation;
    private boolean wrote;
    /** May the first packet's ERR be held back so the statement is retried elsewhere (see {@link #RETRYABLE}). */
    private final boolean retryAllowed;
    private ErrPacket retryableError;

    /**
     * Errors a replica gives before doing anything, after which the read can run elsewhere: read-only server
     * (a read that writes, e.g. through a stored function), shutting down, connection killed, too many connections.
     */
    private static final java.util.Set<Integer> RETRYABLE = java.util.Set.of(1290, 1053, 1927, 1040, 1836);

    /** Told of a prepare-OK from the backend; returns the statement id the client is to know it by. */
    public interface PrepareHook {
        int prepared(BackendConnection connection, long backendId, int parameterCount, int columnCount);
    }

    interface RelayListener {
        /**
         * The server reported the GTID a write produced, in an OK packet not yet forwarded: whatever must know of
         * the write before the client can act on its acknowledgement learns it here.
         */
        void wroteGtid(String gtid);

        void relayEnded(Relay relay);

        void relayFailed(Relay relay, Throwable cause);
    }

    private final PrepareHook prepareHook;
    /** Puts the logical schema and tables into a shard's column definitions; null to forward them unchanged. */
    private final LogicalColumnNames columnNames;

    Relay(Session session, Channel client, BackendConnection backend, RelayListener listener, boolean retryAllowed,
          PrepareHook prepareHook, LogicalColumnNames columnNames) {
        this.columnNames = columnNames;
        this.retryAllowed = retryAllowed;
        this.prepareHook = prepareHook;
        this.session = session;
        this.client = client;
        this.backend = backend;
        this.listener = listener;
        this.clientTracksSession = session.clientHas(Capabilities.SESSION_TRACK);
    }

    @Override
    public int onPacket(ByteBuf buf, int frameIndex, int payloadLength) {
        int payloadIndex = frameIndex + Packets.HEADER_SIZE;
        ResponseTracker tracker = backend.tracker();
        PacketKind kind = tracker.accept(buf, payloadIndex, payloadLength);
        lastSequenceId = Packets.sequenceId(buf, frameIndex);
        midPacket = payloadLength == Packets.MAX_FRAME_PAYLOAD;
        int action = FORWARD;
        if (kind == PacketKind.ERR && retryAllowed && !forwardedAny) {
            ErrPacket error = ErrPacket.decode(buf.slice(payloadIndex, payloadLength));
            if (RETRYABLE.contains(error.code())) {
                retryableError = error;
                return tracker.isDone() ? CONSUME | END : CONSUME;
            }
        }
        switch (kind) {
            case OK, TERMINATOR_OK -> action = onOk(buf, payloadIndex, payloadLength, frameIndex);
            case EOF -> onEof(buf, payloadIndex, payloadLength);
            case ERR -> {
                error = true;
                errorCode = buf.getUnsignedShortLE(payloadIndex + 1);
                session.trace().failed(errorCode);
            }
            case PREPARE_OK -> action = onPrepareOk(buf, frameIndex, payloadLength);
            case ROW -> session.trace().rowSent();
            case COLUMN_DEFINITION -> action = onColumnDefinition(buf, frameIndex, payloadLength);
            // The client answers with the file's packets: its socket must be read even if a long pipeline paused it.
            case LOCAL_INFILE_REQUEST -> client.config().setAutoRead(true);
            default -> { }
        }
        forwardedAny = true;
        return tracker.isDone() ? action | END : action;
    }

    private int onColumnDefinition(ByteBuf buf, int frameIndex, int payloadLength) {
        if (columnNames == null) {
            return FORWARD;
        }
        replacement = columnNames.rewrite(buf, frameIndex + Packets.HEADER_SIZE, payloadLength,
                Packets.sequenceId(buf, frameIndex), client.alloc());
        return replacement == null ? FORWARD : REPLACE;
    }

    /** The client knows the statement by the proxy's id, not the backend connection's. */
    private int onPrepareOk(ByteBuf buf, int frameIndex, int payloadLength) {
        int payloadIndex = frameIndex + Packets.HEADER_SIZE;
        if (prepareHook == null) {
            return FORWARD;
        }
        int id = prepareHook.prepared(backend, buf.getUnsignedIntLE(payloadIndex + 1),
                buf.getUnsignedShortLE(payloadIndex + 7), buf.getUnsignedShortLE(payloadIndex + 5));
        replacement = client.alloc().buffer(Packets.HEADER_SIZE + payloadLength)
                .writeBytes(buf, frameIndex, Packets.HEADER_SIZE + payloadLength);
        replacement.setIntLE(Packets.HEADER_SIZE + 1, id);
        return REPLACE;
    }

    private int onOk(ByteBuf buf, int payloadIndex, int payloadLength, int frameIndex) {
        OkPacket ok = OkPacket.decode(buf.slice(payloadIndex, payloadLength), backend.capabilities());
        SessionStateChanges changes = ok.sessionStateChanges();
        if (!changes.isEmpty()) {
            session.apply(changes);
            backend.state().apply(changes);
            String gtid = changes.systemVariables().get("last_gtid");
            if (gtid != null && !gtid.isEmpty()) {
                listener.wroteGtid(gtid);
            }
            if (changes.systemVariables().containsKey("character_set_connection")
                    && !changes.systemVariables().containsKey("collation_connection")) {
                charsetChangedWithoutCollation = true;
            }
        }
        if (ok.affectedRows() > 0 || changes.systemVariables().containsKey("last_gtid")) {
            wrote = true;
        }
        if (ok.lastInsertId() != 0) {
            session.lastInsertId(ok.lastInsertId());
            backend.state().lastInsertId(ok.lastInsertId());
        }
        session.trace().affected(ok.affectedRows());
        session.status(ok.status());
        warnings = ok.warnings();
        return clientTracksSession ? trimTracking(ok, frameIndex, buf) : dropTracking(ok, frameIndex, buf,
                payloadIndex, payloadLength);
    }

    /** A tracking client gets only the entries it asked for (see {@link io.shardline.proxy.session.ClientTracking}). */
    private int trimTracking(OkPacket ok, int frameIndex, ByteBuf buf) {
        if (ok.sessionState().length == 0) {
            return FORWARD;
        }
        byte[] kept = session.tracking().filter(ok.sessionState());
        if (kept == ok.sessionState()) {
            return FORWARD;
        }
        int status = kept.length == 0 ? ok.status() & ~ServerStatus.SESSION_STATE_CHANGED : ok.status();
        replacement = new OkPacket(ok.header(), ok.affectedRows(), ok.lastInsertId(), status, ok.warnings(), ok.info(),
                kept).encode(client.alloc(), Packets.sequenceId(buf, frameIndex), session.capabilities());
        return REPLACE;
    }

    /** A client without SESSION_TRACK reads the info as the rest of the packet and knows no state block. */
    private int dropTracking(OkPacket ok, int frameIndex, ByteBuf buf, int payloadIndex, int payloadLength) {
        if (!hasTrailer(buf, payloadIndex, payloadLength)) {
            return FORWARD;
        }
        replacement = ok.encode(client.alloc(), Packets.sequenceId(buf, frameIndex), session.capabilities());
        return REPLACE;
    }

    /** Whether the OK has bytes after its warnings field (info or session state) that need rewriting. */
    private static boolean hasTrailer(ByteBuf buf, int payloadIndex, int payloadLength) {
        ByteBuf view = buf.slice(payloadIndex + 1, payloadLength - 1);
        WireFormat.readLenencInt(view);
        WireFormat.readLenencInt(view);
        return view.readableBytes() > 4;
    }

    private void onEof(ByteBuf buf, int payloadIndex, int payloadLength) {
        EofPacket eof = EofPacket.decode(buf.slice(payloadIndex, payloadLength));
        session.status(eof.status());
        warnings = eof.warnings();
    }

    @Override
    public void writeSpan(ByteBuf span) {
        client.write(span, client.voidPromise());
    }

    @Override
    public ByteBuf takeReplacement() {
        ByteBuf result = replacement;
        replacement = null;
        return result;
    }

    /** Flushes what one network read produced, and stops reading the backend while the client lags. */
    @Override
    public void onReadComplete() {
        client.flush();

        if (!client.isWritable()) {
            backend.channel().config().setAutoRead(false);
        }
    }

    @Override
    public void onEnd() {
        client.flush();
        backend.channel().config().setAutoRead(true);
        listener.relayEnded(this);
    }

    @Override
    public void onFailure(Throwable cause) {
        listener.relayFailed(this, cause);
    }

    boolean awaitsClientData() {
        return backend.tracker().awaitsClientData();
    }

    boolean forwardedAny() {
        return forwardedAny;
    }

    /** True when the failure struck inside a packet split over frames: no clean error can follow. */
    boolean midPacket() {
        return midPacket;
    }

    int nextSequenceId() {
        return (lastSequenceId + 1) & 0xff;
    }

    int warnings() {
        return warnings;
    }

    boolean error() {
        return error;
    }

    /** The code of the ERR the response ended with; 0 when none. */
    int errorCode() {
        return errorCode;
    }

    /** The replica's ERR that was held back so the statement can run elsewhere, or null. */
    io.shardline.proxy.backend.BackendErrorException retryableError() {
        return retryableError == null ? null : new io.shardline.proxy.backend.BackendErrorException(retryableError);
    }

    /** The statement changed data (affected rows, or the server logged a GTID for it). */
    boolean wrote() {
        return wrote;
    }

    boolean charsetChangedWithoutCollation() {
        return charsetChangedWithoutCollation;
    }

    BackendConnection backend() {
        return backend;
    }
}
