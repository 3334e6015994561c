package io.shardline.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardline.cli.ExitCodes;
import io.shardline.cli.FakeApi;
import io.shardline.cli.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The remote rules commands against a scripted API; {@code rules validate} is in {@link RulesValidateTest}. */
class RulesTest {
    private static final String YAML = "sharding:\n  schemas:\n    shop:\n      default-datasource: ds_0\n";
    private static final String CHANGES = "[{\"kind\": \"add\", \"object\": \"table shop.t_user\","
            + " \"detail\": \"4 data nodes on ds_0, ds_1\", \"moves_rows\": false},"
            + " {\"kind\": \"change\", \"object\": \"table shop.t_order\","
            + " \"detail\": \"table-strategy count 4 -> 8\", \"moves_rows\": true}]";

    private FakeApi api;
    private Path file;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        api = new FakeApi();
        file = Files.writeString(dir.resolve("proxy.yaml"), YAML);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void showPrintsVersionThenTheYaml() {
        api.answer("GET", "/api/rules", 200, "{\"version\": 3, \"applied_at\": \"2026-11-26T15:00:00Z\","
                + " \"source\": \"apply\", \"text\": \"sharding:\\n  schemas: {}\", \"schemas\": [\"demo\", \"shop\"]}");

        Run run = Run.of("rules", "show", "--url", api.url());

        assertThat(run.exitCode()).isZero();
        assertThat(run.lines()).containsExactly("version     3", "applied at  2026-11-26T15:00:00Z",
                "source      apply", "schemas     demo, shop", "", "sharding:", "  schemas: {}");
    }

    @Test
    void diffSendsTheFileAsTheBodyWithoutTokenAndPrintsChangesInWords() {
        api.answer("POST", "/api/rules/diff", 200, "{\"from_version\": 3, \"changes\": " + CHANGES
                + ", \"moves_rows\": true}");

        Run run = Run.of("rules", "diff", file.toString(), "--url", api.url(), "--token", "t");

        assertThat(run.exitCode()).isZero();
        FakeApi.Request request = api.request();
        assertThat(request.path()).isEqualTo("/api/rules/diff");
        assertThat(request.body()).isEqualTo(YAML);
        assertThat(request.contentType()).isEqualTo("text/plain; charset=utf-8");
        assertThat(request.authorization()).as("diff changes nothing: no token").isNull();
        assertThat(run.lines()).containsExactly(
                "from version 3: 2 changes; they would move rows, which apply refuses",
                "  added table shop.t_user: 4 data nodes on ds_0, ds_1",
                "  changed table shop.t_order: table-strategy count 4 -> 8 (moves rows)");
    }

    @Test
    void diffWithNoChangesSaysSo() {
        api.answer("POST", "/api/rules/diff", 200, "{\"from_version\": 3, \"changes\": [], \"moves_rows\": false}");

        Run run = Run.of("rules", "diff", file.toString(), "--url", api.url());

        assertThat(run.lines()).containsExactly("no changes from version 3");
    }

    @Test
    void applySendsTheFileWithTheTokenAndPrintsTheNewVersion() {
        api.answer("POST", "/api/rules/apply", 200, "{\"version\": 4, \"changes\": [" + CHANGES.substring(1,
                CHANGES.indexOf('}') + 1) + "], \"written_to\": \"/etc/shardline/proxy.yaml\"}");

        Run run = Run.of("rules", "apply", file.toString(), "--url", api.url(), "--token", "t");

        assertThat(run.exitCode()).isZero();
        assertThat(api.request().authorization()).isEqualTo("Bearer t");
        assertThat(api.request().body()).isEqualTo(YAML);
        assertThat(api.request().query()).isNull();
        assertThat(run.lines()).containsExactly("applied: rules version 4",
                "  added table shop.t_user: 4 data nodes on ds_0, ds_1", "written to /etc/shardline/proxy.yaml");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void applyOfTheRulesInForceSaysNothingChanged() {
        api.answer("POST", "/api/rules/apply", 200, "{\"version\": 3, \"changes\": [],"
                + " \"note\": \"nothing to change: these are the rules in force\"}");

        Run run = Run.of("rules", "apply", file.toString(), "--url", api.url(), "--token", "t");

        assertThat(run.exitCode()).isZero();
        assertThat(run.lines()).containsExactly("nothing to change: these are the rules in force (rules version 3)");
    }

    @Test
    void applyWithForceSaysSoAndAFileNotWrittenIsAWarning() {
        api.answer("POST", "/api/rules/apply", 200, "{\"version\": 4, \"changes\": " + CHANGES + ","
                + " \"written_to\": null, \"warning\": \"not written to /etc/proxy.yaml (read-only): edit it by hand\"}");

        Run run = Run.of("rules", "apply", "--force", file.toString(), "--url", api.url(), "--token", "t");

        assertThat(run.exitCode()).isZero();
        assertThat(api.request().query()).isEqualTo("force=true");
        assertThat(run.lines()).hasSize(3).doesNotContain("written to");
        assertThat(run.err()).isEqualTo("shardctl: warning: not written to /etc/proxy.yaml (read-only): edit it by hand"
                + System.lineSeparator());
    }

    @Test
    void applyThatWouldMoveRowsPrintsWhyAndExits6() {
        api.answer("POST", "/api/rules/apply", 409, "{\"error\": \"refused: t_order's rows would move between data"
                + " nodes; migrate them first\", \"changes\": " + CHANGES + "}");

        Run run = Run.of("rules", "apply", file.toString(), "--url", api.url(), "--token", "t");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).containsExactly(
                "shardctl: refused (409): refused: t_order's rows would move between data nodes; migrate them first",
                "  added table shop.t_user: 4 data nodes on ds_0, ds_1",
                "  changed table shop.t_order: table-strategy count 4 -> 8 (moves rows)");
    }

