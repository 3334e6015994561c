package io.shardline.cli.command;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shardline.cli.AdminClient;
import io.shardline.cli.Durations;
import io.shardline.cli.ExitCodes;
import io.shardline.cli.Failures;
import io.shardline.cli.JsonOutput;
import io.shardline.cli.ShardctlException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code shardctl rules validate FILE}: offline, no proxy needed. The file is read by the proxy's own
 * {@code ConfigLoader} (through {@link ConfigFileCheck}, so this class loads none of the proxy), hence valid here
 * means valid to the proxy. {@code --check-backends} also looks at the servers the file names: every actual
 * table of every sharded table must exist, laid out like its siblings ({@link ShardTables}).
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check a configuration file exactly as the proxy reads it; no proxy needed.",
                "Every problem is printed with file:line. Exit 4 when there are problems."})
public final class RulesValidate implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "a configuration file (bin/shardline --config FILE)")
    Path file;

    @Option(names = "--check-backends",
            description = {"also connect to each data source's primary named in FILE (with FILE's user and"
                    + " password) and check that every actual table of every sharded table exists with the same"
                    + " columns (names and types, in order) as the others of its logical table.",
                    "Exit 4 on a missing or different table, 1 when a server cannot be reached."})
    boolean checkBackends;

    @Option(names = "--json", description = "print {\"valid\": ..., \"problems\": [...]} as the API's validate does")
    boolean json;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s", converter = Durations.class,
            description = "how long to wait for each server with --check-backends (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        return Failures.report(err, () -> {
            if (!Files.isRegularFile(file)) {
                throw new ShardctlException(ExitCodes.USAGE, "cannot read FILE " + file + ": "
                        + (Files.isDirectory(file) ? "it is a directory" : "no such file"));
            }
            ConfigFileCheck.Outcome outcome = ConfigFileCheck.check(file, checkBackends, timeout);
            if (json) {
                printJson(outcome, out);
            } else {
                printText(outcome, out, err);
            }
            return outcome.exitCode();
        });
    }

    private void printText(ConfigFileCheck.Outcome outcome, PrintWriter out, PrintWriter err) {
        outcome.summaries().forEach(out::println);
        out.flush();
        if (!outcome.problems().isEmpty()) {
            err.println(outcome.problemsHeading());
            outcome.problems().forEach(problem -> err.println("  " + problem));
            err.flush();
        }
    }

    private static void printJson(ConfigFileCheck.Outcome outcome, PrintWriter out) {
        ObjectNode body = AdminClient.Json.MAPPER.createObjectNode();
        body.put("valid", outcome.problems().isEmpty());
        ArrayNode problems = body.putArray("problems");
        outcome.problems().forEach(problems::add);
        JsonOutput.print(out, body);
    }
}
