package io.shardline.cli.command;

import io.shardline.cli.ConnectionOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code shardctl backend offline|online|weight}: POST /api/backends/{offline,online,weight} (token needed);
 * each prints the backend's new state as a one-row {@code backends} table.
 */
@Command(name = "backend", mixinStandardHelpOptions = true,
        description = "Take a backend out of service or back, or change a replica's share of reads.")
public final class Backend implements Callable<Integer> {
    private static final String NAME_HELP = "the backend as `shardctl backends` names it"
            + " (main/replica@127.0.0.1:3317), or its HOST:PORT";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name what to do: offline, online or weight");
    }

    @Command(name = "offline", mixinStandardHelpOptions = true,
            description = {"No new statements go to NAME; running ones finish; its idle pooled connections close.",
                    "It stays health-checked; `backend online` brings it back."})
    int offline(@Mixin ConnectionOptions connection,
                @Parameters(paramLabel = "NAME", description = NAME_HELP) String name) {
        return change(connection, "/api/backends/offline", Map.of("name", name));
    }

    @Command(name = "online", mixinStandardHelpOptions = true, description = "NAME serves statements again.")
    int online(@Mixin ConnectionOptions connection,
               @Parameters(paramLabel = "NAME", description = NAME_HELP) String name) {
        return change(connection, "/api/backends/online", Map.of("name", name));
    }

    @Command(name = "weight", mixinStandardHelpOptions = true,
            description = "A replica's share of reads: 0 to 1000 (0: monitored, serves no reads).")
    int weight(@Mixin ConnectionOptions connection,
               @Parameters(index = "0", paramLabel = "NAME", description = NAME_HELP) String name,
               @Parameters(index = "1", paramLabel = "N", description = "the new weight, 0 to 1000") int weight) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("name", name);
        query.put("weight", Integer.toString(weight));
        return change(connection, "/api/backends/weight", query);
    }

    private static int change(ConnectionOptions connection, String path, Map<String, String> query) {
        return connection.run(client -> client.write(path, query, null),
                body -> Backends.print(List.of(body.path("backend")), connection.out()));
    }
}
