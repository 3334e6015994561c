package io.shardline.proxy.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The session-state block of an OK packet: what the server says changed in the session. The proxy relies on it
 * to know each session's system variables and schema exactly as the server applied them.
 *
 * @param systemVariables changed variables, lower-case name to value, in the order reported
 * @param schema the new default schema, or null when unchanged
 * @param stateChanged the server reported "session state changed" (user variables, temporary tables, ...)
 */
public record SessionStateChanges(Map<String, String> systemVariables, String schema, boolean stateChanged) {
    public static final SessionStateChanges NONE = new SessionStateChanges(Map.of(), null, false);

    private static final int SYSTEM_VARIABLES = 0;
    private static final int SCHEMA = 1;
    private static final int STATE_CHANGE = 2;

    public boolean isEmpty() {
        return systemVariables.isEmpty() && schema == null && !stateChanged;
    }

    public static SessionStateChanges decode(byte[] block) {
        if (block.length == 0) {
            return NONE;
        }
        ByteBuf buf = Unpooled.wrappedBuffer(block);
        Map<String, String> variables = new LinkedHashMap<>();
        String schema = null;
        boolean stateChanged = false;
        while (buf.isReadable()) {
            int type = buf.readUnsignedByte();
            ByteBuf data = buf.readSlice(checkedLength(buf));
            switch (type) {
                case SYSTEM_VARIABLES -> {
                    String name = WireFormat.readLenencString(data, StandardCharsets.UTF_8);
                    variables.put(name.toLowerCase(Locale.ROOT),
                            WireFormat.readLenencString(data, StandardCharsets.UTF_8));
                }
                case SCHEMA -> schema = WireFormat.readLenencString(data, StandardCharsets.UTF_8);
                // MariaDB sends the bare character '1' here, MySQL documents a length-encoded "1": accept both.
                case STATE_CHANGE -> stateChanged = data.isReadable() && data.getByte(data.writerIndex() - 1) == '1';
                default -> { } // GTIDs and transaction tracking: not used by the proxy
            }
        }
        return new SessionStateChanges(variables, schema, stateChanged);
    }

    private static int checkedLength(ByteBuf buf) {
        long length = WireFormat.readLenencInt(buf);
        if (length < 0 || length > buf.readableBytes()) {
            throw new MalformedPacketException("session state entry length " + length + " exceeds the block");
        }
        return (int) length;
    }
}
