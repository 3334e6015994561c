package io.shardline.proxy.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextResultSetTest {
    private static final TextResultSet TWO_ROWS = new TextResultSet(List.of("a", "b"),
            List.of(List.of("x", "yz"), Arrays.asList("héllo", null)));

    /** Each packet's sequence id and first payload byte. */
    private static List<String> packets(ByteBuf buf) {
        List<String> result = new ArrayList<>();
        while (buf.isReadable()) {
            int length = buf.readUnsignedMediumLE();
            int sequence = buf.readUnsignedByte();
            result.add(sequence + ":" + Integer.toHexString(buf.getUnsignedByte(buf.readerIndex())));
            buf.skipBytes(length);
        }
        buf.release();
        return result;
    }

    @Test
    void withoutDeprecateEofColumnsAndRowsEndWithEofPackets() {
        ByteBuf encoded = TWO_ROWS.encode(ByteBufAllocator.DEFAULT, 1, Capabilities.PROTOCOL_41, 2);
        // count, two column definitions (catalog "def": length 3), EOF, two rows (first values: lengths 1 and 6), EOF
        assertThat(packets(encoded)).containsExactly("1:2", "2:3", "3:3", "4:fe", "5:1", "6:6", "7:fe");
    }

    @Test
    void withDeprecateEofOnlyAnOkWithTheEofHeaderEndsTheRows() {
        ByteBuf encoded = TWO_ROWS.encode(ByteBufAllocator.DEFAULT, 1,
                Capabilities.PROTOCOL_41 | Capabilities.DEPRECATE_EOF, 2);
        assertThat(packets(encoded)).containsExactly("1:2", "2:3", "3:3", "4:1", "5:6", "6:fe");
    }

    @Test
    void nullIsTheNullMarkerAndTextIsUtf8() {
        ByteBuf encoded = TWO_ROWS.encode(ByteBufAllocator.DEFAULT, 0, Capabilities.PROTOCOL_41
                | Capabilities.DEPRECATE_EOF, 2);
        byte[] bytes = new byte[encoded.readableBytes()];
        encoded.readBytes(bytes);
        encoded.release();
        String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        int row = text.indexOf("h\u00c3\u00a9llo"); // UTF-8 bytes of é, read as Latin-1
        assertThat(row).isPositive();
        assertThat(bytes[row - 1]).as("lenenc length in bytes").isEqualTo((byte) 6);
        assertThat(bytes[row + 6] & 0xff).as("NULL marker").isEqualTo(0xfb);
    }
}
