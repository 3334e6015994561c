package io.shardline.proxy.sandbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of one sandbox server. Pure: no files are touched, so it is unit-tested directly.
 *
 * <p>Everything is given on the command line and {@code --no-defaults} comes first, so that a system-wide
 * {@code /etc/mysql/my.cnf} (which may set a port, a socket or a datadir) can never leak into the sandbox.
 */
final class ServerOptions {

    private ServerOptions() {}

    static List<String> commandLine(Path serverBinary, Flavor flavor, ServerSpec spec, boolean asRoot) {
        List<String> args = new ArrayList<>();
        args.add(serverBinary.toString());
        args.add("--no-defaults");
        if (asRoot) {
            args.add("--user=root");
        }
        args.addAll(placement(spec));
        args.addAll(replication(spec));
        args.addAll(smallDevBox());
        args.addAll(flavor.extraOptions());
        if (spec.role() == Role.REPLICA) {
            // Only the replication thread may write; a stray client write would fork the GTID history.
            args.add("--read-only=1");
        }
        return List.copyOf(args);
    }

    /** Where the server listens and keeps its files; 127.0.0.1 only, never a public interface. */
    private static List<String> placement(ServerSpec spec) {
        return List.of(
                "--bind-address=127.0.0.1",
                "--port=" + spec.port(),
                "--socket=" + spec.socket(),
                "--datadir=" + spec.datadir(),
                "--pid-file=" + spec.pidFile(),
                "--log-error=" + spec.logFile());
    }

    /**
     * Binary log on every server, shards included, so any of them can later become a replication source.
     * Explicit file names, because the default derives them from the host name and breaks if that changes.
     */
    private static List<String> replication(ServerSpec spec) {
        return List.of(
                "--server-id=" + spec.serverId(),
                "--log-bin=binlog",
                "--relay-log=relay-bin");
    }

    /** Sized for five servers on a two-core laptop; durability traded for speed, this is throw-away data. */
    private static List<String> smallDevBox() {
        return List.of(
                "--max-connections=1000",
                "--max-allowed-packet=256M",
                "--innodb-buffer-pool-size=64M",
                "--innodb-flush-log-at-trx-commit=2",
                "--sync-binlog=0",
                "--performance-schema=OFF",
                "--local-infile=1",
                "--character-set-server=utf8mb4",
                "--collation-server=utf8mb4_general_ci");
    }
}
