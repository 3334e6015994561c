package io.shardline.proxy.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A small result set the proxy answers itself (PREVIEW), in the text protocol: string columns in utf8mb4, one
 * packet per column definition and per row, shaped for the client's capabilities (an EOF after the column
 * definitions unless DEPRECATE_EOF, MariaDB's extended metadata when negotiated). Values may be null (SQL NULL).
 * Meant for answers of a few kilobytes: each row must fit one packet.
 */
public record TextResultSet(List<String> columns, List<List<String>> rows) {
    /** utf8mb4_general_ci. */
    private static final int UTF8MB4 = 45;
    private static final int MYSQL_TYPE_VAR_STRING = 0xfd;

    public TextResultSet {
        columns = List.copyOf(columns);
        rows = rows.stream().map(row -> java.util.Collections.unmodifiableList(new java.util.ArrayList<>(row)))
                .toList();
        for (List<String> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("a row of " + row.size() + " values for " + columns.size()
                        + " columns");
            }
        }
    }

    /** Every packet of the answer, from {@code sequenceId} on, ending with the status flags {@code status}. */
    public ByteBuf encode(ByteBufAllocator alloc, int sequenceId, long capabilities, int status) {
        ByteBuf out = alloc.buffer();
        int sequence = sequenceId;
        ByteBuf count = Packets.begin(alloc, sequence++ & 0xff);
        WireFormat.writeLenencInt(count, columns.size());
        append(out, Packets.finish(count));
        for (String each : columns) {
            ByteBuf packet = Packets.begin(alloc, sequence++ & 0xff);
            column(packet, each, capabilities);
            append(out, Packets.finish(packet));
        }
        boolean deprecateEof = (capabilities & Capabilities.DEPRECATE_EOF) != 0;
        if (!deprecateEof) {
            append(out, new EofPacket(0, status).encode(alloc, sequence++ & 0xff));
        }
        for (List<String> row : rows) {
            ByteBuf packet = Packets.begin(alloc, sequence++ & 0xff);
            for (String value : row) {
                if (value == null) {
                    packet.writeByte(WireFormat.NULL_VALUE);
                } else {
                    WireFormat.writeLenencString(packet, value, StandardCharsets.UTF_8);
                }
            }
            append(out, Packets.finish(packet));
        }
        append(out, deprecateEof
                ? new OkPacket(OkPacket.EOF_HEADER, 0, 0, status, 0, new byte[0], new byte[0])
                        .encode(alloc, sequence & 0xff, capabilities)
                : new EofPacket(0, status).encode(alloc, sequence & 0xff));
        return out;
    }

    private static void append(ByteBuf out, ByteBuf packet) {
        out.writeBytes(packet);
        packet.release();
    }

    private void column(ByteBuf packet, String name, long capabilities) {
        WireFormat.writeLenencString(packet, "def", StandardCharsets.UTF_8);
        WireFormat.writeLenencString(packet, "", StandardCharsets.UTF_8); // schema
        WireFormat.writeLenencString(packet, "", StandardCharsets.UTF_8); // table
        WireFormat.writeLenencString(packet, "", StandardCharsets.UTF_8); // org_table
        WireFormat.writeLenencString(packet, name, StandardCharsets.UTF_8);
        WireFormat.writeLenencString(packet, name, StandardCharsets.UTF_8); // org_name
        if ((capabilities & Capabilities.MARIADB_EXTENDED_METADATA) != 0) {
            WireFormat.writeLenencInt(packet, 0); // no extended type information
        }
        WireFormat.writeLenencInt(packet, 0x0c);
        packet.writeShortLE(UTF8MB4);
        packet.writeIntLE(maxLength(name) * 4);
        packet.writeByte(MYSQL_TYPE_VAR_STRING);
        packet.writeShortLE(0); // flags
        packet.writeByte(0x1f); // decimals: not a number
        packet.writeShortLE(0);
    }

    /** The longest value in a column, in characters (the column length clients size buffers by). */
    private int maxLength(String column) {
        int index = columns.indexOf(column);
        int result = 1;
        for (List<String> row : rows) {
            String value = row.get(index);
            result = Math.max(result, value == null ? 0 : value.length());
        }
        return result;
    }
}
