package io.shardline.proxy.backend;

import io.netty.buffer.ByteBuf;
import io.shardline.proxy.protocol.MalformedPacketException;
import io.shardline.proxy.protocol.Packets;
import io.shardline.proxy.protocol.ServerStatus;
import io.shardline.proxy.protocol.WireFormat;

/**
 * Follows one backend response packet by packet and knows where it ends, without decoding rows: only the first
 * byte and length of each packet are read, plus the few fields that steer the grammar (column counts, prepare-OK
 * counts, status flags of OK/EOF). One tracker per backend connection, reset for every command.
 *
 * <p>The caller reads {@link #statusFlags()} after OK/EOF/terminator packets to learn transaction state and
 * whether more results follow; the tracker itself moves to the next result when MORE_RESULTS_EXISTS is set.
 */
public final class ResponseTracker {
    private static final int LOCAL_INFILE_HEADER = 0xfb;

    private enum State {
        FIRST, COLUMNS, COLUMNS_EOF, ROWS, PREPARE_FIRST, PREPARE_PARAMS, PREPARE_PARAMS_EOF,
        PREPARE_COLUMNS, PREPARE_COLUMNS_EOF, FIELD_LIST, SINGLE, INFILE_WAIT, DONE
    }

    private State state = State.DONE;
    private ResponseKind kind = ResponseKind.NONE;
    private boolean deprecateEof;
    private boolean binaryRows;
    private boolean continuing;
    private long remaining;
    private int prepareColumns;
    private int statusFlags;

    /** Starts following the response to a command just sent. */
    public void begin(ResponseKind responseKind, boolean deprecateEofNegotiated) {
        kind = responseKind;
        deprecateEof = deprecateEofNegotiated;
        binaryRows = responseKind == ResponseKind.BINARY_RESULT || responseKind == ResponseKind.FETCH;
        continuing = false;
        statusFlags = 0;
        state = switch (responseKind) {
            case RESULT, BINARY_RESULT -> State.FIRST;
            case FETCH -> State.ROWS;
            case PREPARE -> State.PREPARE_FIRST;
            case FIELD_LIST -> State.FIELD_LIST;
            case SINGLE -> State.SINGLE;
            case NONE -> State.DONE;
        };
    }

    public boolean isDone() {
        return state == State.DONE;
    }

    /** True after a LOCAL INFILE request: the client now sends file packets, then the server answers. */
    public boolean awaitsClientData() {
        return state == State.INFILE_WAIT;
    }

    /** The client finished sending LOCAL INFILE data; the server's OK or ERR follows. */
    public void clientDataSent() {
        if (state == State.INFILE_WAIT) {
            state = State.FIRST;
        }
    }

    /** Status flags of the latest OK, EOF or terminator packet. */
    public int statusFlags() {
        return statusFlags;
    }

    /** Classifies the complete packet whose payload starts at {@code index} in {@code buf}. */
    public PacketKind accept(ByteBuf buf, int index, int length) {
        if (continuing) {
            continuing = length == Packets.MAX_FRAME_PAYLOAD;
            return PacketKind.CONTINUATION;
        }
        continuing = length == Packets.MAX_FRAME_PAYLOAD;
        if (state == State.DONE || state == State.INFILE_WAIT) {
            throw new MalformedPacketException("unexpected packet from the server after its response ended");
        }
        int header = length == 0 ? -1 : buf.getUnsignedByte(index);
        return switch (state) {
            case FIRST -> handleFirst(buf, index, length, header);
            case COLUMNS -> handleColumn(State.COLUMNS_EOF);
            case COLUMNS_EOF -> handleColumnsEof(buf, index, length, header);
            case ROWS -> handleRow(buf, index, length, header);
            case PREPARE_FIRST -> handlePrepareFirst(buf, index, length, header);
            case PREPARE_PARAMS -> handlePrepareParam();
            case PREPARE_PARAMS_EOF -> handlePrepareParamsEof(buf, index, length);
            case PREPARE_COLUMNS -> handlePrepareColumn();
            case PREPARE_COLUMNS_EOF -> finishWithEof(buf, index, length);
            case FIELD_LIST -> handleFieldList(buf, index, length, header);
            case SINGLE -> handleSingle(buf, index, length, header);
            default -> throw new IllegalStateException(state.name());
        };
    }

    // FIRST: OK | ERR | LOCAL INFILE request (0xfb) | column count starting a result set.
    private PacketKind handleFirst(ByteBuf buf, int index, int length, int header) {
        if (header == 0x00) {
            readOkStatus(buf, index, length);
            state = moreResults() ? State.FIRST : State.DONE;
            return PacketKind.OK;
        }
        if (header == 0xff) {
            state = State.DONE;
            return PacketKind.ERR;
        }
        if (header == LOCAL_INFILE_HEADER) {
            state = State.INFILE_WAIT;
            return PacketKind.LOCAL_INFILE_REQUEST;
        }
        ByteBuf view = buf.slice(index, length);
        remaining = WireFormat.readLenencInt(view);
        if (remaining <= 0) {
            throw new MalformedPacketException("result set with " + remaining + " columns");
        }
        state = State.COLUMNS;
        return PacketKind.COLUMN_COUNT;
    }

