package io.shardline.proxy.session;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.shardline.proxy.protocol.MalformedPacketException;
import io.shardline.proxy.protocol.WireFormat;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * The session tracking a client would get from a server of its own: which system variables
 * (session_track_system_variables), whether the schema and "state changed" are reported. Backend connections track
 * far more for the proxy's sake; {@link #filter} cuts an OK packet's session-state block back to what this client
 * would have seen, so drivers that parse it meet nothing unexpected (MariaDB encodes the state-changed entry
 * differently from MySQL, and Connector/J fails on it).
 *
 * @param variables lower-case names, or "*" for all
 */
public record ClientTracking(Set<String> variables, boolean schema, boolean stateChange) {
    /** MariaDB's and MySQL's defaults, used when the backend's were not read. */
    public static final ClientTracking SERVER_DEFAULT = parse(
            "autocommit,character_set_client,character_set_connection,character_set_results,time_zone", "ON", "OFF");

    /** From the values of session_track_system_variables, session_track_schema, session_track_state_change. */
    public static ClientTracking parse(String variables, String schema, String stateChange) {
        Set<String> names = variables == null || variables.isBlank() ? Set.of()
                : Set.of(variables.toLowerCase(Locale.ROOT).replace(" ", "").split(","));
        return new ClientTracking(names, isOn(schema), isOn(stateChange));
    }

    private static boolean isOn(String value) {
        return value != null && (value.equalsIgnoreCase("ON") || value.equals("1"));
    }

    /** Returns the block with the entries this client did not ask for removed; the same array if none was. */
    public byte[] filter(byte[] block) {
        ByteBuf in = Unpooled.wrappedBuffer(block);
        ByteBuf out = Unpooled.buffer(block.length);
        boolean dropped = false;
        while (in.isReadable()) {
            int start = in.readerIndex();
            int type = in.readUnsignedByte();
            long length = WireFormat.readLenencInt(in);
            if (length < 0 || length > in.readableBytes()) {
                throw new MalformedPacketException("session state entry length " + length + " exceeds the block");
            }
            ByteBuf data = in.readSlice((int) length);
            if (wanted(type, data)) {
                out.writeBytes(in, start, in.readerIndex() - start);
            } else {
                dropped = true;
            }
        }
        if (!dropped) {
            return block;
        }
        byte[] result = new byte[out.readableBytes()];
        out.readBytes(result);
        return result;
    }

    private boolean wanted(int type, ByteBuf data) {
        return switch (type) {
            case 0 -> variables.contains("*") || variables.contains(
                    WireFormat.readLenencString(data.duplicate(), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT));
            case 1 -> schema;
            case 2 -> stateChange;
            default -> true;
        };
    }
}
