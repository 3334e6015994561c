package io.shardline.cli.command;

import io.shardline.cli.ExitCodes;
import io.shardline.proxy.config.ConfigException;
import io.shardline.proxy.config.ConfigLoader;
import io.shardline.proxy.config.ProxyConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The offline check behind {@code rules validate}: the file through the proxy's {@link ConfigLoader}, then, if
 * asked, the servers through {@link ShardTables}. The only class of the tool (with {@link ShardTables} and
 * {@link HashPassword}) that touches the proxy module; remote commands never load it.
 */
final class ConfigFileCheck {
    /**
     * @param summaries       what is fine, for standard output
     * @param problemsHeading the line before the problems
     * @param problems        each with file:line (the file) or naming the server and table (the backends)
     */
    record Outcome(List<String> summaries, String problemsHeading, List<String> problems, int exitCode) {}

    private ConfigFileCheck() {}

    static Outcome check(Path file, boolean checkBackends, Duration timeout) {
        ProxyConfig config;
        try {
            config = ConfigLoader.load(file);
        } catch (ConfigException ex) {
            return new Outcome(List.of(), file + " is not valid:", ex.problems(), ExitCodes.VALIDATION_FAILED);
        }
        int schemas = config.sharding().schemas().size();
        List<String> summaries = new ArrayList<>();
        summaries.add(file + ": valid (" + config.users().size() + " users, " + config.dataSources().size()
                + " data sources" + (schemas == 0 ? "" : ", " + schemas + " sharded schemas") + ")");
        if (!checkBackends) {
            return new Outcome(summaries, "", List.of(), ExitCodes.OK);
        }
        ShardTables.Report report = new ShardTables(config, timeout).check();
        if (report.problems().isEmpty()) {
            summaries.add(report.summary());
            return new Outcome(summaries, "", List.of(), ExitCodes.OK);
        }
        return report.tableProblems()
                ? new Outcome(summaries, file + ": the backends do not match the sharding rules:", report.problems(),
                        ExitCodes.VALIDATION_FAILED)
                : new Outcome(summaries, file + ": could not check the backends:", report.problems(),
                        ExitCodes.OPERATION_FAILED);
    }
}
