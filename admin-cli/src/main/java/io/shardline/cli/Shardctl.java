package io.shardline.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * shardctl: the DBA's command-line tool over the proxy's admin HTTP API.
 *
 * <p>The admin API arrives with the operations work; until then this tool only reports its version, so the
 * launcher and packaging are in place.
 */
@Command(
        name = "shardctl",
        mixinStandardHelpOptions = true,
        version = "shardctl 0.1.0-SNAPSHOT",
        description = "Operate a Shardline proxy through its admin API.")
public final class Shardctl implements Callable<Integer> {

    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return ExitCodes.OK;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Shardctl()).execute(args));
    }
}
