package io.shardline.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.shardline.cli.ConnectionOptions;
import io.shardline.cli.Fields;
import io.shardline.cli.TableOutput;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code shardctl cache stats|flush}: the result cache (docs/result-cache.md). */
@Command(name = "cache", mixinStandardHelpOptions = true, description = "The result cache: its numbers, or empty it.")
public final class Cache implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name what to do: stats or flush");
    }

    @Command(name = "stats", mixinStandardHelpOptions = true,
            description = {"Entries, bytes held against the limit, hits, misses, reads that waited for the same read"
                    + " running (coalesced), hit ratio, evictions.", "With the cache off, only 'enabled: no'."})
    int stats(@Mixin ConnectionOptions connection) {
        return connection.run(client -> client.get("/api/cache"), body -> {
            if (!body.path("enabled").asBoolean()) {
                connection.out().println("enabled  no (the configuration has no result-cache: section)");
                return;
            }
            new TableOutput()
                    .row("enabled", "yes")
                    .row("entries", Fields.text(body, "entries"))
                    .row("bytes", bytes(body, "bytes") + " of " + bytes(body, "max_bytes"))
                    .row("hits", Fields.text(body, "hits"))
                    .row("misses", Fields.text(body, "misses"))
                    .row("coalesced", Fields.text(body, "coalesced"))
                    .row("hit ratio", body.hasNonNull("hit_ratio")
                            ? String.format(Locale.ROOT, "%.1f%%", body.get("hit_ratio").asDouble() * 100) : Fields.NONE)
                    .row("evictions", Fields.text(body, "evictions"))
                    .print(connection.out());
        });
    }

    @Command(name = "flush", mixinStandardHelpOptions = true,
            description = "Drop every cached result, or those that read TABLE (token needed).")
    int flush(@Mixin ConnectionOptions connection,
              @Parameters(paramLabel = "TABLE", arity = "0..1", description = "SCHEMA.TABLE; default: everything")
              String table) {
        Map<String, String> query = table == null ? Map.of() : Map.of("table", table);
        return connection.run(client -> client.write("/api/cache/flush", query, null),
                body -> connection.out().println("flushed: " + Fields.text(body, "flushed")));
    }

    private static String bytes(JsonNode body, String field) {
        return body.hasNonNull(field) ? Fields.bytes(body.get(field).asLong()) : Fields.NONE;
    }
}
