package io.shardline.proxy.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.shardline.proxy.protocol.MalformedPacketException;
import io.shardline.proxy.protocol.WireFormat;
import io.shardline.proxy.session.ClientStatement;
import io.shardline.router.classify.Classifier;
import io.shardline.router.sql.LexerOptions;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParameterBinderTest {
    private static final String SQL = "SELECT * FROM t WHERE a = ? AND b = ? AND c = '?' AND d IN (?, ?) AND e = ?";

    private static ClientStatement statement(int parameters) {
        return new ClientStatement(1, SQL.getBytes(StandardCharsets.UTF_8), Classifier.classify(SQL, LexerOptions.DEFAULT),
                parameters, true);
    }

    /** COM_STMT_EXECUTE with types bound: a LONGLONG, a VAR_STRING, a NULL, a DATETIME and a DOUBLE. */
    private static ByteBuf execute() {
        ByteBuf payload = Unpooled.buffer().writeByte(0x17).writeIntLE(1).writeByte(0).writeIntLE(1);
        payload.writeByte(0b00100); // parameter 3 is NULL
        payload.writeByte(1);
        payload.writeShortLE(0x08).writeShortLE(0xfd).writeShortLE(0x06).writeShortLE(0x0c).writeShortLE(0x05);
        payload.writeLongLE(-42);
        WireFormat.writeLenencString(payload, "it's a \\ test", StandardCharsets.UTF_8);
        payload.writeByte(7).writeShortLE(2026).writeByte(11).writeByte(26).writeByte(7).writeByte(5).writeByte(9);
        payload.writeDoubleLE(1.5);
        return payload;
    }

    @Test
    void parametersBecomeLiteralsInPlaceOfTheirPlaceholders() {
        ClientStatement statement = statement(5);
        assertThat(ParameterBinder.bind(execute(), statement, SQL, LexerOptions.DEFAULT)).isEqualTo(
                "SELECT * FROM t WHERE a = -42 AND b = 'it''s a \\\\ test' AND c = '?' AND d IN (NULL,"
                        + " '2026-11-26 07:05:09') AND e = 1.5");
        assertThat(ParameterBinder.bind(execute(), statement, SQL, new LexerOptions(true, false)))
                .as("NO_BACKSLASH_ESCAPES").contains("b = 'it''s a \\ test'");
    }

    @Test
    void typesSentOnceAreRemembered() {
        ClientStatement statement = statement(1);
        ByteBuf first = Unpooled.buffer().writeByte(0x17).writeIntLE(1).writeByte(0).writeIntLE(1).writeByte(0)
                .writeByte(1).writeShortLE(0x03).writeIntLE(7);
        ByteBuf second = Unpooled.buffer().writeByte(0x17).writeIntLE(1).writeByte(0).writeIntLE(1).writeByte(0)
                .writeByte(0).writeIntLE(8);
        // As each execution arrives, the statement learns the types it carries (PreparedCommands does this).
        statement.learnTypes(first);
        assertThat(ParameterBinder.bind(first, statement, "SELECT ?", LexerOptions.DEFAULT)).isEqualTo("SELECT 7");
        statement.learnTypes(second);
        assertThat(ParameterBinder.bind(second, statement, "SELECT ?", LexerOptions.DEFAULT)).isEqualTo("SELECT 8");
        assertThatThrownBy(() -> ParameterBinder.bind(second, statement(1), "SELECT ?", LexerOptions.DEFAULT))
                .isInstanceOf(MalformedPacketException.class);
    }

    @Test
    void bytesThatAreNotTextGoAsHex() {
        assertThat(ParameterBinder.substitute("VALUES (?)", List.of("X'ff00'"), LexerOptions.DEFAULT))
                .isEqualTo("VALUES (X'ff00')");
        assertThat(ParameterBinder.quoted("a\u0000b", true)).isEqualTo("'a\\0b'");
    }
}
