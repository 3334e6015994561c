package io.shardline.proxy.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Facts about the machine and a way to run short helper commands; kept apart so the rest reads as intent. */
final class Host {

    /** sbin folders are often missing from a normal user's PATH, yet that is where Debian puts mariadbd. */
    private static final List<String> EXTRA_DIRS =
            List.of("/usr/sbin", "/usr/local/sbin", "/usr/local/bin", "/usr/local/mysql/bin", "/opt/homebrew/bin");

    private Host() {}

    /** mariadbd refuses to run as root unless told {@code --user=root}; install-db needs the same hint. */
    static boolean isRoot() {
        try {
            return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
        } catch (LinkageError | RuntimeException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** The first executable called {@code name} on PATH or in the usual server folders. */
    static Optional<Path> which(String name) {
        for (Path dir : searchPath()) {
            Path candidate = dir.resolve(name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static Set<Path> searchPath() {
        Set<Path> dirs = new LinkedHashSet<>();
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isBlank()) {
                dirs.add(Path.of(dir));
            }
        }
        EXTRA_DIRS.forEach(dir -> dirs.add(Path.of(dir)));
        return dirs;
    }

    /**
     * Runs a command to completion, output appended to {@code log}. Returns the exit code.
     *
     * @throws SandboxException if it cannot start or outlives {@code timeout}
     */
    static int run(List<String> command, Path log, Duration timeout) {
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new SandboxException(command.get(0) + " did not finish within " + timeout.toSeconds()
                        + " s; see " + log);
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new SandboxException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted while running " + command.get(0), e);
        }
    }

    /** Runs a quick command and returns its combined output, or empty if it failed. */
    static Optional<String> output(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = process.getInputStream().readAllBytes();
            boolean ok = process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
            return ok ? Optional.of(new String(out, StandardCharsets.UTF_8).trim()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The last lines of a log file, for error messages that should show the cause without a second command. */
    static String tail(Path log, int lines) {
        try {
            // Decoding leniently: a log with a stray non-UTF-8 byte must still yield its tail.
            List<String> all = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
            List<String> last = new ArrayList<>(all.subList(Math.max(0, all.size() - lines), all.size()));
            return String.join(System.lineSeparator(), last);
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }
}
