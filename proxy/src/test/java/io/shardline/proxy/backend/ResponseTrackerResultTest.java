package io.shardline.proxy.backend;

import static io.shardline.proxy.backend.PacketKind.COLUMN_COUNT;
import static io.shardline.proxy.backend.PacketKind.COLUMN_DEFINITION;
import static io.shardline.proxy.backend.PacketKind.CONTINUATION;
import static io.shardline.proxy.backend.PacketKind.EOF;
import static io.shardline.proxy.backend.PacketKind.ERR;
import static io.shardline.proxy.backend.PacketKind.LOCAL_INFILE_REQUEST;
import static io.shardline.proxy.backend.PacketKind.OK;
import static io.shardline.proxy.backend.PacketKind.ROW;
import static io.shardline.proxy.backend.PacketKind.TERMINATOR_OK;
import static io.shardline.proxy.backend.ServerPackets.column;
import static io.shardline.proxy.backend.ServerPackets.columnCount;
import static io.shardline.proxy.backend.ServerPackets.eof;
import static io.shardline.proxy.backend.ServerPackets.err;
import static io.shardline.proxy.backend.ServerPackets.localInfile;
import static io.shardline.proxy.backend.ServerPackets.ok;
import static io.shardline.proxy.backend.ServerPackets.row;
import static io.shardline.proxy.backend.ServerPackets.terminator;
import static io.shardline.proxy.backend.TrackerScript.response;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardline.proxy.protocol.MalformedPacketException;
import io.shardline.proxy.protocol.Packets;
import io.shardline.proxy.protocol.ServerStatus;
import io.shardline.proxy.protocol.Wire;
import org.junit.jupiter.api.Test;

/** COM_QUERY responses (ResponseKind.RESULT): OK, ERR, text result sets, multi-results, LOCAL INFILE. */
class ResponseTrackerResultTest {
    private static final int AUTOCOMMIT = ServerStatus.AUTOCOMMIT;
    private static final int MORE = ServerStatus.MORE_RESULTS_EXISTS | AUTOCOMMIT;

    @Test
    void okAlone() {
        ResponseTracker tracker = response(ResponseKind.RESULT, false)
                .then(ok(AUTOCOMMIT | ServerStatus.IN_TRANS), OK)
                .endsAfterLast();

        assertThat(tracker.statusFlags()).isEqualTo(AUTOCOMMIT | ServerStatus.IN_TRANS);
    }

    @Test
    void okStatusIsFoundAfterMultiByteCounters() {
        ResponseTracker tracker = response(ResponseKind.RESULT, true)
                .then(ServerPackets.okWithCounters(ServerStatus.IN_TRANS), OK)
                .endsAfterLast();

        assertThat(tracker.statusFlags()).isEqualTo(ServerStatus.IN_TRANS);
    }

    @Test
    void errAlone() {
        response(ResponseKind.RESULT, false)
                .then(ServerPackets.err(), ERR)
                .endsAfterLast();
    }

    @Test
    void textResultSetWithEofPackets() {
        ResponseTracker tracker = response(ResponseKind.RESULT, false)
                .then(columnCount(2), COLUMN_COUNT)
                .then(column("id"), COLUMN_DEFINITION)
                .then(column("name"), COLUMN_DEFINITION)
                .then(eof(AUTOCOMMIT), EOF)
                .then(row("1", "anna"), ROW)
                .then(row(null, "bert"), ROW)
                .then(eof(AUTOCOMMIT | ServerStatus.IN_TRANS), EOF)
                .endsAfterLast();

        assertThat(tracker.statusFlags()).isEqualTo(AUTOCOMMIT | ServerStatus.IN_TRANS);
    }

    @Test
    void textResultSetUnderDeprecateEof() {
        ResponseTracker tracker = response(ResponseKind.RESULT, true)
                .then(columnCount(2), COLUMN_COUNT)
                .then(column("id"), COLUMN_DEFINITION)
                .then(column("name"), COLUMN_DEFINITION)
                .then(row("1", "anna"), ROW)
                .then(row("2", null), ROW)
                .then(terminator(AUTOCOMMIT), TERMINATOR_OK)
                .endsAfterLast();

        assertThat(tracker.statusFlags()).isEqualTo(AUTOCOMMIT);
    }

    @Test
    void terminatorWithSessionStateIsLongerThanAnEofButStillEndsTheRows() {
        response(ResponseKind.RESULT, true)
                .then(columnCount(1), COLUMN_COUNT)
                .then(column("id"), COLUMN_DEFINITION)
                .then(ServerPackets.longTerminator(AUTOCOMMIT | ServerStatus.SESSION_STATE_CHANGED), TERMINATOR_OK)
                .endsAfterLast();
    }

