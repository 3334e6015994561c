package io.shardline.proxy.protocol.command;

import io.netty.buffer.ByteBuf;
import io.shardline.proxy.protocol.Capabilities;
import io.shardline.proxy.protocol.CommandCode;
import io.shardline.proxy.protocol.HandshakeResponse;
import io.shardline.proxy.protocol.MalformedPacketException;
import io.shardline.proxy.protocol.WireFormat;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The one place that turns a client command payload into a {@link ClientCommand}. A forwarded command takes
 * ownership of the payload; for every other command the payload is released here. A malformed payload raises
 * {@link MalformedPacketException} after releasing it.
 */
public final class CommandDecoder {
    private CommandDecoder() {}

    public static ClientCommand decode(ByteBuf payload, long capabilities) {
        boolean forwarded = false;
        try {
            WireFormat.requireReadable(payload, 1, "command byte");
            int code = payload.getUnsignedByte(payload.readerIndex());
            ClientCommand result = decodeCommand(code, payload, capabilities);
            forwarded = result instanceof ForwardedCommand;
            return result;
        } finally {
            if (!forwarded) {
                payload.release();
            }
        }
    }

    private static ClientCommand decodeCommand(int code, ByteBuf payload, long capabilities) {
        switch (code) {
            case CommandCode.COM_QUIT: return new ComQuit();
            case CommandCode.COM_QUERY: return new ComQuery(payload);
            case CommandCode.COM_PING: return new ComPing();
            case CommandCode.COM_STMT_PREPARE: return new ComStmtPrepare(payload);
            case CommandCode.COM_STMT_EXECUTE: return decodeExecute(payload);
            case CommandCode.COM_STMT_BULK_EXECUTE: return new ComStmtBulkExecute(statementId(payload), payload);
            case CommandCode.COM_STMT_SEND_LONG_DATA: return new ComStmtSendLongData(statementId(payload), payload);
            case CommandCode.COM_STMT_CLOSE: return new ComStmtClose(statementId(payload), payload);
            case CommandCode.COM_STMT_RESET: return new ComStmtReset(statementId(payload), payload);
            case CommandCode.COM_STMT_FETCH: return new ComStmtFetch(statementId(payload), payload);
            case CommandCode.COM_INIT_DB: return new ComInitDb(
                    payload.toString(payload.readerIndex() + 1, payload.readableBytes() - 1, StandardCharsets.UTF_8),
                    payload);
            case CommandCode.COM_FIELD_LIST: return new ComFieldList(payload);
            case CommandCode.COM_STATISTICS: return new ComStatistics();
            case CommandCode.COM_PROCESS_KILL: return new ComProcessKill(fixedInt(payload));
            case CommandCode.COM_SET_OPTION: return new ComSetOption(shortOption(payload));
            case CommandCode.COM_RESET_CONNECTION: return new ComResetConnection();
            case CommandCode.COM_CHANGE_USER: return decodeChangeUser(payload, capabilities);
            default: return new ComUnsupported(code);
        }
    }

    private static ComStmtExecute decodeExecute(ByteBuf payload) {
        WireFormat.requireReadable(payload, 1 + 4 + 1 + 4, "COM_STMT_EXECUTE header");
        long id = payload.getUnsignedIntLE(payload.readerIndex() + 1);
        int flags = payload.getUnsignedByte(payload.readerIndex() + 5);
        return new ComStmtExecute(id, flags, payload);
    }

    private static long statementId(ByteBuf payload) {
        WireFormat.requireReadable(payload, 5, "statement id");
        return payload.getUnsignedIntLE(payload.readerIndex() + 1);
    }

    private static long fixedInt(ByteBuf payload) {
        WireFormat.requireReadable(payload, 5, "connection id");
        return payload.getUnsignedIntLE(payload.readerIndex() + 1);
    }

    private static int shortOption(ByteBuf payload) {
        WireFormat.requireReadable(payload, 3, "COM_SET_OPTION option");
        return payload.getUnsignedShortLE(payload.readerIndex() + 1);
    }

    private static ComChangeUser decodeChangeUser(ByteBuf payload, long capabilities) {
        payload.skipBytes(1);
        String user = WireFormat.readNulString(payload, StandardCharsets.UTF_8);
        byte[] auth;
        if (Capabilities.has(capabilities, Capabilities.SECURE_CONNECTION)) {
            WireFormat.requireReadable(payload, 1, "auth response length");
            int length = payload.readUnsignedByte();
            WireFormat.requireReadable(payload, length, "auth response");
            auth = new byte[length];
            payload.readBytes(auth);
        } else {
            auth = WireFormat.readNulBytes(payload);
        }
        String database = WireFormat.readNulString(payload, StandardCharsets.UTF_8);
        int collation = 0;
        if (payload.readableBytes() >= 2) {
            collation = payload.readUnsignedShortLE();
        }
        String plugin = null;
        if (Capabilities.has(capabilities, Capabilities.PLUGIN_AUTH) && payload.isReadable()) {
            plugin = WireFormat.readNulString(payload, StandardCharsets.UTF_8);
        }
        Map<String, String> attributes = Map.of();
        if (Capabilities.has(capabilities, Capabilities.CONNECT_ATTRS) && payload.isReadable()) {
            attributes = HandshakeResponse.readAttributes(payload);
        }
        return new ComChangeUser(user, auth, database.isEmpty() ? null : database, collation, plugin, attributes);
    }
}
