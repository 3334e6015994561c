package io.shardline.proxy.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Test helper: builds protocol bytes by hand, independently of {@link WireFormat}, so tests compare the code
 * against the protocol documentation rather than against itself.
 */
public final class Wire {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private Wire() {}

    public static Wire bytes() {
        return new Wire();
    }

    public Wire u8(int... values) {
        for (int each : values) {
            out.write(each & 0xff);
        }
        return this;
    }

    public Wire u16(int value) {
        return u8(value, value >>> 8);
    }

    public Wire u24(int value) {
        return u8(value, value >>> 8, value >>> 16);
    }

    public Wire u32(long value) {
        return u8((int) value, (int) (value >>> 8), (int) (value >>> 16), (int) (value >>> 24));
    }

    public Wire u64(long value) {
        for (int shift = 0; shift < 64; shift += 8) {
            out.write((int) (value >>> shift) & 0xff);
        }
        return this;
    }

    /** A length-encoded integer, written from the protocol documentation. */
    public Wire lenenc(long value) {
        if (value >= 0 && value < 251) {
            return u8((int) value);
        }
        if (value >= 0 && value < 0x10000) {
            return u8(0xfc).u16((int) value);
        }
        if (value >= 0 && value < 0x1000000) {
            return u8(0xfd).u24((int) value);
        }
        return u8(0xfe).u64(value);
    }

    public Wire lenenc(String value) {
        return lenenc(value.getBytes(StandardCharsets.UTF_8));
    }

    public Wire lenenc(byte[] value) {
        lenenc(value.length);
        return raw(value);
    }

    /** A NUL-terminated string. */
    public Wire nul(String value) {
        return raw(value).u8(0);
    }

    public Wire raw(String value) {
        return raw(value.getBytes(StandardCharsets.UTF_8));
    }

    public Wire raw(byte[] value) {
        out.writeBytes(value);
        return this;
    }

    public Wire zeros(int count) {
        return raw(new byte[count]);
    }

    public Wire hex(String hex) {
        return raw(HexFormat.of().parseHex(hex.replace(" ", "")));
    }

    public int length() {
        return out.size();
    }

    public byte[] array() {
        return out.toByteArray();
    }

    /** A heap buffer over the bytes; the caller releases it. */
    public ByteBuf buf() {
        return Unpooled.wrappedBuffer(array());
    }

    /** One frame: 3-byte length, sequence id, payload (which must fit one frame). */
    public static byte[] frame(int sequenceId, byte[] payload) {
        return bytes().u24(payload.length).u8(sequenceId).raw(payload).array();
    }

    public static byte[] concat(byte[]... parts) {
        Wire result = bytes();
        for (byte[] each : parts) {
            result.raw(each);
        }
        return result.array();
    }

    public static byte[] filled(int length, int seed) {
        byte[] result = new byte[length];
        for (int i = 0; i < length; i++) {
            result[i] = (byte) (i * 31 + seed);
        }
        return result;
    }
}
