package io.shardline.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;

/**
 * Runs shardctl in process as {@link Shardctl#main} does, with a given environment and standard input, and keeps
 * what it printed on each stream.
 */
public record Run(int exitCode, String out, String err) {

    public static Run of(String... args) {
        return with(Map.of(), "", args);
    }

    public static Run with(Map<String, String> environment, String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new Shardctl(environment::get,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))));
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int code = command.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /** Standard output's lines. */
    public java.util.List<String> lines() {
        return out.lines().toList();
    }
}
