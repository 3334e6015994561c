package io.shardline.proxy.execute;

import io.netty.buffer.ByteBuf;
import io.shardline.proxy.protocol.ColumnDefinition;
import io.shardline.proxy.protocol.WireFormat;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes a text-protocol row (values as the server's text, NULL as null) as a binary-protocol row, the form a
 * COM_STMT_EXECUTE answer takes: a 0x00 header, the NULL bitmap (offset 2), then each value in its column type's
 * binary form: integers and floating point in their width, dates and times as length-prefixed fields, everything
 * else (DECIMAL, strings, BIT, JSON) as length-encoded bytes.
 */
final class BinaryRows {
    private static final int UNSIGNED_FLAG = 0x20;

    private BinaryRows() {}

    static void write(ByteBuf packet, byte[][] row, List<ColumnDefinition> columns) {
        packet.writeByte(0x00);
        byte[] nulls = new byte[(row.length + 7 + 2) / 8];
        for (int i = 0; i < row.length; i++) {
            if (row[i] == null) {
                nulls[(i + 2) / 8] |= (byte) (1 << ((i + 2) % 8));
            }
        }
        packet.writeBytes(nulls);
        for (int i = 0; i < row.length; i++) {
            if (row[i] != null) {
                value(packet, row[i], columns.get(i));
            }
        }
    }

    private static void value(ByteBuf packet, byte[] value, ColumnDefinition column) {
        String text = null;
        switch (column.type()) {
            case 1 -> packet.writeByte((int) integer(value));
            case 2, 13 -> packet.writeShortLE((int) integer(value));
            case 3, 9 -> packet.writeIntLE((int) integer(value));
            case 8 -> packet.writeLongLE((column.flags() & UNSIGNED_FLAG) != 0
                    ? new BigInteger(ascii(value)).longValue() : Long.parseLong(ascii(value)));
            case 4 -> packet.writeFloatLE(Float.parseFloat(ascii(value)));
            case 5 -> packet.writeDoubleLE(Double.parseDouble(ascii(value)));
            case 7, 10, 12, 14 -> dateTime(packet, ascii(value));
            case 11 -> time(packet, ascii(value));
            default -> WireFormat.writeLenencBytes(packet, value);
        }
    }

    private static long integer(byte[] value) {
        return Long.parseLong(ascii(value));
    }

    private static void dateTime(ByteBuf packet, String text) {
        // YYYY-MM-DD[ HH:MM:SS[.ffffff]]
        int year = Integer.parseInt(text.substring(0, 4));
        int month = Integer.parseInt(text.substring(5, 7));
        int day = Integer.parseInt(text.substring(8, 10));
        int hour = 0;
        int minute = 0;
        int second = 0;
        long micros = 0;
        if (text.length() >= 19) {
            hour = Integer.parseInt(text.substring(11, 13));
            minute = Integer.parseInt(text.substring(14, 16));
            second = Integer.parseInt(text.substring(17, 19));
            if (text.length() > 20) {
                micros = Long.parseLong((text.substring(20) + "000000").substring(0, 6));
            }
        }
        if (micros != 0) {
            packet.writeByte(11).writeShortLE(year).writeByte(month).writeByte(day).writeByte(hour)
                    .writeByte(minute).writeByte(second).writeIntLE((int) micros);
        } else if (hour != 0 || minute != 0 || second != 0) {
            packet.writeByte(7).writeShortLE(year).writeByte(month).writeByte(day).writeByte(hour).writeByte(minute)
                    .writeByte(second);
        } else if (year != 0 || month != 0 || day != 0) {
            packet.writeByte(4).writeShortLE(year).writeByte(month).writeByte(day);
        } else {
            packet.writeByte(0);
        }
    }

    private static void time(ByteBuf packet, String text) {
        boolean negative = text.startsWith("-");
        String[] parts = (negative ? text.substring(1) : text).split("[:.]");
        long hours = Long.parseLong(parts[0]);
        int minutes = Integer.parseInt(parts[1]);
        int seconds = Integer.parseInt(parts[2]);
        long micros = parts.length > 3 ? Long.parseLong((parts[3] + "000000").substring(0, 6)) : 0;
        if (hours == 0 && minutes == 0 && seconds == 0 && micros == 0) {
            packet.writeByte(0);
            return;
        }
        packet.writeByte(micros != 0 ? 12 : 8).writeByte(negative ? 1 : 0).writeIntLE((int) (hours / 24))
                .writeByte((int) (hours % 24)).writeByte(minutes).writeByte(seconds);
        if (micros != 0) {
            packet.writeIntLE((int) micros);
        }
    }

    private static String ascii(byte[] value) {
        return new String(value, StandardCharsets.US_ASCII);
    }
}
