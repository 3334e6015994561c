package io.shardline.proxy.backend;

import io.shardline.proxy.protocol.Packets;
import io.shardline.proxy.protocol.Wire;

/** Test helper: payloads of server response packets, written by hand from the protocol documentation. */
final class ServerPackets {
    private ServerPackets() {}

    /** OK packet (header 0x00) with the given status flags. */
    static byte[] ok(int status) {
        return Wire.bytes().u8(0x00).lenenc(0).lenenc(0).u16(status).u16(0).array();
    }

    /** OK with multi-byte length-encoded affected rows and last insert id, and an info string. */
    static byte[] okWithCounters(int status) {
        return Wire.bytes().u8(0x00).lenenc(70_000).lenenc(0x1234567L).u16(status).u16(1)
                .lenenc("Records: 3  Duplicates: 0  Warnings: 1").array();
    }

    /** EOF packet: 0xfe, warnings, status. */
    static byte[] eof(int status) {
        return Wire.bytes().u8(0xfe).u16(0).u16(status).array();
    }

    /** The OK packet with header 0xfe that ends a result set under DEPRECATE_EOF. */
    static byte[] terminator(int status) {
        return Wire.bytes().u8(0xfe).lenenc(0).lenenc(0).u16(status).u16(0).array();
    }

    /** A DEPRECATE_EOF terminator carrying a session-state block, so it is 9 bytes or more. */
    static byte[] longTerminator(int status) {
        byte[] state = Wire.bytes().u8(0).lenenc(Wire.bytes().lenenc("autocommit").lenenc("OFF").array()).array();
        return Wire.bytes().u8(0xfe).lenenc(0).lenenc(0).u16(status).u16(0).lenenc("").lenenc(state).array();
    }

    static byte[] err() {
        return Wire.bytes().u8(0xff).u16(1146).raw("#42S02").raw("Table 'shop.nope' doesn't exist").array();
    }

    static byte[] columnCount(long count) {
        return Wire.bytes().lenenc(count).array();
    }

    /** A column definition (protocol 4.1) for a VARCHAR column. */
    static byte[] column(String name) {
        return Wire.bytes().lenenc("def").lenenc("shop").lenenc("t").lenenc("t").lenenc(name).lenenc(name)
                .u8(0x0c).u16(45).u32(1020).u8(0xfd).u16(0).u8(0).u16(0).array();
    }

    /** A text-protocol row; null is the NULL marker 0xfb. */
    static byte[] row(String... values) {
        Wire result = Wire.bytes();
        for (String each : values) {
            if (each == null) {
                result.u8(0xfb);
            } else {
                result.lenenc(each);
            }
        }
        return result.array();
    }

    /** A binary-protocol row of one BIGINT column: 0x00, NULL bitmap, value. */
    static byte[] binaryRow(long value) {
        return Wire.bytes().u8(0x00).u8(0).u64(value).array();
    }

    static byte[] localInfile(String fileName) {
        return Wire.bytes().u8(0xfb).raw(fileName).array();
    }

    /** COM_STMT_PREPARE's first packet: statement id, column count, parameter count. */
    static byte[] prepareOk(long statementId, int columns, int params) {
        return Wire.bytes().u8(0x00).u32(statementId).u16(columns).u16(params).u8(0).u16(0).array();
    }

    /** COM_STATISTICS answers with a bare string. */
    static byte[] statistics() {
        return Wire.bytes().raw("Uptime: 5  Threads: 1  Questions: 2  Slow queries: 0  Opens: 17").array();
    }

    /**
     * The first frame of a text row whose single value is 16 MiB or more: the value's length is written with the
     * 0xfe prefix, so the frame starts with the same byte as an EOF/terminator.
     */
    static byte[] hugeRowFirstFrame(long valueLength) {
        Wire result = Wire.bytes().u8(0xfe).u64(valueLength);
        result.zeros(Packets.MAX_FRAME_PAYLOAD - result.length());
        return result.array();
    }

    /** A continuation frame that happens to look like an EOF / terminator packet. */
    static byte[] continuationLookingLikeEof() {
        return eof(0x0002);
    }
}
