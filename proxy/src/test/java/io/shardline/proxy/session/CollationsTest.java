package io.shardline.proxy.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CollationsTest {
    private final Collations fallback = Collations.fallback();

    @Test
    void loginCollationNeedsNoVariables() {
        assertThat(fallback.sessionVariablesFor(Collations.LOGIN_COLLATION_ID)).isEmpty();
    }

    @Test
    void latin1SetsAllFourVariables() {
        assertThat(fallback.sessionVariablesFor(8)).containsExactly(
                Map.entry("character_set_client", "latin1"),
                Map.entry("character_set_connection", "latin1"),
                Map.entry("character_set_results", "latin1"),
                Map.entry("collation_connection", "latin1_swedish_ci"));
    }

    @Test
    void sameCharsetOtherCollation() {
        assertThat(fallback.sessionVariablesFor(224)).containsEntry("character_set_client", "utf8mb4")
                .containsEntry("collation_connection", "utf8mb4_unicode_ci");
    }

    @Test
    void unknownIdFallsBackToTheServerDefault() {
        assertThat(fallback.knows(255)).isFalse();
        assertThat(fallback.resolve(255)).isEqualTo(Collations.LOGIN_COLLATION_ID);
        assertThat(fallback.sessionVariablesFor(255)).isEmpty();
    }

    @Test
    void tableFromBackendRowsWithAnotherServerDefault() {
        Collations collations = Collations.fromRows(List.of(
                Arrays.asList("8", "latin1_swedish_ci", "latin1"),
                Arrays.asList("45", "utf8mb4_general_ci", "utf8mb4"),
                Arrays.asList(null, "ignored", "ignored"),
                Arrays.asList("255", "utf8mb4_0900_ai_ci", "utf8mb4")), 8);

        assertThat(collations.knows(255)).isTrue();
        assertThat(collations.sessionVariablesFor(255)).containsEntry("collation_connection", "utf8mb4_0900_ai_ci");
        assertThat(collations.resolve(99)).isEqualTo(8);
        assertThat(collations.sessionVariablesFor(99)).containsEntry("character_set_client", "latin1");
    }

    @Test
    void loginVariablesDescribeUtf8mb4GeneralCi() {
        assertThat(fallback.loginVariables()).containsExactly(
                Map.entry("character_set_client", "utf8mb4"),
                Map.entry("character_set_connection", "utf8mb4"),
                Map.entry("character_set_results", "utf8mb4"),
                Map.entry("collation_connection", "utf8mb4_general_ci"));
        assertThat(Collations.fromRows(List.of(), 45).loginVariables()).as("even without rows")
                .containsEntry("collation_connection", "utf8mb4_general_ci");
    }
}
