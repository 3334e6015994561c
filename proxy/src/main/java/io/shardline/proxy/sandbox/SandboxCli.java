package io.shardline.proxy.sandbox;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * {@code bin/sandbox up|down|status}: the command-line face of {@link Sandbox}.
 *
 * <p>Exit codes: 0 success (for {@code status}: everything healthy), 1 the operation failed or the sandbox is
 * unhealthy, 2 bad command line. The repository root is the current directory; {@code bin/sandbox} changes
 * there first, so the work folder does not depend on where the user happens to be.
 */
public final class SandboxCli {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private final Path repoRoot;
    private final PrintStream out;
    private final PrintStream err;

    SandboxCli(Path repoRoot, PrintStream out, PrintStream err) {
        this.repoRoot = repoRoot;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new SandboxCli(Path.of("").toAbsolutePath(), System.out, System.err).run(args));
    }

    int run(String... args) {
        CliArgs cli;
        try {
            cli = CliArgs.parse(args);
        } catch (CliArgs.UsageException e) {
            err.println("sandbox: " + e.getMessage());
            err.println(CliArgs.USAGE.lines().findFirst().orElse(""));
            err.println("Try 'bin/sandbox --help' for more.");
            return USAGE;
        }
        if (cli.command().equals("help")) {
            out.println(CliArgs.USAGE);
            return OK;
        }
        Sandbox sandbox = new Sandbox(SandboxLayout.of(repoRoot, cli.basePort()), Progress.to(out));
        try {
            return execute(sandbox, cli);
        } catch (SandboxException e) {
            err.println("sandbox: " + e.getMessage());
            return FAILED;
        }
    }

    private int execute(Sandbox sandbox, CliArgs cli) {
        switch (cli.command()) {
            case "up" -> {
                sandbox.up();
                SandboxStatus status = sandbox.status();
                out.println();
                out.print(status.render());
                out.println();
                out.print(connectHints(sandbox.layout()));
                return status.healthy() ? OK : FAILED;
            }
            case "down" -> {
                if (cli.purge()) {
                    sandbox.purge();
                } else {
                    sandbox.down();
                }
                return OK;
            }
            case "status" -> {
                SandboxStatus status = sandbox.status();
                out.print(status.render());
                return status.healthy() ? OK : FAILED;
            }
            default -> throw new IllegalStateException("unhandled command " + cli.command());
        }
    }

    /** What to type next; the accounts are otherwise only documented in the source. */
    static String connectHints(SandboxLayout layout) {
        String nl = System.lineSeparator();
        return "Connect:  mariadb -h127.0.0.1 -P" + layout.primary().port() + " -u" + Jdbc.ROOT_USER
                + "   (root has an empty password)" + nl
                + "Backend:  user '" + Accounts.BACKEND_USER + "', password '" + Accounts.BACKEND_PASSWORD
                + "' on every server" + nl
                + "Stop:     bin/sandbox down"
                + (layout.basePort() == SandboxLayout.DEFAULT_BASE_PORT ? "" : " --base-port " + layout.basePort())
                + nl;
    }
}
