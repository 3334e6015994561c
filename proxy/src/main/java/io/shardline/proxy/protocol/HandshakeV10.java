package io.shardline.proxy.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The server's greeting, protocol version 10. */
public record HandshakeV10(String serverVersion, long connectionId, byte[] authPluginData, long capabilities,
                           int collationId, int status, String authPluginName) {
    public static final int PROTOCOL_VERSION = 10;

    public static HandshakeV10 decode(ByteBuf payload) {
        int protocol = payload.readUnsignedByte();
        if (protocol != PROTOCOL_VERSION) {
            throw new MalformedPacketException("unsupported handshake protocol version " + protocol);
        }
        String serverVersion = WireFormat.readNulString(payload, StandardCharsets.UTF_8);
        WireFormat.requireReadable(payload, 4 + 8 + 1 + 2, "handshake");
        long connectionId = payload.readUnsignedIntLE();
        byte[] part1 = new byte[8];
        payload.readBytes(part1).skipBytes(1);
        long capabilities = payload.readUnsignedShortLE();
        int collation = 0;
        int status = 0;
        int authDataLength = 0;
        if (payload.readableBytes() >= 16) {
            collation = payload.readUnsignedByte();
            status = payload.readUnsignedShortLE();
            capabilities |= (long) payload.readUnsignedShortLE() << 16;
            authDataLength = payload.readUnsignedByte();
            payload.skipBytes(6);
            long extended = payload.readUnsignedIntLE();
            if (Capabilities.isMariaDbStyle(capabilities)) {
                capabilities |= extended << 32;
            }
        }
        byte[] data = part1;
        if (Capabilities.has(capabilities, Capabilities.SECURE_CONNECTION)) {
            int part2Length = Math.max(13, authDataLength - 8);
            WireFormat.requireReadable(payload, Math.min(part2Length, 12), "auth plugin data");
            byte[] part2 = new byte[Math.min(part2Length, payload.readableBytes())];
            payload.readBytes(part2);
            // The second part is NUL-terminated on the wire; the terminator is not scramble data.
            int useful = part2.length > 0 && part2[part2.length - 1] == 0 ? part2.length - 1 : part2.length;
            data = Arrays.copyOf(part1, 8 + useful);
            System.arraycopy(part2, 0, data, 8, useful);
        }
        String plugin = Capabilities.has(capabilities, Capabilities.PLUGIN_AUTH) && payload.isReadable()
                ? WireFormat.readNulString(payload, StandardCharsets.UTF_8) : "mysql_native_password";
        return new HandshakeV10(serverVersion, connectionId, data, capabilities, collation, status, plugin);
    }

    public ByteBuf encode(ByteBufAllocator alloc, int sequenceId) {
        ByteBuf result = Packets.begin(alloc, sequenceId);
        result.writeByte(PROTOCOL_VERSION);
        WireFormat.writeNulString(result, serverVersion);
        result.writeIntLE((int) connectionId);
        result.writeBytes(authPluginData, 0, 8).writeByte(0);
        result.writeShortLE((int) (capabilities & 0xffff));
        result.writeByte(collationId).writeShortLE(status);
        result.writeShortLE((int) ((capabilities >>> 16) & 0xffff));
        result.writeByte(authPluginData.length + 1);
        result.writeZero(6);
        result.writeIntLE(Capabilities.isMariaDbStyle(capabilities) ? (int) (capabilities >>> 32) : 0);
        result.writeBytes(authPluginData, 8, authPluginData.length - 8).writeByte(0);
        WireFormat.writeNulString(result, authPluginName);
        return Packets.finish(result);
    }

    @Override
    public String toString() {
        return "HandshakeV10[version=" + serverVersion + ", connectionId=" + connectionId + ", plugin="
                + authPluginName + "]";
    }
}