    @Test
    void emptyResultSet() {
        response(ResponseKind.RESULT, false)
                .then(columnCount(1), COLUMN_COUNT)
                .then(column("id"), COLUMN_DEFINITION)
                .then(eof(AUTOCOMMIT), EOF)
                .then(eof(AUTOCOMMIT), EOF)
                .endsAfterLast();
    }

    @Test
    void manyColumnsUseATwoByteCount() {
        TrackerScript script = response(ResponseKind.RESULT, true).then(columnCount(300), COLUMN_COUNT);
        for (int i = 0; i < 300; i++) {
            script.then(column("c" + i), COLUMN_DEFINITION);
        }
        script.then(row("x"), ROW).then(terminator(AUTOCOMMIT), TERMINATOR_OK).endsAfterLast();
    }

    @Test
    void errAfterSomeRows() {
        response(ResponseKind.RESULT, false)
                .then(columnCount(1), COLUMN_COUNT)
                .then(column("id"), COLUMN_DEFINITION)
                .then(eof(AUTOCOMMIT), EOF)
                .then(row("1"), ROW)
                .then(err(), ERR)
                .endsAfterLast();
    }

    @Test
    void errInsteadOfTheColumnsEof() {
        response(ResponseKind.RESULT, false)
                .then(columnCount(1), COLUMN_COUNT)
                .then(column("id"), COLUMN_DEFINITION)
                .then(err(), ERR)
                .endsAfterLast();
    }

    @Test
    void callReturningTwoResultSetsThenOk() {
        ResponseTracker tracker = response(ResponseKind.RESULT, false)
                .then(columnCount(1), COLUMN_COUNT)
                .then(column("a"), COLUMN_DEFINITION)
                .then(eof(AUTOCOMMIT), EOF)
                .then(row("1"), ROW)
                .then(eof(MORE), EOF)
                .then(columnCount(2), COLUMN_COUNT)
                .then(column("b"), COLUMN_DEFINITION)
                .then(column("c"), COLUMN_DEFINITION)
                .then(eof(AUTOCOMMIT), EOF)
                .then(row("2", "3"), ROW)
                .then(eof(MORE), EOF)
                .then(ok(AUTOCOMMIT), OK)
                .endsAfterLast();

        assertThat(tracker.statusFlags() & ServerStatus.MORE_RESULTS_EXISTS).isZero();
    }

    @Test
    void callUnderDeprecateEof() {
        response(ResponseKind.RESULT, true)
                .then(columnCount(1), COLUMN_COUNT)
                .then(column("a"), COLUMN_DEFINITION)
                .then(row("1"), ROW)
                .then(terminator(MORE), TERMINATOR_OK)
                .then(columnCount(1), COLUMN_COUNT)
                .then(column("b"), COLUMN_DEFINITION)
                .then(terminator(MORE), TERMINATOR_OK)
                .then(ok(AUTOCOMMIT), OK)
                .endsAfterLast();
    }

    @Test
    void multiStatementOks() {
        response(ResponseKind.RESULT, false)
                .then(ok(MORE), OK)
                .then(ok(MORE), OK)
                .then(ok(AUTOCOMMIT), OK)
                .endsAfterLast();
    }

    @Test
    void errEndsAMultiStatementResponse() {
        response(ResponseKind.RESULT, false)
                .then(ok(MORE), OK)
                .then(err(), ERR)
                .endsAfterLast();
    }

    @Test
    void localInfileWaitsForTheClientThenTakesTheServersOk() {
        ResponseTracker tracker = response(ResponseKind.RESULT, false)
                .then(localInfile("/tmp/data.csv"), LOCAL_INFILE_REQUEST)
                .staysOpen();
        assertThat(tracker.awaitsClientData()).isTrue();
        assertThatThrownBy(() -> TrackerScript.feed(tracker, ok(AUTOCOMMIT)))
                .as("the server cannot answer before the client sent its file")
                .isInstanceOf(MalformedPacketException.class);

        tracker.clientDataSent();

        assertThat(tracker.awaitsClientData()).isFalse();
        assertThat(TrackerScript.feed(tracker, ok(AUTOCOMMIT))).isEqualTo(OK);
        assertThat(tracker.isDone()).isTrue();
    }

    @Test
    void localInfileRefusedByTheServer() {
        ResponseTracker tracker = response(ResponseKind.RESULT, false)
                .then(localInfile("x"), LOCAL_INFILE_REQUEST)
                .staysOpen();
        tracker.clientDataSent();

        assertThat(TrackerScript.feed(tracker, err())).isEqualTo(ERR);
        assertThat(tracker.isDone()).isTrue();
    }

