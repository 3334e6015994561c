package io.shardline.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * Turns a command's {@link ShardctlException} into its message on standard error and its exit code. Every
 * command runs through here, so shardctl behaves the same whether started by {@link Shardctl#main} or embedded
 * as {@code new CommandLine(new Shardctl()).execute(...)} (tests), without handlers configured on the CommandLine.
 */
public final class Failures {
    private Failures() {}

    public static int report(PrintWriter err, Callable<Integer> command) {
        try {
            return command.call();
        } catch (ShardctlException ex) {
            err.println("shardctl: " + ex.getMessage());
            err.flush();
            return ex.exitCode();
        } catch (RuntimeException ex) {
            throw ex;
        } catch (Exception ex) {
            // Checked exceptions the commands did not expect: picocli prints them with the stack trace, exit 1.
            throw new IllegalStateException(ex);
        }
    }
}
