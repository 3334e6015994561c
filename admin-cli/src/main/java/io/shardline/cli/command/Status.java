package io.shardline.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.shardline.cli.ConnectionOptions;
import io.shardline.cli.Fields;
import io.shardline.cli.TableOutput;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code shardctl status}: GET /api/status. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "The proxy's version, uptime, configuration file, rules version and client connections.")
public final class Status implements Callable<Integer> {
    @Mixin
    ConnectionOptions connection;

    @Override
    public Integer call() {
        return connection.run(client -> client.get("/api/status"), this::render);
    }

    private void render(JsonNode body) {
        new TableOutput()
                .row("version", Fields.text(body, "version"))
                .row("uptime", body.hasNonNull("uptime_seconds")
                        ? Fields.uptime(body.get("uptime_seconds").asLong()) : Fields.NONE)
                .row("config file", Fields.text(body, "config_file"))
                .row("rules version", Fields.text(body, "rules_version"))
                .row("client connections", Fields.text(body, "client_connections"))
                .row("draining", Fields.yesNo(body, "draining"))
                .print(connection.out());
    }
}
