package io.shardline.proxy.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;

/** Asks the peer to authenticate again with another plugin and fresh scramble data (header 0xfe). */
public record AuthSwitchRequest(String pluginName, byte[] pluginData) {
    public static final int HEADER = 0xfe;

    public static AuthSwitchRequest decode(ByteBuf payload) {
        payload.readUnsignedByte();
        String plugin = WireFormat.readNulString(payload, StandardCharsets.UTF_8);
        byte[] data = WireFormat.readRestBytes(payload);
        // The scramble is sent NUL-terminated; the terminator is not part of it.
        if (data.length > 0 && data[data.length - 1] == 0) {
            data = java.util.Arrays.copyOf(data, data.length - 1);
        }
        return new AuthSwitchRequest(plugin, data);
    }

    public ByteBuf encode(ByteBufAllocator alloc, int sequenceId) {
        ByteBuf result = Packets.begin(alloc, sequenceId);
        result.writeByte(HEADER);
        WireFormat.writeNulString(result, pluginName);
        result.writeBytes(pluginData).writeByte(0);
        return Packets.finish(result);
    }
}
