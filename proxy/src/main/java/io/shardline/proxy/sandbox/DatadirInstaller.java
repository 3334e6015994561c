package io.shardline.proxy.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates server datadirs: system tables are initialised once into a template, and each server gets a copy.
 *
 * <p>Copying a 30 MB folder takes milliseconds while initialising takes about a second per server, and the
 * copies are identical apart from the server's own id, which lives on the command line. Both steps build in a
 * {@code .tmp} folder and rename at the end, so an interrupted run leaves no half-made datadir that a later
 * {@code up} would mistake for a good one.
 */
final class DatadirInstaller {

    private static final Duration INIT_TIMEOUT = Duration.ofMinutes(5);
    /** Per-server identity that MySQL keeps in the datadir; copies must not share it or replication refuses. */
    private static final String MYSQL_UUID_FILE = "auto.cnf";

    private final ServerBinaries binaries;
    private final SandboxLayout layout;
    private final Progress progress;

    DatadirInstaller(ServerBinaries binaries, SandboxLayout layout, Progress progress) {
        this.binaries = binaries;
        this.layout = layout;
        this.progress = progress;
    }

    static boolean hasDatadir(ServerSpec spec) {
        return Files.isDirectory(spec.datadir().resolve("mysql"));
    }

    /** Gives the server a fresh datadir copied from the template, creating the template on first use. */
    void createDatadir(ServerSpec spec) {
        ensureTemplate();
        Path tmp = spec.dir().resolve("data.tmp");
        try {
            deleteTree(tmp);
            copyTree(layout.templateDir(), tmp);
            Files.deleteIfExists(tmp.resolve(MYSQL_UUID_FILE));
            deleteTree(spec.datadir());
            Files.move(tmp, spec.datadir(), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | UncheckedIOException e) {
            throw new SandboxException("cannot create datadir " + spec.datadir() + ": " + e.getMessage(), e);
        }
    }

    private void ensureTemplate() {
        Path template = layout.templateDir();
        if (Files.isDirectory(template.resolve("mysql"))) {
            return;
        }
        progress.step("initialising template datadir with " + binaries.shortVersion() + "…");
        Path tmp = template.resolveSibling("template.tmp");
        Path log = template.resolveSibling("template.log");
        try {
            deleteTree(tmp);
            Files.createDirectories(layout.workDir());
            int exit = Host.run(initCommand(tmp), log, INIT_TIMEOUT);
            if (exit != 0 || !Files.isDirectory(tmp.resolve("mysql"))) {
                throw new SandboxException("initialising the datadir failed (exit " + exit + "); see " + log
                        + System.lineSeparator() + Host.tail(log, 15));
            }
            deleteTree(template);
            Files.move(tmp, template, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | UncheckedIOException e) {
            throw new SandboxException("cannot create template datadir " + template + ": " + e.getMessage(), e);
        }
    }

    /** The initialiser call; root@localhost must end up with an empty password that also works over TCP. */
    List<String> initCommand(Path datadir) {
        List<String> command = new ArrayList<>();
        if (binaries.flavor() == Flavor.MARIADB) {
            // --no-defaults must be the first option; the default unix_socket auth would lock out JDBC.
            command.addAll(List.of(binaries.installDb().toString(), "--no-defaults", "--datadir=" + datadir,
                    "--auth-root-authentication-method=normal", "--skip-test-db", "--innodb-log-file-size=16M"));
        } else {
            command.addAll(List.of(binaries.server().toString(), "--no-defaults", "--initialize-insecure",
                    "--datadir=" + datadir));
        }
        if (Host.isRoot()) {
            command.add("--user=root");
        }
        return command;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir)));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file)), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
