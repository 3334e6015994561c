package io.shardline.proxy.backend;

import static io.shardline.proxy.backend.PacketKind.COLUMN_COUNT;
import static io.shardline.proxy.backend.PacketKind.COLUMN_DEFINITION;
import static io.shardline.proxy.backend.PacketKind.EOF;
import static io.shardline.proxy.backend.PacketKind.ERR;
import static io.shardline.proxy.backend.PacketKind.OK;
import static io.shardline.proxy.backend.PacketKind.PREPARE_OK;
import static io.shardline.proxy.backend.PacketKind.ROW;
import static io.shardline.proxy.backend.PacketKind.TERMINATOR_OK;
import static io.shardline.proxy.backend.ServerPackets.binaryRow;
import static io.shardline.proxy.backend.ServerPackets.column;
import static io.shardline.proxy.backend.ServerPackets.columnCount;
import static io.shardline.proxy.backend.ServerPackets.eof;
import static io.shardline.proxy.backend.ServerPackets.err;
import static io.shardline.proxy.backend.ServerPackets.ok;
import static io.shardline.proxy.backend.ServerPackets.prepareOk;
import static io.shardline.proxy.backend.ServerPackets.terminator;
import static io.shardline.proxy.backend.TrackerScript.response;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardline.proxy.protocol.MalformedPacketException;
import io.shardline.proxy.protocol.ServerStatus;
import org.junit.jupiter.api.Test;

/** Prepared statements: COM_STMT_PREPARE, COM_STMT_EXECUTE (binary rows, cursors), COM_STMT_FETCH. */
class ResponseTrackerStatementTest {
    private static final int AUTOCOMMIT = ServerStatus.AUTOCOMMIT;
    private static final int CURSOR = ServerStatus.CURSOR_EXISTS | AUTOCOMMIT;

    @Test
    void prepareWithParamsAndColumns() {
        response(ResponseKind.PREPARE, false)
                .then(prepareOk(1, 2, 3), PREPARE_OK)
                .then(column("?"), COLUMN_DEFINITION)
                .then(column("?"), COLUMN_DEFINITION)
                .then(column("?"), COLUMN_DEFINITION)
                .then(eof(AUTOCOMMIT), EOF)
                .then(column("id"), COLUMN_DEFINITION)
                .then(column("name"), COLUMN_DEFINITION)
                .then(eof(AUTOCOMMIT), EOF)
                .endsAfterLast();
    }

    @Test
    void prepareWithParamsAndColumnsUnderDeprecateEof() {
        response(ResponseKind.PREPARE, true)
                .then(prepareOk(1, 2, 3), PREPARE_OK)
                .then(column("?"), COLUMN_DEFINITION)
                .then(column("?"), COLUMN_DEFINITION)
                .then(column("?"), COLUMN_DEFINITION)
                .then(column("id"), COLUMN_DEFINITION)
                .then(column("name"), COLUMN_DEFINITION)
                .endsAfterLast();
    }

    @Test
    void prepareWithColumnsOnly() {
        response(ResponseKind.PREPARE, false)
                .then(prepareOk(2, 2, 0), PREPARE_OK)
                .then(column("id"), COLUMN_DEFINITION)
                .then(column("name"), COLUMN_DEFINITION)
                .then(eof(AUTOCOMMIT), EOF)
                .endsAfterLast();
    }

    @Test
    void prepareWithParamsOnly() {
        response(ResponseKind.PREPARE, false)
                .then(prepareOk(3, 0, 2), PREPARE_OK)
                .then(column("?"), COLUMN_DEFINITION)
                .then(column("?"), COLUMN_DEFINITION)
                .then(eof(AUTOCOMMIT), EOF)
                .endsAfterLast();
    }

    @Test
    void prepareWithParamsOnlyUnderDeprecateEof() {
        response(ResponseKind.PREPARE, true)
                .then(prepareOk(3, 0, 2), PREPARE_OK)
                .then(column("?"), COLUMN_DEFINITION)
                .then(column("?"), COLUMN_DEFINITION)
                .endsAfterLast();
    }

    @Test
    void prepareWithNothingIsOnePacket() {
        response(ResponseKind.PREPARE, false).then(prepareOk(4, 0, 0), PREPARE_OK).endsAfterLast();
        response(ResponseKind.PREPARE, true).then(prepareOk(4, 0, 0), PREPARE_OK).endsAfterLast();
    }

