package io.shardline.proxy.backend;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardline.proxy.protocol.SessionStateChanges;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BackendSessionStateTest {

    @Test
    void remembersOnlyReplayedVariablesAndTheSchema() {
        BackendSessionState state = new BackendSessionState();
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("sql_mode", "ANSI_QUOTES");
        variables.put("last_insert_id", "5");
        variables.put("insert_id", "9");
        variables.put("last_gtid", "0-1-7");
        variables.put("timestamp", "1700000000");

        state.apply(new SessionStateChanges(variables, "shop", true));

        assertThat(state.variables()).containsExactly(Map.entry("sql_mode", "ANSI_QUOTES"));
        assertThat(state.schema()).isEqualTo("shop");
    }

    @Test
    void schemaIsKeptWhenNotReportedAndEmptyMeansNone() {
        BackendSessionState state = new BackendSessionState();
        state.schema("shop");

        state.apply(new SessionStateChanges(Map.of("autocommit", "OFF"), null, false));
        assertThat(state.schema()).isEqualTo("shop");

        state.schema("");
        assertThat(state.schema()).isNull();
    }

    @Test
    void freshConnectionHasMultiStatementsOnAndNoLastInsertId() {
        BackendSessionState state = new BackendSessionState();

        assertThat(state.multiStatements()).isTrue();
        assertThat(state.lastInsertId()).isZero();
        assertThat(state.variables()).isEmpty();
        assertThat(state.schema()).isNull();
    }
}
