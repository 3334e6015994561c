package io.shardline.proxy.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The client's answer to the greeting (HandshakeResponse41). A 32-byte one with the SSL bit is an SSLRequest:
 * the full response follows inside TLS.
 *
 * @param database null when the client asked for no default schema
 */
public record HandshakeResponse(long capabilities, int maxPacketSize, int collationId, String user,
                                byte[] authResponse, String database, String authPluginName,
                                Map<String, String> attributes) {
    public static final int SSL_REQUEST_LENGTH = 32;

    public static boolean isSslRequest(ByteBuf payload) {
        return payload.readableBytes() == SSL_REQUEST_LENGTH
                && Capabilities.has(payload.getUnsignedIntLE(payload.readerIndex()), Capabilities.SSL);
    }

    public static HandshakeResponse decode(ByteBuf payload) {
        WireFormat.requireReadable(payload, SSL_REQUEST_LENGTH, "handshake response");
        long capabilities = payload.readUnsignedIntLE();
        if (!Capabilities.has(capabilities, Capabilities.PROTOCOL_41)) {
            throw new MalformedPacketException("clients older than protocol 4.1 are not supported");
        }
        int maxPacket = payload.readIntLE();
        int collation = payload.readUnsignedByte();
        payload.skipBytes(19);
        long extended = payload.readUnsignedIntLE();
        if (Capabilities.isMariaDbStyle(capabilities)) {
            capabilities |= extended << 32;
        }
        String user = WireFormat.readNulString(payload, StandardCharsets.UTF_8);
        byte[] auth;
        if (Capabilities.has(capabilities, Capabilities.PLUGIN_AUTH_LENENC_CLIENT_DATA)) {
            auth = WireFormat.readLenencBytes(payload);
        } else if (Capabilities.has(capabilities, Capabilities.SECURE_CONNECTION)) {
            WireFormat.requireReadable(payload, 1, "auth response length");
            int length = payload.readUnsignedByte();
            WireFormat.requireReadable(payload, length, "auth response");
            auth = new byte[length];
            payload.readBytes(auth);
        } else {
            auth = WireFormat.readNulBytes(payload);
        }
        String database = null;
        if (Capabilities.has(capabilities, Capabilities.CONNECT_WITH_DB) && payload.isReadable()) {
            database = WireFormat.readNulString(payload, StandardCharsets.UTF_8);
            database = database.isEmpty() ? null : database;
        }
        String plugin = null;
        if (Capabilities.has(capabilities, Capabilities.PLUGIN_AUTH) && payload.isReadable()) {
            plugin = WireFormat.readNulString(payload, StandardCharsets.UTF_8);
        }
        Map<String, String> attributes = Map.of();
        if (Capabilities.has(capabilities, Capabilities.CONNECT_ATTRS) && payload.isReadable()) {
            attributes = readAttributes(payload);
        }
        return new HandshakeResponse(capabilities, maxPacket, collation, user, auth, database, plugin, attributes);
    }

    /** Connection attributes: a length-encoded block of length-encoded key/value strings. */
    public static Map<String, String> readAttributes(ByteBuf payload) {
        long length = WireFormat.readLenencInt(payload);
        if (length < 0 || length > payload.readableBytes()) {
            throw new MalformedPacketException("connection attributes length " + length + " exceeds the "
                    + payload.readableBytes() + " bytes left in the packet");
        }
        ByteBuf block = payload.readSlice((int) length);
        Map<String, String> result = new LinkedHashMap<>();
        while (block.isReadable()) {
            String key = WireFormat.readLenencString(block, StandardCharsets.UTF_8);
            result.put(key, WireFormat.readLenencString(block, StandardCharsets.UTF_8));
        }
        return result;
    }

    /** Encodes the response the proxy sends to a backend (always protocol 4.1 with plugin auth). */
    public ByteBuf encode(ByteBufAllocator alloc, int sequenceId) {
        ByteBuf result = Packets.begin(alloc, sequenceId);
        writeFixedPart(result);
        WireFormat.writeNulString(result, user);
        WireFormat.writeLenencBytes(result, authResponse);
        if (database != null) {
            WireFormat.writeNulString(result, database);
        }
        WireFormat.writeNulString(result, authPluginName);
        if (Capabilities.has(capabilities, Capabilities.CONNECT_ATTRS)) {
            ByteBuf block = alloc.buffer();
            try {
                attributes.forEach((key, value) -> {
                    WireFormat.writeLenencString(block, key, StandardCharsets.UTF_8);
                    WireFormat.writeLenencString(block, value, StandardCharsets.UTF_8);
                });
                WireFormat.writeLenencInt(result, block.readableBytes());
                result.writeBytes(block);
            } finally {
                block.release();
            }
        }
        return Packets.finish(result);
    }

    /** An SSLRequest carrying the same capabilities, sent before the TLS handshake. */
    public ByteBuf encodeSslRequest(ByteBufAllocator alloc, int sequenceId) {
        ByteBuf result = Packets.begin(alloc, sequenceId);
        writeFixedPart(result);
        return Packets.finish(result);
    }

    private void writeFixedPart(ByteBuf result) {
        result.writeIntLE((int) capabilities).writeIntLE(maxPacketSize).writeByte(collationId).writeZero(19);
        result.writeIntLE(Capabilities.isMariaDbStyle(capabilities) ? (int) (capabilities >>> 32) : 0);
    }

    @Override
    public String toString() {
        return "HandshakeResponse[user=" + user + ", database=" + database + ", plugin=" + authPluginName
                + ", capabilities=0x" + Long.toHexString(capabilities) + "]";
    }
}
