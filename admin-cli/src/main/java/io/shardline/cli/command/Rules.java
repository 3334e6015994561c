package io.shardline.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.shardline.cli.Changes;
import io.shardline.cli.ConnectionOptions;
import io.shardline.cli.Fields;
import io.shardline.cli.TableOutput;
import io.shardline.cli.TextFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code shardctl rules ...}: the sharding rules in force, and changing them live. A FILE is a whole configuration
 * file (the proxy's own, edited, will do): only its {@code sharding:} section is applied (docs/admin-api.md).
 * {@code validate} is offline and lives in {@link RulesValidate}.
 */
@Command(name = "rules", mixinStandardHelpOptions = true, subcommands = RulesValidate.class,
        description = "Show, check, compare, apply and roll back the sharding rules.")
public final class Rules implements Callable<Integer> {
    private static final String FILE_HELP = "a configuration file; its sharding: section is what counts";
    private static final String FORCE_HELP = "apply even though stored rows would move: only once you have moved"
            + " them yourself, since the proxy would look for them where the new rules put them";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "name what to do: show, validate, diff, apply, history or rollback");
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "The rules in force: version, when and how applied, then their YAML.")
    int show(@Mixin ConnectionOptions connection) {
        return connection.run(client -> client.get("/api/rules"), body -> {
            PrintWriter out = connection.out();
            new TableOutput().row("version", Fields.text(body, "version"))
                    .row("applied at", Fields.text(body, "applied_at"))
                    .row("source", Fields.text(body, "source"))
                    .row("schemas", Fields.list(body, "schemas"))
                    .print(out);
            out.println();
            String text = body.path("text").asText();
            out.print(text.endsWith("\n") || text.isEmpty() ? text : text + "\n");
        });
    }

    @Command(name = "diff", mixinStandardHelpOptions = true,
            description = "What applying FILE would change, in words, and whether it would move rows. Changes"
                    + " nothing; exit 4 when FILE is not valid.")
    int diff(@Mixin ConnectionOptions connection, @Parameters(paramLabel = "FILE", description = FILE_HELP) Path file) {
        return connection.run(client -> client.read("/api/rules/diff", Map.of(), TextFiles.read(file, "FILE")),
                body -> {
                    int count = body.path("changes").size();
                    String from = "from version " + Fields.text(body, "from_version");
                    connection.out().println(count == 0 ? "no changes " + from
                            : from + ": " + count + (count == 1 ? " change" : " changes")
                                    + (body.path("moves_rows").asBoolean()
                                            ? "; they would move rows, which apply refuses" : ""));
                    printChanges(body, connection.out());
                });
    }

    @Command(name = "apply", mixinStandardHelpOptions = true,
            description = {"Make FILE's sharding rules the rules in force, as a new version, and write them into the"
                    + " proxy's configuration file (token needed).",
                    "Exit 6 when that would move stored rows (nothing changes), 4 when FILE is not valid."})
    int apply(@Mixin ConnectionOptions connection, @Parameters(paramLabel = "FILE", description = FILE_HELP) Path file,
              @Option(names = "--force", description = FORCE_HELP) boolean force) {
        return connection.run(client -> client.write("/api/rules/apply", force(force), TextFiles.read(file, "FILE")),
                body -> printVersion("applied", body, connection));
    }

    @Command(name = "history", mixinStandardHelpOptions = true,
            description = "Every version of the rules since the proxy started, oldest first.")
    int history(@Mixin ConnectionOptions connection) {
        return connection.run(client -> client.get("/api/rules/history"), body -> {
            String current = Fields.text(body, "current");
            TableOutput table = new TableOutput("VERSION", "APPLIED AT", "SOURCE", "CHANGES");
            for (JsonNode each : body.path("versions")) {
                String version = Fields.text(each, "version");
                table.row(version.equals(current) ? version + " (current)" : version, Fields.text(each, "applied_at"),
                        Fields.text(each, "source"), Fields.text(each, "changes"));
            }
            table.print(connection.out());
        });
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true,
            description = "Back to the rules of VERSION (default: the version before the current one), applied as"
                    + " a new version (token needed).")
    int rollback(@Mixin ConnectionOptions connection,
                 @Parameters(paramLabel = "VERSION", arity = "0..1", description = "a version from `rules history`")
                 Integer version,
                 @Option(names = "--force", description = FORCE_HELP) boolean force) {
        Map<String, String> query = new LinkedHashMap<>();
        if (version != null) {
            query.put("version", version.toString());
        }
        query.putAll(force(force));
        return connection.run(client -> client.write("/api/rules/rollback", query, null),
                body -> printVersion(version == null ? "rolled back" : "rolled back to version " + version, body,
                        connection));
    }

    private static Map<String, String> force(boolean force) {
        return force ? Map.of("force", "true") : Map.of();
    }

    /**
     * {@code applied: rules version 4}, the changes it made and where the proxy wrote them; a rules change that
     * could not be written back into the proxy's file is in force anyway, so that is a warning, not a failure.
     */
    private static void printVersion(String what, JsonNode body, ConnectionOptions connection) {
        PrintWriter out = connection.out();
        if (body.hasNonNull("note")) {
            // Nothing was applied (the file's rules are those in force): the proxy's note says so.
            out.println(body.get("note").asText() + " (rules version " + Fields.text(body, "version") + ")");
            return;
        }
        boolean none = body.path("changes").size() == 0;
        out.println(what + ": rules version " + Fields.text(body, "version") + (none ? " (no changes)" : ""));
        printChanges(body, out);
        if (body.hasNonNull("written_to")) {
            out.println("written to " + body.get("written_to").asText());
        }
        if (body.hasNonNull("warning")) {
            connection.err().println("shardctl: warning: " + body.get("warning").asText());
            connection.err().flush();
        }
    }

    private static void printChanges(JsonNode body, PrintWriter out) {
        Changes.lines(body.get("changes")).forEach(line -> out.println("  " + line));
    }
}
