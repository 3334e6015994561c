package io.shardline.cli.command;

import io.shardline.cli.Changes;
import io.shardline.cli.ConnectionOptions;
import io.shardline.cli.Fields;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code shardctl reload}: POST /api/reload, the proxy re-reads its configuration file. */
@Command(name = "reload", mixinStandardHelpOptions = true,
        description = {"The proxy re-reads its configuration file and applies what it can live (token needed).",
                "Settings that need a restart are listed. Exit 4 when the file is not valid (nothing changes)."})
public final class Reload implements Callable<Integer> {
    @Mixin
    ConnectionOptions connection;

    @Override
    public Integer call() {
        return connection.run(client -> client.write("/api/reload", Map.of(), null), body -> {
            PrintWriter out = connection.out();
            List<String> changes = Changes.lines(body.get("changes"));
            out.println("reloaded: rules version " + Fields.text(body, "rules_version")
                    + (changes.isEmpty() ? " (no changes)" : ""));
            changes.forEach(line -> out.println("  " + line));
            List<String> restart = Fields.strings(body.get("needs_restart"));
            if (!restart.isEmpty()) {
                out.println("not applied until the proxy restarts:");
                restart.forEach(each -> out.println("  " + each));
            }
        });
    }
}
