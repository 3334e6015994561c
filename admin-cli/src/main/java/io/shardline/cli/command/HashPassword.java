package io.shardline.cli.command;

import io.shardline.cli.ExitCodes;
import io.shardline.cli.Failures;
import io.shardline.cli.ShardctlException;
import io.shardline.cli.Shardctl;
import io.shardline.proxy.config.PasswordHash;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code shardctl hash-password}: offline, the same two hashes as {@code bin/shardline hash-password}, made by the
 * proxy's own {@link PasswordHash}, so what it prints is exactly what the proxy accepts. The password is read
 * without echo from the terminal, else as one line of standard input (never from the command line, where other
 * users of the machine could see it).
 */
@Command(name = "hash-password", mixinStandardHelpOptions = true,
        description = {"Turn a password into the hashes users[].password accepts (no proxy needed).",
                "Reads it from the terminal without echo, or one line from standard input."})
public final class HashPassword implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    Shardctl shardctl;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        return Failures.report(err, () -> {
            String password = readPassword();
            if (password.isEmpty()) {
                err.println("shardctl: warning: the password is empty");
                err.flush();
            }
            out.println("# for mysql_native_password and caching_sha2_password (as SELECT PASSWORD() gives):");
            out.println("password: \"" + PasswordHash.nativeHashOf(password).text() + "\"");
            out.println("# salted, caching_sha2_password only (clients need TLS or RSA key retrieval):");
            out.println("password: \"" + PasswordHash.pbkdf2Of(password).text() + "\"");
            out.flush();
            return ExitCodes.OK;
        });
    }

    private String readPassword() {
        Console console = System.console();
        if (console != null && shardctl.in() == System.in) {
            char[] typed = console.readPassword("password: ");
            return typed == null ? "" : new String(typed);
        }
        try {
            String line = new BufferedReader(new InputStreamReader(shardctl.in(), StandardCharsets.UTF_8)).readLine();
            return line == null ? "" : line;
        } catch (IOException ex) {
            throw new ShardctlException(ExitCodes.OPERATION_FAILED, "cannot read the password from standard input: "
                    + ex.getMessage());
        }
    }
}
