package io.shardline.proxy.backend;

import static io.shardline.proxy.backend.PacketKind.COLUMN_DEFINITION;
import static io.shardline.proxy.backend.PacketKind.EOF;
import static io.shardline.proxy.backend.PacketKind.ERR;
import static io.shardline.proxy.backend.PacketKind.OK;
import static io.shardline.proxy.backend.PacketKind.OTHER;
import static io.shardline.proxy.backend.PacketKind.TERMINATOR_OK;
import static io.shardline.proxy.backend.ServerPackets.column;
import static io.shardline.proxy.backend.ServerPackets.eof;
import static io.shardline.proxy.backend.ServerPackets.err;
import static io.shardline.proxy.backend.ServerPackets.ok;
import static io.shardline.proxy.backend.ServerPackets.terminator;
import static io.shardline.proxy.backend.TrackerScript.response;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardline.proxy.protocol.MalformedPacketException;
import io.shardline.proxy.protocol.ServerStatus;
import org.junit.jupiter.api.Test;

/** One-packet responses (SINGLE), COM_FIELD_LIST and commands without a response (NONE). */
class ResponseTrackerSimpleTest {
    private static final int AUTOCOMMIT = ServerStatus.AUTOCOMMIT;

    @Test
    void singleOk() {
        ResponseTracker tracker = response(ResponseKind.SINGLE, false)
                .then(ok(AUTOCOMMIT | ServerStatus.IN_TRANS), OK)
                .endsAfterLast();

        assertThat(tracker.statusFlags()).isEqualTo(AUTOCOMMIT | ServerStatus.IN_TRANS);
    }

    @Test
    void singleEofAsComSetOptionAnswers() {
        ResponseTracker tracker = response(ResponseKind.SINGLE, false).then(eof(AUTOCOMMIT), EOF).endsAfterLast();

        assertThat(tracker.statusFlags()).isEqualTo(AUTOCOMMIT);
    }

    @Test
    void singleErr() {
        response(ResponseKind.SINGLE, false).then(err(), ERR).endsAfterLast();
    }

    @Test
    void statisticsIsABareString() {
        response(ResponseKind.SINGLE, false).then(ServerPackets.statistics(), OTHER).endsAfterLast();
    }

    @Test
    void fieldList() {
        ResponseTracker tracker = response(ResponseKind.FIELD_LIST, false)
                .then(column("id"), COLUMN_DEFINITION)
                .then(column("name"), COLUMN_DEFINITION)
                .then(eof(AUTOCOMMIT | ServerStatus.IN_TRANS), EOF)
                .endsAfterLast();

        assertThat(tracker.statusFlags()).isEqualTo(AUTOCOMMIT | ServerStatus.IN_TRANS);
    }

    @Test
    void fieldListUnderDeprecateEofEndsAtTheTerminatorOk() {
        ResponseTracker tracker = new ResponseTracker();
        tracker.begin(ResponseKind.FIELD_LIST, true);

        assertThat(TrackerScript.feed(tracker, column("id"))).isEqualTo(COLUMN_DEFINITION);
        assertThat(TrackerScript.feed(tracker, terminator(AUTOCOMMIT | ServerStatus.IN_TRANS)))
                .isIn(EOF, TERMINATOR_OK);
        assertThat(tracker.isDone()).isTrue();
        assertThat(tracker.statusFlags()).isEqualTo(AUTOCOMMIT | ServerStatus.IN_TRANS);
    }

    @Test
    void fieldListUnderDeprecateEofWithALongTerminator() {
        response(ResponseKind.FIELD_LIST, true)
                .then(column("id"), COLUMN_DEFINITION)
                .then(ServerPackets.longTerminator(AUTOCOMMIT | ServerStatus.SESSION_STATE_CHANGED), TERMINATOR_OK)
                .endsAfterLast();
    }

    @Test
    void fieldListOfAnUnknownTable() {
        response(ResponseKind.FIELD_LIST, false).then(err(), ERR).endsAfterLast();
    }

    @Test
    void noResponseIsDoneAtOnceAndRefusesPackets() {
        ResponseTracker tracker = new ResponseTracker();
        tracker.begin(ResponseKind.NONE, false);

        assertThat(tracker.isDone()).isTrue();
        assertThatThrownBy(() -> TrackerScript.feed(tracker, ok(AUTOCOMMIT)))
                .isInstanceOf(MalformedPacketException.class);
    }

    @Test
    void aFreshTrackerExpectsNothing() {
        ResponseTracker tracker = new ResponseTracker();

        assertThat(tracker.isDone()).isTrue();
        assertThat(tracker.awaitsClientData()).isFalse();
    }
}