    @Test
    void prepareError() {
        response(ResponseKind.PREPARE, false).then(err(), ERR).endsAfterLast();
    }

    @Test
    void prepareResponseMustStartWithPrepareOkOrErr() {
        ResponseTracker tracker = new ResponseTracker();
        tracker.begin(ResponseKind.PREPARE, false);

        assertThatThrownBy(() -> TrackerScript.feed(tracker, eof(AUTOCOMMIT)))
                .isInstanceOf(MalformedPacketException.class)
                .hasMessage("prepare response starts with 0xfe");
    }

    @Test
    void binaryResultSet() {
        response(ResponseKind.BINARY_RESULT, false)
                .then(columnCount(1), COLUMN_COUNT)
                .then(column("id"), COLUMN_DEFINITION)
                .then(eof(AUTOCOMMIT), EOF)
                .then(binaryRow(1), ROW)
                .then(binaryRow(0xfe), ROW)
                .then(eof(AUTOCOMMIT), EOF)
                .endsAfterLast();
    }

    @Test
    void binaryResultSetUnderDeprecateEof() {
        response(ResponseKind.BINARY_RESULT, true)
                .then(columnCount(1), COLUMN_COUNT)
                .then(column("id"), COLUMN_DEFINITION)
                .then(binaryRow(1), ROW)
                .then(terminator(AUTOCOMMIT), TERMINATOR_OK)
                .endsAfterLast();
    }

    @Test
    void executeWithoutResultSetIsAnOk() {
        response(ResponseKind.BINARY_RESULT, false).then(ok(AUTOCOMMIT), OK).endsAfterLast();
    }

    @Test
    void executeOfAProcedureWithOutParametersChainsResults() {
        int more = ServerStatus.MORE_RESULTS_EXISTS | AUTOCOMMIT;
        response(ResponseKind.BINARY_RESULT, false)
                .then(columnCount(1), COLUMN_COUNT)
                .then(column("out"), COLUMN_DEFINITION)
                .then(eof(more | ServerStatus.PS_OUT_PARAMS), EOF)
                .then(binaryRow(5), ROW)
                .then(eof(more | ServerStatus.PS_OUT_PARAMS), EOF)
                .then(ok(AUTOCOMMIT), OK)
                .endsAfterLast();
    }

    @Test
    void cursorOpenEndsTheExecuteResponseAtTheColumnsEof() {
        ResponseTracker tracker = response(ResponseKind.BINARY_RESULT, false)
                .then(columnCount(2), COLUMN_COUNT)
                .then(column("id"), COLUMN_DEFINITION)
                .then(column("name"), COLUMN_DEFINITION)
                .then(eof(CURSOR), EOF)
                .endsAfterLast();

        assertThat(tracker.statusFlags() & ServerStatus.CURSOR_EXISTS).isNotZero();
    }

    @Test
    void cursorOpenUnderDeprecateEofEndsAtTheTerminator() {
        ResponseTracker tracker = response(ResponseKind.BINARY_RESULT, true)
                .then(columnCount(1), COLUMN_COUNT)
                .then(column("id"), COLUMN_DEFINITION)
                .then(terminator(CURSOR), TERMINATOR_OK)
                .endsAfterLast();

        assertThat(tracker.statusFlags() & ServerStatus.CURSOR_EXISTS).isNotZero();
    }

    @Test
    void fetchReturnsBinaryRowsThenEof() {
        response(ResponseKind.FETCH, false)
                .then(binaryRow(1), ROW)
                .then(binaryRow(2), ROW)
                .then(eof(CURSOR), EOF)
                .endsAfterLast();
    }

    @Test
    void fetchOfTheLastRows() {
        ResponseTracker tracker = response(ResponseKind.FETCH, false)
                .then(binaryRow(3), ROW)
                .then(eof(CURSOR | ServerStatus.LAST_ROW_SENT), EOF)
                .endsAfterLast();

        assertThat(tracker.statusFlags() & ServerStatus.LAST_ROW_SENT).isNotZero();
    }

    @Test
    void fetchUnderDeprecateEof() {
        response(ResponseKind.FETCH, true)
                .then(binaryRow(1), ROW)
                .then(terminator(CURSOR), TERMINATOR_OK)
                .endsAfterLast();
    }

    @Test
    void fetchError() {
        response(ResponseKind.FETCH, false).then(err(), ERR).endsAfterLast();
    }
}
