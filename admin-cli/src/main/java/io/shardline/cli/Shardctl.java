package io.shardline.cli;

import io.shardline.cli.command.Backend;
import io.shardline.cli.command.Backends;
import io.shardline.cli.command.Cache;
import io.shardline.cli.command.HashPassword;
import io.shardline.cli.command.Preview;
import io.shardline.cli.command.Reload;
import io.shardline.cli.command.Rules;
import io.shardline.cli.command.Sessions;
import io.shardline.cli.command.Status;
import java.io.InputStream;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * shardctl: the DBA's command-line tool over the proxy's admin HTTP API (docs/admin-api.md), plus two offline
 * commands (rules validate, hash-password). Tables for people by default, {@code --json} for scripts, data on
 * standard output, diagnostics on standard error, {@link ExitCodes} that mean something.
 *
 * <p>Commands handle their own failures ({@link Failures}), so {@code new CommandLine(new Shardctl())} is the
 * whole tool: {@link #main} adds nothing but {@code System.exit}.
 */
@Command(
        name = "shardctl",
        mixinStandardHelpOptions = true,
        version = "shardctl 0.1.0-SNAPSHOT",
        description = "Operate a Shardline proxy through its management port's admin API.",
        subcommands = {Status.class, Backends.class, Backend.class, Rules.class, Preview.class, Cache.class,
                Sessions.class, Reload.class, HashPassword.class, Completion.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:done",
                "1:the operation failed (the proxy said why)",
                "2:bad command line, or a file or parameter that cannot be used",
                "3:cannot reach the proxy (is it running? --url, --timeout)",
                "4:validation failed (the problems are printed)",
                "5:not authorized: wrong or missing --token, or the proxy has no management.token",
                "6:refused: a rules change that would move stored rows (see --force), a flush of a cache that is off"},
        footer = {"%nThe proxy is found at --url, else $SHARDLINE_URL, else " + ConnectionOptions.DEFAULT_URL
                + "; writes need its management.token (--token-file, --token or $SHARDLINE_TOKEN).",
                "Shell completion: source <(shardctl completion)"})
public final class Shardctl implements Callable<Integer> {
    private final UnaryOperator<String> environment;
    private final InputStream in;

    @Spec
    CommandSpec spec;

    public Shardctl() {
        this(System::getenv, System.in);
    }

    /**
     * @param environment the environment variables (SHARDLINE_URL, SHARDLINE_TOKEN); tests give their own
     * @param in          where hash-password reads a password when there is no terminal
     */
    public Shardctl(UnaryOperator<String> environment, InputStream in) {
        this.environment = environment;
        this.in = in;
    }

    public String environment(String name) {
        return environment.apply(name);
    }

    public InputStream in() {
        return in;
    }

    /** {@code shardctl} alone: the usage, as a usage error, since a script that does this has a bug. */
    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command (shardctl --help lists them)");
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Shardctl()).execute(args));
    }
}
