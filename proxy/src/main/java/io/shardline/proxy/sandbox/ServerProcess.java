package io.shardline.proxy.sandbox;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One database server process of the sandbox: start it, wait until it serves, find it again later by its pid
 * file, stop it. Only processes whose pid file lives in the sandbox and whose command line carries the sandbox
 * port are ever signalled, so a recycled PID or the system's own MariaDB is never touched.
 */
final class ServerProcess {

    private static final Duration POLL = Duration.ofMillis(100);
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final ServerSpec spec;
    /** Set only by {@link #start}: a server that dies during startup is noticed before its pid file exists. */
    private Process launched;

    ServerProcess(ServerSpec spec) {
        this.spec = spec;
    }

    ServerSpec spec() {
        return spec;
    }

    /** The server's PID if its pid file names a live process that is this sandbox server. */
    OptionalLong runningPid() {
        Optional<ProcessHandle> handle = handle();
        return handle.isPresent() ? OptionalLong.of(handle.get().pid()) : OptionalLong.empty();
    }

    private Optional<ProcessHandle> handle() {
        try {
            String text = Files.readString(spec.pidFile(), StandardCharsets.US_ASCII).trim();
            return ProcessHandle.of(Long.parseLong(text)).filter(ProcessHandle::isAlive).filter(this::isOurs);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** After a reboot the PID in a stale pid file may belong to anything; check it is a server on our port. */
    private boolean isOurs(ProcessHandle handle) {
        ProcessHandle.Info info = handle.info();
        boolean serverBinary = info.command()
                .map(c -> c.endsWith("mariadbd") || c.endsWith("mysqld"))
                .orElse(true);
        boolean ourPort = info.arguments()
                .map(args -> List.of(args).contains("--port=" + spec.port()))
                .orElse(true);
        return serverBinary && ourPort;
    }

    /** Launches the server in its own session, so Ctrl-C or a closed terminal does not reach it. */
    void start(ServerBinaries binaries) {
        if (portInUse()) {
            throw new SandboxException("port " + spec.port() + " (for " + spec.name() + ") is already in use by"
                    + " another process; stop it or choose another base port (--base-port)");
        }
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            command.add(SETSID.toString());
        }
        command.addAll(ServerOptions.commandLine(binaries.server(), binaries.flavor(), spec, Host.isRoot()));
        try {
            Files.createDirectories(spec.dir());
            launched = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(spec.logFile().toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new SandboxException("cannot start " + spec.describe() + ": " + e.getMessage(), e);
        }
    }

    private boolean portInUse() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", spec.port()), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Polls until the server accepts a root login; fails early, with the log's last lines, if it exits. */
    void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!alive()) {
                throw failure("exited during startup");
            }
            try (Connection connection = Jdbc.root(spec.port())) {
                Jdbc.queryString(connection, "SELECT 1");
                return;
            } catch (SQLException e) {
                last = e;
            }
            sleep(POLL);
        }
        throw failure("did not accept connections within " + timeout.toSeconds() + " s"
                + (last == null ? "" : " (last error: " + last.getMessage() + ")"));
    }

    private boolean alive() {
        return launched != null ? launched.isAlive() : runningPid().isPresent();
    }

    private SandboxException failure(String what) {
        return new SandboxException(spec.describe() + " " + what + "; see " + spec.logFile()
                + System.lineSeparator() + Host.tail(spec.logFile(), 12));
    }

    /** Sends SIGTERM (a clean InnoDB shutdown) and returns the process to wait for, if it was running. */
    Optional<ProcessHandle> requestStop() {
        Optional<ProcessHandle> handle = handle();
        handle.ifPresent(ProcessHandle::destroy);
        return handle;
    }

    /** Waits for a stopping server; after {@code timeout} it is killed, because a hung stop must not hang us. */
    static boolean awaitExit(ProcessHandle handle, Duration timeout) {
        try {
            handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            handle.destroyForcibly();
            handle.onExit().completeOnTimeout(handle, 10, TimeUnit.SECONDS).join();
            return false;
        } catch (ExecutionException e) {
            return !handle.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted while waiting for a server", e);
        }
    }
}
