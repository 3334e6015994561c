package io.shardline.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.shardline.cli.ConnectionOptions;
import io.shardline.cli.Fields;
import io.shardline.cli.TableOutput;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code shardctl backends}: GET /api/backends as a table; {@link Backend} changes one. */
@Command(name = "backends", mixinStandardHelpOptions = true,
        description = "Every backend server: role, health, admin state, weight, lag, pool and what is wrong.")
public final class Backends implements Callable<Integer> {
    @Mixin
    ConnectionOptions connection;

    @Override
    public Integer call() {
        return connection.run(client -> client.get("/api/backends"),
                body -> print(body.path("backends"), connection.out()));
    }

    /** BACKEND objects (docs/admin-api.md) as one table, in the order given. */
    static void print(Iterable<JsonNode> backends, PrintWriter out) {
        TableOutput table = new TableOutput("NAME", "ROLE", "STATUS", "ADMIN", "WEIGHT", "LAG", "IDLE", "BORROWED",
                "WAITING", "PROBLEM");
        for (JsonNode each : backends) {
            JsonNode pool = each.path("pool");
            table.row(Fields.text(each, "name"), Fields.text(each, "role"), Fields.text(each, "status"),
                    Fields.text(each, "admin_state"), Fields.text(each, "weight"), Fields.seconds(each, "lag_seconds"),
                    Fields.text(pool, "idle"), Fields.text(pool, "borrowed"), Fields.text(pool, "waiting"),
                    Fields.text(each, "problem"));
        }
        table.print(out);
    }
}