    @Test
    void applyOfAnInvalidFilePrintsTheProblemsAndExits4() {
        api.answer("POST", "/api/rules/apply", 422, "{\"error\": \"the configuration is not valid\", \"problems\":"
                + " [\"proxy.yaml:4: sharding.schemas.shop.default-datasource: ds_0 is not defined\"]}");

        Run run = Run.of("rules", "apply", file.toString(), "--url", api.url(), "--token", "t");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.VALIDATION_FAILED);
        assertThat(run.err().lines()).containsExactly("shardctl: the configuration is not valid",
                "  proxy.yaml:4: sharding.schemas.shop.default-datasource: ds_0 is not defined");
    }

    @Test
    void applyWithJsonPrintsTheRefusalForScriptsToo() {
        api.answer("POST", "/api/rules/apply", 409, "{\"error\": \"refused\", \"changes\": " + CHANGES + "}");

        Run run = Run.of("rules", "apply", file.toString(), "--json", "--url", api.url(), "--token", "t");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(run.out()).contains("\"moves_rows\" : true").contains("\"error\" : \"refused\"");
    }

    @Test
    void aFileThatIsNotThereIsAUsageErrorAndNothingIsSent(@TempDir Path dir) {
        Run run = Run.of("rules", "apply", dir.resolve("missing.yaml").toString(), "--url", api.url(), "--token", "t");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("cannot read FILE").contains("missing.yaml: no such file");
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void historyMarksTheCurrentVersion() {
        api.answer("GET", "/api/rules/history", 200, "{\"current\": 2, \"versions\": ["
                + "{\"version\": 1, \"applied_at\": \"2026-11-26T14:00:00Z\", \"source\": \"startup\", \"changes\": 0},"
                + "{\"version\": 2, \"applied_at\": \"2026-11-26T15:00:00Z\", \"source\": \"apply\", \"changes\": 2}]}");

        Run run = Run.of("rules", "history", "--url", api.url());

        assertThat(run.lines()).containsExactly(
                "VERSION      APPLIED AT            SOURCE   CHANGES",
                "1            2026-11-26T14:00:00Z  startup  0",
                "2 (current)  2026-11-26T15:00:00Z  apply    2");
    }

    @Test
    void rollbackToAVersionSendsItWithTheToken() {
        api.answer("POST", "/api/rules/rollback", 200, "{\"version\": 5, \"changes\": []}");

        Run run = Run.of("rules", "rollback", "2", "--force", "--url", api.url(), "--token", "t");

        assertThat(run.exitCode()).isZero();
        assertThat(api.request().query()).isEqualTo("version=2&force=true");
        assertThat(api.request().authorization()).isEqualTo("Bearer t");
        assertThat(run.lines()).containsExactly("rolled back to version 2: rules version 5 (no changes)");
    }

    @Test
    void rollbackWithoutAVersionSendsNone() {
        api.answer("POST", "/api/rules/rollback", 200, "{\"version\": 5, \"changes\": []}");

        Run run = Run.of("rules", "rollback", "--url", api.url(), "--token", "t");

        assertThat(run.exitCode()).isZero();
        assertThat(api.request().query()).isNull();
        assertThat(run.lines()).containsExactly("rolled back: rules version 5 (no changes)");
    }

    @Test
    void rulesAloneIsAUsageErrorNamingTheSubcommands() {
        Run run = Run.of("rules");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("show, validate, diff, apply, history or rollback");
    }
}
