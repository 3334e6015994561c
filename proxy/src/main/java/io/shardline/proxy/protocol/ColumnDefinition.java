package io.shardline.proxy.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

/**
 * A column definition packet (Protocol::ColumnDefinition41) as a backend sent it: its bytes, kept to be sent on
 * unchanged, and the fixed fields read from them. MariaDB's extended metadata (when negotiated) sits between the
 * names and the fixed fields.
 *
 * @param payload the packet's payload, a copy
 * @param name the column's name as the client sees it (its label)
 * @param fixedFields where the fixed-length fields start in {@code payload} (after their length byte)
 */
public record ColumnDefinition(byte[] payload, String name, int fixedFields, int collationId, long length, int type,
                               int flags, int decimals) {
    public static final int TYPE_DECIMAL = 0;
    public static final int TYPE_NEWDECIMAL = 246;
    public static final int TYPE_FLOAT = 4;
    public static final int TYPE_DOUBLE = 5;
    public static final int BINARY_COLLATION = 63;

    /** @param capabilities what the connection that sent it negotiated (for MariaDB's extended metadata) */
    public static ColumnDefinition decode(ByteBuf payload, long capabilities) {
        byte[] bytes = ByteBufUtil.getBytes(payload);
        ByteBuf view = payload.duplicate();
        for (int i = 0; i < 4; i++) {
            WireFormat.skipLenencString(view);
        }
        String name = WireFormat.readLenencString(view, java.nio.charset.StandardCharsets.UTF_8);
        WireFormat.skipLenencString(view);
        if (Capabilities.has(capabilities, Capabilities.MARIADB_EXTENDED_METADATA)) {
            WireFormat.skipLenencString(view);
        }
        WireFormat.readLenencInt(view);
        WireFormat.requireReadable(view, 10, "column definition fields");
        int fixed = view.readerIndex() - payload.readerIndex();
        return new ColumnDefinition(bytes, name, fixed, view.readUnsignedShortLE(), view.readUnsignedIntLE(),
                view.readUnsignedByte(), view.readUnsignedShortLE(), view.readUnsignedByte());
    }

    /** The same definition with other decimals and length (an AVG shows more digits than the SUM it came as). */
    public ColumnDefinition withPrecision(int newDecimals, long newLength) {
        byte[] copy = payload.clone();
        int lengthAt = fixedFields + 2;
        copy[lengthAt] = (byte) newLength;
        copy[lengthAt + 1] = (byte) (newLength >> 8);
        copy[lengthAt + 2] = (byte) (newLength >> 16);
        copy[lengthAt + 3] = (byte) (newLength >> 24);
        copy[fixedFields + 9] = (byte) newDecimals;
        return new ColumnDefinition(copy, name, fixedFields, collationId, newLength, type, flags, newDecimals);
    }

    /** The same definition under another name (label). */
    public ColumnDefinition withName(String newName) {
        ByteBuf in = io.netty.buffer.Unpooled.wrappedBuffer(payload);
        for (int i = 0; i < 4; i++) {
            WireFormat.skipLenencString(in);
        }
        int nameStart = in.readerIndex();
        WireFormat.skipLenencString(in);
        ByteBuf out = io.netty.buffer.Unpooled.buffer(payload.length + newName.length());
        out.writeBytes(payload, 0, nameStart);
        WireFormat.writeLenencString(out, newName, java.nio.charset.StandardCharsets.UTF_8);
        int shift = out.writerIndex() - in.readerIndex();
        out.writeBytes(payload, in.readerIndex(), payload.length - in.readerIndex());
        return new ColumnDefinition(ByteBufUtil.getBytes(out), newName, fixedFields + shift, collationId, length, type,
                flags, decimals);
    }

    /** The same definition naming the logical schema and table instead of a shard's actual ones (see there). */
    public ColumnDefinition withLogicalNames(LogicalColumnNames names) {
        byte[] renamed = names == null ? null : names.rewrite(payload);
        return renamed == null ? this : new ColumnDefinition(renamed, name, fixedFields + renamed.length
                - payload.length, collationId, length, type, flags, decimals);
    }

    public boolean isDecimal() {
        return type == TYPE_DECIMAL || type == TYPE_NEWDECIMAL;
    }
}
