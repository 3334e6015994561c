package io.shardline.proxy.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardline.proxy.protocol.Capabilities;
import io.shardline.proxy.protocol.ServerStatus;
import io.shardline.proxy.protocol.SessionStateChanges;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionTest {
    private final Session session = new Session(7, "10.0.0.1:40000");

    SessionTest() {
        session.login("app", Capabilities.PROTOCOL_41 | Capabilities.MULTI_STATEMENTS | Capabilities.DEPRECATE_EOF
                | Capabilities.SESSION_TRACK, "shop", Map.of("character_set_client", "latin1"), io.shardline.proxy.session.ClientTracking.SERVER_DEFAULT);
    }

    private static SessionStateChanges variables(String... nameValue) {
        Map<String, String> result = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            result.put(nameValue[i], nameValue[i + 1]);
        }
        return new SessionStateChanges(result, null, false);
    }

    @Test
    void loginStartsFresh() {
        assertThat(session.user()).isEqualTo("app");
        assertThat(session.schema()).isEqualTo("shop");
        assertThat(session.multiStatements()).isTrue();
        assertThat(session.variables()).containsExactly(Map.entry("character_set_client", "latin1"));
        assertThat(session.status()).isEqualTo(ServerStatus.AUTOCOMMIT);
        assertThat(session.pins()).isEmpty();
        assertThat(session.keepsBackend()).isFalse();
        assertThat(session.flavour()).isEqualTo(Capabilities.DEPRECATE_EOF);
    }

    @Test
    void replayedVariablesAreRecorded() {
        session.apply(variables("sql_mode", "ANSI_QUOTES", "autocommit", "OFF"));

        assertThat(session.variables()).contains(Map.entry("sql_mode", "ANSI_QUOTES"), Map.entry("autocommit", "OFF"));
        assertThat(session.keepsBackend()).isFalse();
    }

    @Test
    void lastInsertIdUpdatesTheSessionsValue() {
        session.apply(variables("last_insert_id", "42"));
        assertThat(session.lastInsertId()).isEqualTo(42);

        session.apply(variables("identity", "43"));
        assertThat(session.lastInsertId()).isEqualTo(43);

        session.apply(variables("last_insert_id", "garbage"));
        assertThat(session.lastInsertId()).as("unparsable value keeps the old one").isEqualTo(43);
        assertThat(session.variables()).doesNotContainKeys("last_insert_id", "identity");
        assertThat(session.keepsBackend()).isFalse();
    }

    @Test
    void oneShotVariableHoldsTheConnectionForTheNextStatementOnly() {
        session.apply(variables("insert_id", "100"));

        assertThat(session.keepsBackend()).isTrue();
        assertThat(session.pins()).isEmpty();
        assertThat(session.variables()).doesNotContainKey("insert_id");

        session.holdForNextStatement(false);
        assertThat(session.keepsBackend()).isFalse();
    }

    @Test
    void lastGtidIsIgnoredAndDoesNotPin() {
        session.apply(new SessionStateChanges(Map.of("last_gtid", "0-1-42"), null, true));

        assertThat(session.pins()).isEmpty();
        assertThat(session.keepsBackend()).isFalse();
        assertThat(session.variables()).doesNotContainKey("last_gtid");
    }

    @Test
    void timestampPinsAsUntrackedState() {
        session.apply(variables("timestamp", "1700000000"));

        assertThat(session.pins()).containsExactly(PinReason.UNTRACKED_STATE);
        assertThat(session.keepsBackend()).isTrue();
    }

    @Test
    void sessionTrackingChangesPin() {
        session.apply(variables("session_track_system_variables", "autocommit"));

        assertThat(session.pins()).containsExactly(PinReason.SESSION_TRACKING);
    }

    @Test
    void galeraVariablesPin() {
        session.apply(variables("wsrep_sync_wait", "1"));

        assertThat(session.pins()).containsExactly(PinReason.UNTRACKED_STATE);
    }

    @Test
    void bareStateChangePins() {
        session.apply(new SessionStateChanges(Map.of(), null, true));

        assertThat(session.pins()).containsExactly(PinReason.UNTRACKED_STATE);
    }

    @Test
    void stateChangeExplainedByAVariableOrSchemaDoesNotPin() {
        session.apply(new SessionStateChanges(Map.of("sql_mode", ""), null, true));
        session.apply(new SessionStateChanges(Map.of(), "crm", true));

        assertThat(session.pins()).isEmpty();
        assertThat(session.schema()).isEqualTo("crm");
    }

    @Test
    void schemaChange() {
        session.apply(new SessionStateChanges(Map.of(), "crm", false));
        assertThat(session.schema()).isEqualTo("crm");

        session.schema("");
        assertThat(session.schema()).isNull();
    }

    @Test
    void emptyInitialSchemaMeansNone() {
        // A blank "default-schema:" in the configuration arrives here as "".
        Session fresh = new Session(8, "10.0.0.1:40001");

        fresh.login("app", Capabilities.PROTOCOL_41, "", Map.of(), io.shardline.proxy.session.ClientTracking.SERVER_DEFAULT);

        assertThat(fresh.schema()).as("like schema(\"\"), no schema rather than an empty name").isNull();
    }

    @Test
    void openTransactionPinsAndItsEndUnpins() {
        session.status(ServerStatus.AUTOCOMMIT | ServerStatus.IN_TRANS);
        assertThat(session.pins()).containsExactly(PinReason.TRANSACTION);
        assertThat(session.inTransaction()).isTrue();

        session.status(ServerStatus.AUTOCOMMIT);
        assertThat(session.pins()).isEmpty();
        assertThat(session.inTransaction()).isFalse();
    }

    @Test
    void openCursorPinsUntilTheLastRowIsSent() {
        session.status(ServerStatus.CURSOR_EXISTS);
        assertThat(session.pins()).containsExactly(PinReason.CURSOR);

        session.status(ServerStatus.CURSOR_EXISTS | ServerStatus.LAST_ROW_SENT);
        assertThat(session.pins()).isEmpty();
    }

    @Test
    void statusFlagsForQuoting() {
        session.status(ServerStatus.NO_BACKSLASH_ESCAPES | 0x8000);

        assertThat(session.noBackslashEscapes()).isTrue();
        assertThat(session.ansiQuotes()).isTrue();
    }

    @Test
    void preparedStatementsDoNotPinAndSurviveALostBackend() {
        ClientStatement statement = new ClientStatement(session.statements().nextId(), "SELECT ?".getBytes(), null, 1);
        session.statements().add(statement);

        assertThat(session.pins()).as("statements are prepared again wherever they run").isEmpty();
        session.backendLost();
        assertThat(session.statements().get(statement.id())).isSameAs(statement);
        assertThat(session.statements().get(ClientStatements.LAST_PREPARED)).as("MariaDB's id -1").isSameAs(statement);

        session.resetState();
        assertThat(session.statements().size()).as("COM_RESET_CONNECTION closes them all").isZero();
    }

    @Test
    void primaryStateComesFromPinsOtherThanCursors() {
        session.pin(PinReason.CURSOR);
        assertThat(session.holdsPrimaryState()).as("a cursor is read where it was opened, not on the primary").isFalse();

        session.pin(PinReason.USER_VARIABLES);
        assertThat(session.holdsPrimaryState()).isTrue();
    }

    @Test
    void resetBringsBackTheLoginStateButKeepsTheSchema() {
        session.apply(variables("sql_mode", "ANSI", "last_insert_id", "9", "timestamp", "1"));
        session.status(ServerStatus.IN_TRANS);
        session.transactionLost("gone");

        session.resetState();

        assertThat(session.variables()).containsExactly(Map.entry("character_set_client", "latin1"));
        assertThat(session.lastInsertId()).isZero();
        assertThat(session.status()).isEqualTo(ServerStatus.AUTOCOMMIT);
        assertThat(session.pins()).isEmpty();
        assertThat(session.transactionLostReason()).isNull();
        assertThat(session.schema()).isEqualTo("shop");
    }

    @Test
    void losingTheBackendDropsWhatOnlyItHeld() {
        session.status(ServerStatus.AUTOCOMMIT | ServerStatus.IN_TRANS | ServerStatus.CURSOR_EXISTS);
        session.apply(variables("insert_id", "5", "sql_mode", "ANSI"));
        session.backendLost();

        assertThat(session.pins()).isEmpty();
        assertThat(session.keepsBackend()).isFalse();
        assertThat(session.inTransaction()).isFalse();
        assertThat(session.status()).isEqualTo(ServerStatus.AUTOCOMMIT);
        assertThat(session.variables()).containsEntry("sql_mode", "ANSI");
        assertThat(session.backend()).isNull();
    }

    @Test
    void toStringNamesTheSession() {
        assertThat(session.toString()).isEqualTo("Session[7, user=app, client=10.0.0.1:40000]");
    }
}
