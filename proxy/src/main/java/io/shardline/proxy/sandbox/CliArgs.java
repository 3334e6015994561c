package io.shardline.proxy.sandbox;

import java.util.List;

/**
 * The parsed command line of {@code bin/sandbox}. Parsing is separate from running so it can be unit-tested.
 *
 * @param command  {@code up}, {@code down}, {@code status}, {@code purge} or {@code help}
 * @param basePort the base port, {@link SandboxLayout#DEFAULT_BASE_PORT} unless {@code --base-port} says otherwise
 * @param purge    {@code down --purge}: also delete the work folder
 */
record CliArgs(String command, int basePort, boolean purge) {

    static final String USAGE = String.join(System.lineSeparator(),
            "usage: bin/sandbox up|down|status|purge [--base-port N] [--purge]",
            "",
            "  up       start primary, 2 GTID replicas and 2 shard servers (idempotent)",
            "  down     stop them, keeping their data; --purge also deletes the work folder",
            "  status   show servers and replication; exit 0 only if all is healthy",
            "  purge    same as down --purge",
            "",
            "  --base-port N   primary on N, replicas on N+1 and N+2, shards on N+10 and N+11 (default "
                    + SandboxLayout.DEFAULT_BASE_PORT + ")",
            "",
            "Files live in .sandbox/<base-port>/ under the repository root.");

    private static final List<String> COMMANDS = List.of("up", "down", "status", "purge");

    /** Thrown for a command line that makes no sense; the CLI prints the message and the usage, exit 2. */
    static final class UsageException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    static CliArgs parse(String... args) {
        String command = null;
        int basePort = SandboxLayout.DEFAULT_BASE_PORT;
        boolean purge = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-h") || arg.equals("--help") || arg.equals("help")) {
                return new CliArgs("help", basePort, false);
            } else if (arg.equals("--purge")) {
                purge = true;
            } else if (arg.equals("--base-port") || arg.startsWith("--base-port=")) {
                String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : next(args, ++i, arg);
                basePort = port(value);
            } else if (COMMANDS.contains(arg) && command == null) {
                command = arg;
            } else {
                throw new UsageException("unexpected argument: " + arg);
            }
        }
        if (command == null) {
            throw new UsageException("missing command");
        }
        if (purge && !command.equals("down")) {
            throw new UsageException("--purge goes with down");
        }
        return command.equals("purge") ? new CliArgs("down", basePort, true) : new CliArgs(command, basePort, purge);
    }

    private static String next(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new UsageException(option + " needs a value");
        }
        return args[index];
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value);
            SandboxLayout.inWorkDir(java.nio.file.Path.of("."), port);
            return port;
        } catch (IllegalArgumentException e) {
            throw new UsageException("bad --base-port " + value + ": "
                    + (e instanceof NumberFormatException ? "not a number" : e.getMessage()));
        }
    }
}
