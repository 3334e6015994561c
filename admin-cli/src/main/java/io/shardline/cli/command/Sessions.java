package io.shardline.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.shardline.cli.ConnectionOptions;
import io.shardline.cli.Fields;
import io.shardline.cli.TableOutput;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code shardctl sessions}: GET /api/sessions, one row per client session. */
@Command(name = "sessions", mixinStandardHelpOptions = true,
        description = {"Client sessions: who, from where, in which schema, in which state for how long, the"
                + " command they run or ran last, and what pins them to a backend connection.",
                "The table shortens long statements; --json has them whole."})
public final class Sessions implements Callable<Integer> {
    /** Keeps a row on one line of a wide terminal; the statement is the last column, so only it is cut. */
    private static final int STATEMENT_WIDTH = 60;

    @Mixin
    ConnectionOptions connection;

    @Override
    public Integer call() {
        return connection.run(client -> client.get("/api/sessions"), body -> {
            TableOutput table = new TableOutput("ID", "USER", "CLIENT", "SCHEMA", "TLS", "STATE", "FOR", "COMMAND",
                    "PINNED", "CONNECTED AT", "STATEMENT");
            for (JsonNode each : body.path("sessions")) {
                String statement = Fields.text(each, "statement");
                table.row(Fields.text(each, "id"), Fields.text(each, "user"), Fields.text(each, "client"),
                        Fields.text(each, "schema"), Fields.yesNo(each, "tls"), Fields.text(each, "state"),
                        Fields.seconds(each, "seconds"), Fields.text(each, "command"), Fields.list(each, "pinned"),
                        Fields.text(each, "connected_at"), Fields.shorten(statement, STATEMENT_WIDTH));
            }
            table.print(connection.out());
        });
    }
}