    // COLUMNS: column definitions; after the last one an EOF follows unless DEPRECATE_EOF.
    private PacketKind handleColumn(State eofState) {
        if (--remaining == 0) {
            state = deprecateEof ? State.ROWS : eofState;
        }
        return PacketKind.COLUMN_DEFINITION;
    }

    // COLUMNS_EOF: the EOF closing column definitions; with an open cursor no rows follow.
    private PacketKind handleColumnsEof(ByteBuf buf, int index, int length, int header) {
        if (header == 0xff) {
            state = State.DONE;
            return PacketKind.ERR;
        }
        readEofStatus(buf, index, length);
        state = ServerStatus.has(statusFlags, ServerStatus.CURSOR_EXISTS) && kind == ResponseKind.BINARY_RESULT
                ? State.DONE : State.ROWS;
        return PacketKind.EOF;
    }

    // ROWS: rows until a terminator (EOF, or OK with header 0xfe under DEPRECATE_EOF) or ERR.
    private PacketKind handleRow(ByteBuf buf, int index, int length, int header) {
        if (header == 0xff) {
            state = State.DONE;
            return PacketKind.ERR;
        }
        // A text row can start with 0xfe only for a value of 16 MiB or more, which makes a full-size frame.
        if (header == 0xfe && length < Packets.MAX_FRAME_PAYLOAD && (binaryRows || length < 9 || deprecateEof)) {
            PacketKind result;
            if (deprecateEof) {
                readOkStatus(buf, index, length);
                result = PacketKind.TERMINATOR_OK;
            } else {
                readEofStatus(buf, index, length);
                result = PacketKind.EOF;
            }
            state = moreResults() ? State.FIRST : State.DONE;
            return result;
        }
        return PacketKind.ROW;
    }

    // PREPARE_FIRST: prepare-OK (statement id, column and parameter counts) | ERR.
    private PacketKind handlePrepareFirst(ByteBuf buf, int index, int length, int header) {
        if (header == 0xff) {
            state = State.DONE;
            return PacketKind.ERR;
        }
        if (header != 0x00 || length < 9) {
            throw new MalformedPacketException("prepare response starts with 0x" + Integer.toHexString(header));
        }
        prepareColumns = buf.getUnsignedShortLE(index + 5);
        remaining = buf.getUnsignedShortLE(index + 7);
        state = remaining > 0 ? State.PREPARE_PARAMS : afterPrepareParams();
        return PacketKind.PREPARE_OK;
    }

    private PacketKind handlePrepareParam() {
        if (--remaining == 0) {
            state = deprecateEof ? afterPrepareParams() : State.PREPARE_PARAMS_EOF;
        }
        return PacketKind.COLUMN_DEFINITION;
    }

    private PacketKind handlePrepareParamsEof(ByteBuf buf, int index, int length) {
        readEofStatus(buf, index, length);
        state = afterPrepareParams();
        return PacketKind.EOF;
    }

    private State afterPrepareParams() {
        remaining = prepareColumns;
        return prepareColumns > 0 ? State.PREPARE_COLUMNS : State.DONE;
    }

    private PacketKind handlePrepareColumn() {
        if (--remaining == 0) {
            state = deprecateEof ? State.DONE : State.PREPARE_COLUMNS_EOF;
        }
        return PacketKind.COLUMN_DEFINITION;
    }

    private PacketKind finishWithEof(ByteBuf buf, int index, int length) {
        readEofStatus(buf, index, length);
        state = State.DONE;
        return PacketKind.EOF;
    }

    // FIELD_LIST: column definitions until EOF (or OK with 0xfe) | ERR.
    private PacketKind handleFieldList(ByteBuf buf, int index, int length, int header) {
        if (header == 0xff) {
            state = State.DONE;
            return PacketKind.ERR;
        }
        if (header == 0xfe && length < 9) {
            return finishWithEof(buf, index, length);
        }
        if (header == 0xfe && deprecateEof && length < Packets.MAX_FRAME_PAYLOAD) {
            readOkStatus(buf, index, length);
            state = State.DONE;
            return PacketKind.TERMINATOR_OK;
        }
        return PacketKind.COLUMN_DEFINITION;
    }

    // SINGLE: one OK, EOF, ERR or (COM_STATISTICS) a bare string.
    private PacketKind handleSingle(ByteBuf buf, int index, int length, int header) {
        state = State.DONE;
        if (header == 0xff) {
            return PacketKind.ERR;
        }
        if (header == 0x00) {
            readOkStatus(buf, index, length);
            return PacketKind.OK;
        }
        if (header == 0xfe && length < 9) {
            readEofStatus(buf, index, length);
            return PacketKind.EOF;
        }
        return PacketKind.OTHER;
    }

    private boolean moreResults() {
        return ServerStatus.has(statusFlags, ServerStatus.MORE_RESULTS_EXISTS);
    }

    private void readOkStatus(ByteBuf buf, int index, int length) {
        ByteBuf view = buf.slice(index + 1, length - 1);
        WireFormat.readLenencInt(view);
        WireFormat.readLenencInt(view);
        WireFormat.requireReadable(view, 2, "OK status flags");
        statusFlags = view.readUnsignedShortLE();
    }

    private void readEofStatus(ByteBuf buf, int index, int length) {
        statusFlags = length >= 5 ? buf.getUnsignedShortLE(index + 3) : 0;
    }
}
