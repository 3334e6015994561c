package io.shardline.proxy.execute;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardline.proxy.backend.BackendSessionState;
import io.shardline.proxy.protocol.Capabilities;
import io.shardline.proxy.session.Collations;
import io.shardline.proxy.session.Session;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SessionSyncTest {
    private static final Collations COLLATIONS = Collations.fallback();

    private final SessionSync sync = new SessionSync(COLLATIONS.loginVariables(), () -> io.shardline.router.rule.ShardingRules.NONE);
    private final BackendSessionState backend = new BackendSessionState();
    private final Session session = new Session(1, "127.0.0.1:50000");

    SessionSyncTest() {
        session.login("app", Capabilities.PROTOCOL_41, "shop", Map.of(), io.shardline.proxy.session.ClientTracking.SERVER_DEFAULT);
    }

    @Test
    void sameStateNeedsNothing() {
        session.variable("sql_mode", "ANSI_QUOTES");
        backend.variables().put("sql_mode", "ANSI_QUOTES");

        assertThat(sync.differences(backend, session)).isEmpty();
    }

    @Test
    void variablesTheSessionChangedAreSet() {
        session.variable("sql_mode", "ANSI_QUOTES");
        session.variable("wait_timeout", "30");
        backend.variables().put("wait_timeout", "28800");

        assertThat(asMap(sync.differences(backend, session)))
                .containsOnly(Map.entry("sql_mode", "ANSI_QUOTES"), Map.entry("wait_timeout", "30"));
    }

    @Test
    void variablesOnlyTheConnectionChangedGoBack() {
        backend.variables().put("sql_mode", "ANSI_QUOTES");
        backend.variables().put("character_set_client", "latin1");

        List<String[]> differences = sync.differences(backend, session);

        assertThat(differences).extracting(each -> each[0]).containsExactlyInAnyOrder("sql_mode",
                "character_set_client", "character_set_connection", "character_set_results", "collation_connection");
        assertThat(differences).allSatisfy(each -> assertThat(each[1]).as(each[0]).isNull());
        assertThat(sync.setStatement(differences, -1)).as("character sets back to the login ones, with SET NAMES")
                .isEqualTo("SET NAMES 'utf8mb4' COLLATE 'utf8mb4_general_ci', @@session.sql_mode=DEFAULT");
    }

    @Test
    void characterSetsComeBeforeCollationsAndCollationsBeforeTheRest() {
        COLLATIONS.sessionVariablesFor(8).forEach(session::variable);
        session.variable("autocommit", "OFF");
        session.variable("time_zone", "+00:00");
        session.variable("collation_database", "latin1_bin");

        List<String> order = sync.differences(backend, session).stream().map(each -> each[0]).toList();

        assertThat(order).hasSize(7);
        assertThat(order.subList(0, 3)).containsExactlyInAnyOrder("character_set_client", "character_set_connection",
                "character_set_results");
        assertThat(order.subList(3, 5)).containsExactlyInAnyOrder("collation_connection", "collation_database");
        assertThat(order.subList(5, 7)).containsExactlyInAnyOrder("autocommit", "time_zone");
    }

    @Test
    void setStatementQuotesTextAndLeavesNumbersBare() {
        List<String[]> assignments = List.of(new String[] {"character_set_client", "latin1"},
                new String[] {"collation_connection", "latin1_swedish_ci"},
                new String[] {"wait_timeout", "30"},
                new String[] {"sql_mode", "STRICT_TRANS_TABLES,NO_ZERO_DATE"});

        assertThat(sync.setStatement(assignments, -1)).isEqualTo("SET @@session.character_set_client='latin1', "
                + "@@session.collation_connection='latin1_swedish_ci', @@session.wait_timeout=30, "
                + "@@session.sql_mode='STRICT_TRANS_TABLES,NO_ZERO_DATE'");
    }

    /** Agreeing character sets go as SET NAMES, so result columns report the chosen collation. */
    @Test
    void characterSetsThatAgreeAreSetWithNames() {
        COLLATIONS.sessionVariablesFor(8).forEach(session::variable);
        session.variable("time_zone", "+00:00");

        assertThat(sync.setStatement(sync.differences(backend, session), -1))
                .isEqualTo("SET NAMES 'latin1' COLLATE 'latin1_swedish_ci', @@session.time_zone='+00:00'");
    }

    @Test
    void emptyCharacterSetResultsMeansNull() {
        session.variable("character_set_results", "");

        assertThat(sync.setStatement(sync.differences(backend, session), -1))
                .isEqualTo("SET @@session.character_set_results=NULL");
    }

    @Test
    void otherEmptyValuesStayEmptyStrings() {
        assertThat(sync.setStatement(List.<String[]>of(new String[] {"sql_mode", ""}), -1))
                .isEqualTo("SET @@session.sql_mode=''");
    }

    @Test
    void lastInsertIdIsAppended() {
        List<String[]> assignments = List.<String[]>of(new String[] {"autocommit", "OFF"});

        assertThat(sync.setStatement(assignments, 42))
                .isEqualTo("SET @@session.autocommit='OFF', @@session.last_insert_id=42");
        assertThat(sync.setStatement(List.of(), 7)).isEqualTo("SET @@session.last_insert_id=7");
        assertThat(sync.setStatement(List.of(), 0)).isEqualTo("SET @@session.last_insert_id=0");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "30|30",
            "-1|-1",
            "0.5|0.5",
            "18446744073709551615|18446744073709551615",
            "ON|'ON'",
            "``|''",
            ".|'.'",
            "-|'-'",
            "1e3|'1e3'",
            "+02:00|'+02:00'",
            "utf8mb4_0900_ai_ci|'utf8mb4_0900_ai_ci'",
            "say \"hi\"|'say \"hi\"'",
            "it's|CONVERT(X'69742773' USING utf8mb4)",
            "a\\b|CONVERT(X'615c62' USING utf8mb4)",
            "é'|CONVERT(X'c3a927' USING utf8mb4)",
    })
    void literals(String value, String expected) {
        assertThat(SessionSync.literal(value)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"1-2", "2024-01-01", "1.2.3"})
    void valuesThatMerelyLookNumericAreNotLeftBare(String value) {
        // Left bare, "1-2" would be evaluated as the expression 1 - 2.
        assertThat(SessionSync.literal(value)).isNotEqualTo(value);
    }

    private static Map<String, String> asMap(List<String[]> differences) {
        return differences.stream().collect(Collectors.toMap(each -> each[0], each -> each[1]));
    }
}