    @Test
    void clientDataSentOutsideLocalInfileChangesNothing() {
        ResponseTracker tracker = response(ResponseKind.RESULT, false)
                .then(columnCount(1), COLUMN_COUNT)
                .staysOpen();

        tracker.clientDataSent();

        assertThat(TrackerScript.feed(tracker, column("a"))).isEqualTo(COLUMN_DEFINITION);
    }

    @Test
    void rowOfExactlyOneFullFrameFollowedByAContinuationThatLooksLikeATerminator() {
        byte[] fullFrame = ServerPackets.hugeRowFirstFrame(Packets.MAX_FRAME_PAYLOAD);
        assertThat(fullFrame).hasSize(Packets.MAX_FRAME_PAYLOAD);

        response(ResponseKind.RESULT, true)
                .then(columnCount(1), COLUMN_COUNT)
                .then(column("blob"), COLUMN_DEFINITION)
                .then(fullFrame, ROW)
                .then(terminator(AUTOCOMMIT), CONTINUATION)
                .then(terminator(AUTOCOMMIT), TERMINATOR_OK)
                .endsAfterLast();
    }

    @Test
    void rowSpanningSeveralFullFramesWithoutDeprecateEof() {
        byte[] fullFrame = ServerPackets.hugeRowFirstFrame(2L * Packets.MAX_FRAME_PAYLOAD);
        byte[] middle = new byte[Packets.MAX_FRAME_PAYLOAD];
        middle[0] = (byte) 0xfe;

        response(ResponseKind.RESULT, false)
                .then(columnCount(1), COLUMN_COUNT)
                .then(column("blob"), COLUMN_DEFINITION)
                .then(eof(AUTOCOMMIT), EOF)
                .then(fullFrame, ROW)
                .then(middle, CONTINUATION)
                .then(ServerPackets.continuationLookingLikeEof(), CONTINUATION)
                .then(eof(AUTOCOMMIT), EOF)
                .endsAfterLast();
    }

    @Test
    void rowOfExactlyOneFullFrameEndsWithAnEmptyContinuation() {
        response(ResponseKind.RESULT, false)
                .then(columnCount(1), COLUMN_COUNT)
                .then(column("blob"), COLUMN_DEFINITION)
                .then(eof(AUTOCOMMIT), EOF)
                .then(Wire.filled(Packets.MAX_FRAME_PAYLOAD, 1), ROW)
                .then(new byte[0], CONTINUATION)
                .then(row("small"), ROW)
                .then(eof(AUTOCOMMIT), EOF)
                .endsAfterLast();
    }

    @Test
    void beginForgetsAnUnfinishedContinuation() {
        ResponseTracker tracker = response(ResponseKind.RESULT, false)
                .then(columnCount(1), COLUMN_COUNT)
                .then(column("blob"), COLUMN_DEFINITION)
                .then(eof(AUTOCOMMIT), EOF)
                .then(Wire.filled(Packets.MAX_FRAME_PAYLOAD, 1), ROW)
                .staysOpen();

        tracker.begin(ResponseKind.SINGLE, false);

        assertThat(TrackerScript.feed(tracker, ok(AUTOCOMMIT))).isEqualTo(OK);
        assertThat(tracker.isDone()).isTrue();
    }

    @Test
    void beginResetsTheStatusFlags() {
        ResponseTracker tracker = response(ResponseKind.RESULT, false)
                .then(ok(ServerStatus.IN_TRANS), OK)
                .endsAfterLast();

        tracker.begin(ResponseKind.RESULT, false);

        assertThat(tracker.statusFlags()).isZero();
        assertThat(tracker.isDone()).isFalse();
    }

    @Test
    void packetAfterTheResponseEndedIsMalformed() {
        ResponseTracker tracker = response(ResponseKind.RESULT, false).then(ok(AUTOCOMMIT), OK).endsAfterLast();

        assertThatThrownBy(() -> TrackerScript.feed(tracker, ok(AUTOCOMMIT)))
                .isInstanceOf(MalformedPacketException.class)
                .hasMessageContaining("after its response ended");
    }

    @Test
    void truncatedOkIsMalformed() {
        ResponseTracker tracker = new ResponseTracker();
        tracker.begin(ResponseKind.RESULT, false);

        assertThatThrownBy(() -> TrackerScript.feed(tracker, new byte[] {0, 0, 0, 2}))
                .isInstanceOf(MalformedPacketException.class)
                .hasMessageStartingWith("OK status flags");
    }
}
