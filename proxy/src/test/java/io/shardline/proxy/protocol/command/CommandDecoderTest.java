package io.shardline.proxy.protocol.command;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.shardline.proxy.protocol.Capabilities;
import io.shardline.proxy.protocol.CommandCode;
import io.shardline.proxy.protocol.MalformedPacketException;
import io.shardline.proxy.protocol.Wire;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CommandDecoderTest {
    private static final long CLIENT = Capabilities.PROTOCOL_41 | Capabilities.SECURE_CONNECTION
            | Capabilities.PLUGIN_AUTH | Capabilities.CONNECT_ATTRS;

    static Stream<Arguments> commands() {
        return Stream.of(
                Arguments.of(Wire.bytes().u8(CommandCode.COM_QUIT), new ComQuit()),
                Arguments.of(Wire.bytes().u8(CommandCode.COM_PING), new ComPing()),
                Arguments.of(Wire.bytes().u8(CommandCode.COM_STATISTICS), new ComStatistics()),
                Arguments.of(Wire.bytes().u8(CommandCode.COM_RESET_CONNECTION), new ComResetConnection()),
                Arguments.of(Wire.bytes().u8(CommandCode.COM_PROCESS_KILL).u32(42), new ComProcessKill(42)),
                Arguments.of(Wire.bytes().u8(CommandCode.COM_PROCESS_KILL).u32(0xfffffffeL),
                        new ComProcessKill(0xfffffffeL)),
                Arguments.of(Wire.bytes().u8(CommandCode.COM_SET_OPTION).u16(0),
                        new ComSetOption(ComSetOption.MULTI_STATEMENTS_ON)),
                Arguments.of(Wire.bytes().u8(CommandCode.COM_SET_OPTION).u16(1),
                        new ComSetOption(ComSetOption.MULTI_STATEMENTS_OFF)));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("commands")
    void commandsThatAreNotForwardedReleaseTheirPayload(Wire bytes, ClientCommand expected) {
        ByteBuf payload = bytes.buf();

        ClientCommand command = CommandDecoder.decode(payload, CLIENT);

        assertThat(command).isEqualTo(expected).isNotInstanceOf(ForwardedCommand.class);
        assertThat(payload.refCnt()).isZero();
    }

    @ParameterizedTest(name = "command 0x{0}")
    @ValueSource(ints = {CommandCode.COM_SLEEP, CommandCode.COM_CREATE_DB, CommandCode.COM_DROP_DB,
            CommandCode.COM_REFRESH, CommandCode.COM_SHUTDOWN, CommandCode.COM_PROCESS_INFO, CommandCode.COM_CONNECT,
            CommandCode.COM_DEBUG, CommandCode.COM_TIME, CommandCode.COM_DELAYED_INSERT, CommandCode.COM_BINLOG_DUMP,
            CommandCode.COM_TABLE_DUMP, CommandCode.COM_CONNECT_OUT, CommandCode.COM_REGISTER_SLAVE,
            CommandCode.COM_DAEMON, CommandCode.COM_BINLOG_DUMP_GTID, 0x20, 0xfe, 0xff})
    void unknownOrUnservedCommandsAreUnsupported(int code) {
        ByteBuf payload = Wire.bytes().u8(code).raw("anything").buf();

        assertThat(CommandDecoder.decode(payload, CLIENT)).isEqualTo(new ComUnsupported(code));
        assertThat(payload.refCnt()).isZero();
    }

    @Test
    void queryKeepsItsPayloadUnread() {
        ByteBuf payload = Wire.bytes().u8(CommandCode.COM_QUERY).raw("SELECT 'é'").buf();

        ComQuery query = (ComQuery) CommandDecoder.decode(payload, CLIENT);

        assertForwarded(query, payload);
        assertThat(query.sqlForClassification()).as("bytes mapped one to one")
                .isEqualTo(new String("SELECT 'é'".getBytes(UTF_8), ISO_8859_1));
        assertThat(query.toString()).doesNotContain("SELECT");
        release(payload);
    }

    @Test
    void prepareKeepsItsPayload() {
        ByteBuf payload = Wire.bytes().u8(CommandCode.COM_STMT_PREPARE).raw("SELECT ?").buf();

        ComStmtPrepare prepare = (ComStmtPrepare) CommandDecoder.decode(payload, CLIENT);

        assertForwarded(prepare, payload);
        assertThat(prepare.sqlForClassification()).isEqualTo("SELECT ?");
        assertThat(prepare.toString()).doesNotContain("SELECT");
        release(payload);
    }

    @Test
    void initDbReadsTheSchemaAndKeepsThePayload() {
        ByteBuf payload = Wire.bytes().u8(CommandCode.COM_INIT_DB).raw("shop").buf();

        ComInitDb initDb = (ComInitDb) CommandDecoder.decode(payload, CLIENT);

        assertForwarded(initDb, payload);
        assertThat(initDb.schema()).isEqualTo("shop");
        release(payload);
    }

    @Test
    void fieldListKeepsThePayload() {
        ByteBuf payload = Wire.bytes().u8(CommandCode.COM_FIELD_LIST).nul("t1").raw("%").buf();

        assertForwarded((ComFieldList) CommandDecoder.decode(payload, CLIENT), payload);
        release(payload);
    }

    @Test
    void executeReadsStatementIdAndFlags() {
        ByteBuf payload = Wire.bytes().u8(CommandCode.COM_STMT_EXECUTE).u32(0xfffffff0L).u8(1).u32(1).u8(0).buf();

        ComStmtExecute execute = (ComStmtExecute) CommandDecoder.decode(payload, CLIENT);

        assertForwarded(execute, payload);
        assertThat(execute.statementId()).isEqualTo(0xfffffff0L);
        assertThat(execute.flags()).isEqualTo(ComStmtExecute.CURSOR_TYPE_READ_ONLY);
        assertThat(execute.opensCursor()).isTrue();
        release(payload);
    }

    @Test
    void executeWithoutCursor() {
        ByteBuf payload = Wire.bytes().u8(CommandCode.COM_STMT_EXECUTE).u32(7).u8(0).u32(1).buf();

        ComStmtExecute execute = (ComStmtExecute) CommandDecoder.decode(payload, CLIENT);

        assertThat(execute.opensCursor()).isFalse();
        assertThat(execute.statementId()).isEqualTo(7);
        release(payload);
    }

    @Test
    void statementCommandsReadTheirStatementId() {
        ByteBuf longData = Wire.bytes().u8(CommandCode.COM_STMT_SEND_LONG_DATA).u32(11).u16(0).raw("chunk").buf();
        ByteBuf close = Wire.bytes().u8(CommandCode.COM_STMT_CLOSE).u32(12).buf();
        ByteBuf reset = Wire.bytes().u8(CommandCode.COM_STMT_RESET).u32(13).buf();
        ByteBuf fetch = Wire.bytes().u8(CommandCode.COM_STMT_FETCH).u32(0xffffffffL).u32(100).buf();

        ComStmtSendLongData sendLongData = (ComStmtSendLongData) CommandDecoder.decode(longData, CLIENT);
        ComStmtClose stmtClose = (ComStmtClose) CommandDecoder.decode(close, CLIENT);
        ComStmtReset stmtReset = (ComStmtReset) CommandDecoder.decode(reset, CLIENT);
        ComStmtFetch stmtFetch = (ComStmtFetch) CommandDecoder.decode(fetch, CLIENT);

        assertThat(sendLongData.statementId()).isEqualTo(11);
        assertThat(stmtClose.statementId()).isEqualTo(12);
        assertThat(stmtReset.statementId()).isEqualTo(13);
        assertThat(stmtFetch.statementId()).isEqualTo(0xffffffffL);
        assertForwarded(sendLongData, longData);
        assertForwarded(stmtClose, close);
        assertForwarded(stmtReset, reset);
        assertForwarded(stmtFetch, fetch);
        release(longData);
        release(close);
        release(reset);
        release(fetch);
    }

    @Test
    void changeUserWithEveryOptionalField() {
        byte[] auth = Wire.filled(20, 9);
        ByteBuf payload = Wire.bytes().u8(CommandCode.COM_CHANGE_USER).nul("bob").u8(20).raw(auth).nul("shop")
                .u16(45).nul("mysql_native_password")
                .lenenc(Wire.bytes().lenenc("_client_name").lenenc("libmariadb").array()).buf();

        ComChangeUser change = (ComChangeUser) CommandDecoder.decode(payload, CLIENT);

        assertThat(change.user()).isEqualTo("bob");
        assertThat(change.authResponse()).isEqualTo(auth);
        assertThat(change.database()).isEqualTo("shop");
        assertThat(change.collationId()).isEqualTo(45);
        assertThat(change.authPluginName()).isEqualTo("mysql_native_password");
        assertThat(change.attributes()).containsExactlyEntriesOf(Map.of("_client_name", "libmariadb"));
        assertThat(payload.refCnt()).isZero();
        assertThat(change.toString()).doesNotContain("[B@");
    }

    @Test
    void changeUserWithOnlyTheMandatoryFields() {
        ByteBuf payload = Wire.bytes().u8(CommandCode.COM_CHANGE_USER).nul("bob").u8(0).nul("").buf();

        ComChangeUser change = (ComChangeUser) CommandDecoder.decode(payload, CLIENT);

        assertThat(change.user()).isEqualTo("bob");
        assertThat(change.authResponse()).isEmpty();
        assertThat(change.database()).isNull();
        assertThat(change.collationId()).isZero();
        assertThat(change.authPluginName()).isNull();
        assertThat(change.attributes()).isEmpty();
        assertThat(payload.refCnt()).isZero();
    }

    @Test
    void changeUserFromAnOldClientHasANulTerminatedAuthAndNoPlugin() {
        ByteBuf payload = Wire.bytes().u8(CommandCode.COM_CHANGE_USER).nul("bob").raw(Wire.filled(8, 1)).u8(0)
                .nul("shop").u16(8).nul("ignored").buf();

        ComChangeUser change = (ComChangeUser) CommandDecoder.decode(payload, Capabilities.PROTOCOL_41);

        assertThat(change.authResponse()).isEqualTo(Wire.filled(8, 1));
        assertThat(change.database()).isEqualTo("shop");
        assertThat(change.collationId()).isEqualTo(8);
        assertThat(change.authPluginName()).as("no PLUGIN_AUTH capability").isNull();
    }

    static Stream<Arguments> truncated() {
        return Stream.of(
                Arguments.of(Wire.bytes(), "command byte"),
                Arguments.of(Wire.bytes().u8(CommandCode.COM_STMT_EXECUTE).u32(1).u8(0).u16(0),
                        "COM_STMT_EXECUTE header"),
                Arguments.of(Wire.bytes().u8(CommandCode.COM_STMT_CLOSE).u16(1), "statement id"),
                Arguments.of(Wire.bytes().u8(CommandCode.COM_STMT_RESET), "statement id"),
                Arguments.of(Wire.bytes().u8(CommandCode.COM_STMT_FETCH).u8(1, 2, 3), "statement id"),
                Arguments.of(Wire.bytes().u8(CommandCode.COM_STMT_SEND_LONG_DATA).u8(1), "statement id"),
                Arguments.of(Wire.bytes().u8(CommandCode.COM_PROCESS_KILL).u8(1, 2, 3), "connection id"),
                Arguments.of(Wire.bytes().u8(CommandCode.COM_SET_OPTION).u8(0), "COM_SET_OPTION option"),
                Arguments.of(Wire.bytes().u8(CommandCode.COM_CHANGE_USER).nul("bob"), "auth response length"),
                Arguments.of(Wire.bytes().u8(CommandCode.COM_CHANGE_USER).nul("bob").u8(20).u8(1, 2), "auth response"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("truncated")
    void truncatedPayloadsAreMalformedAndReleased(Wire bytes, String field) {
        ByteBuf payload = Unpooled.buffer().writeBytes(bytes.array());

        assertThatThrownBy(() -> CommandDecoder.decode(payload, CLIENT))
                .isInstanceOf(MalformedPacketException.class)
                .hasMessageStartingWith(field + " needs");
        assertThat(payload.refCnt()).isZero();
    }

    private static void assertForwarded(ForwardedCommand command, ByteBuf payload) {
        assertThat(command.payload()).isSameAs(payload);
        assertThat(payload.refCnt()).as("a forwarded command owns its payload").isEqualTo(1);
        assertThat(payload.readerIndex()).as("forwarded byte for byte, command byte included").isZero();
    }

    private static void release(ByteBuf payload) {
        payload.release();
        assertThat(payload.refCnt()).isZero();
    }
}
