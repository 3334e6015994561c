package io.shardline.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.shardline.cli.ConnectionOptions;
import io.shardline.cli.Fields;
import io.shardline.cli.TableOutput;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code shardctl preview}: POST /api/preview, where a statement would run, as which SQL; nothing runs. */
@Command(name = "preview", mixinStandardHelpOptions = true,
        description = {"Where the rules in force send SQL, and the statement each data source would get.",
                "Nothing is executed. Exit 4 when the rules refuse the statement (the reason is printed)."})
public final class Preview implements Callable<Integer> {
    @Mixin
    ConnectionOptions connection;

    @Option(names = "--schema", paramLabel = "S", description = "the schema the statement runs in, as after USE S")
    String schema;

    @Parameters(paramLabel = "SQL", description = "one statement; quote it for the shell")
    String sql;

    @Override
    public Integer call() {
        Map<String, String> query = schema == null ? Map.of() : Map.of("schema", schema);
        return connection.run(client -> client.read("/api/preview", query, sql), body -> {
            TableOutput table = new TableOutput("DATA SOURCE", "SERVER", "SQL");
            for (JsonNode each : body.path("statements")) {
                table.row(Fields.text(each, "data_source"), Fields.text(each, "server"), Fields.text(each, "sql"));
            }
            table.print(connection.out());
        });
    }
}
