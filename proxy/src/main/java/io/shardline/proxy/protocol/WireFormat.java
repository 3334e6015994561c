package io.shardline.proxy.protocol;

import io.netty.buffer.ByteBuf;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Reading and writing the protocol's basic types: little-endian fixed integers (Netty's *LE methods),
 * length-encoded integers and strings, NUL-terminated strings. Every length read from the wire is checked
 * against what is readable before use, so a malformed packet raises {@link MalformedPacketException} instead of
 * reading past its end.
 */
public final class WireFormat {
    /** Marks a NULL column value in a text row, where a length-encoded integer would start. */
    public static final int NULL_VALUE = 0xfb;

    private WireFormat() {}

    /** Reads a length-encoded integer; 0xfb (NULL) and 0xff (ERR) are not integers here. */
    public static long readLenencInt(ByteBuf buf) {
        requireReadable(buf, 1, "length-encoded integer");
        int first = buf.readUnsignedByte();
        if (first < 0xfb) {
            return first;
        }
        switch (first) {
            case 0xfc:
                requireReadable(buf, 2, "length-encoded integer");
                return buf.readUnsignedShortLE();
            case 0xfd:
                requireReadable(buf, 3, "length-encoded integer");
                return buf.readUnsignedMediumLE();
            case 0xfe:
                requireReadable(buf, 8, "length-encoded integer");
                return buf.readLongLE();
            default:
                throw new MalformedPacketException("invalid length-encoded integer prefix 0x" + Integer.toHexString(first));
        }
    }

    public static void writeLenencInt(ByteBuf buf, long value) {
        if (value < 0xfb && value >= 0) {
            buf.writeByte((int) value);
        } else if (value < 0x10000L && value >= 0) {
            buf.writeByte(0xfc).writeShortLE((int) value);
        } else if (value < 0x1000000L && value >= 0) {
            buf.writeByte(0xfd).writeMediumLE((int) value);
        } else {
            buf.writeByte(0xfe).writeLongLE(value);
        }
    }

    /** Reads a length-encoded string; the length is checked against the readable bytes. */
    public static String readLenencString(ByteBuf buf, Charset charset) {
        int length = checkedLength(buf, readLenencInt(buf), "length-encoded string");
        String result = buf.toString(buf.readerIndex(), length, charset);
        buf.skipBytes(length);
        return result;
    }

    public static byte[] readLenencBytes(ByteBuf buf) {
        int length = checkedLength(buf, readLenencInt(buf), "length-encoded bytes");
        byte[] result = new byte[length];
        buf.readBytes(result);
        return result;
    }

    /** Skips a length-encoded string without decoding it. */
    public static void skipLenencString(ByteBuf buf) {
        buf.skipBytes(checkedLength(buf, readLenencInt(buf), "length-encoded string"));
    }

    public static void writeLenencString(ByteBuf buf, String value, Charset charset) {
        writeLenencBytes(buf, value.getBytes(charset));
    }

    public static void writeLenencBytes(ByteBuf buf, byte[] value) {
        writeLenencInt(buf, value.length);
        buf.writeBytes(value);
    }

    /** Reads a NUL-terminated string; a missing terminator takes the rest of the buffer. */
    public static String readNulString(ByteBuf buf, Charset charset) {
        int end = buf.indexOf(buf.readerIndex(), buf.writerIndex(), (byte) 0);
        int length = (end < 0 ? buf.writerIndex() : end) - buf.readerIndex();
        String result = buf.toString(buf.readerIndex(), length, charset);
        buf.skipBytes(end < 0 ? length : length + 1);
        return result;
    }

    public static byte[] readNulBytes(ByteBuf buf) {
        int end = buf.indexOf(buf.readerIndex(), buf.writerIndex(), (byte) 0);
        int length = (end < 0 ? buf.writerIndex() : end) - buf.readerIndex();
        byte[] result = new byte[length];
        buf.readBytes(result);
        if (end >= 0) {
            buf.skipBytes(1);
        }
        return result;
    }

    public static void writeNulString(ByteBuf buf, String value) {
        buf.writeCharSequence(value, StandardCharsets.UTF_8);
        buf.writeByte(0);
    }

    /** The rest of the buffer as a string (the "string&lt;EOF&gt;" type). */
    public static String readRestString(ByteBuf buf, Charset charset) {
        String result = buf.toString(charset);
        buf.skipBytes(buf.readableBytes());
        return result;
    }

    public static byte[] readRestBytes(ByteBuf buf) {
        byte[] result = new byte[buf.readableBytes()];
        buf.readBytes(result);
        return result;
    }

    public static void requireReadable(ByteBuf buf, int bytes, String what) {
        if (buf.readableBytes() < bytes) {
            throw new MalformedPacketException(
                    what + " needs " + bytes + " bytes but the packet has " + buf.readableBytes() + " left");
        }
    }

    private static int checkedLength(ByteBuf buf, long length, String what) {
        if (length < 0 || length > buf.readableBytes()) {
            throw new MalformedPacketException(
                    what + " length " + length + " exceeds the " + buf.readableBytes() + " bytes left in the packet");
        }
        return (int) length;
    }

    /**
     * The values of a text-protocol row (length-encoded strings, 0xfb for NULL) as bytes, NULL as null; reads
     * {@code columns} values from the payload's reader index without moving it.
     */
    public static byte[][] readTextRow(ByteBuf payload, int columns) {
        byte[][] result = new byte[columns][];
        ByteBuf view = payload.duplicate();
        for (int i = 0; i < columns && view.isReadable(); i++) {
            if (view.getUnsignedByte(view.readerIndex()) == NULL_VALUE) {
                view.skipBytes(1);
            } else {
                result[i] = readLenencBytes(view);
            }
        }
        return result;
    }
}
