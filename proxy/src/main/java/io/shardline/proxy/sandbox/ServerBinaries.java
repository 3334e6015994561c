package io.shardline.proxy.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The installed database server: its binary, its flavour and (MariaDB only) the datadir initialiser.
 *
 * @param server    {@code mariadbd} or {@code mysqld}
 * @param installDb {@code mariadb-install-db}; {@code null} for MySQL, which initialises with
 *                  {@code mysqld --initialize-insecure}
 * @param flavor    decided by {@code --version}, not the file name: Debian's {@code mysqld} is a link to mariadbd
 * @param version   the server's own version line, for messages
 */
record ServerBinaries(Path server, Path installDb, Flavor flavor, String version) {

    private static final List<String> INSTALL_DB_NAMES = List.of("mariadb-install-db", "mysql_install_db");

    /** Finds the server, installing MariaDB first where that is possible without asking (root + apt). */
    static ServerBinaries locate(Progress progress) {
        Optional<ServerBinaries> found = find();
        if (found.isPresent()) {
            return found.get();
        }
        PackageInstaller.installMariaDb(progress);
        return find().orElseThrow(() -> new SandboxException(
                "mariadb-server was installed, but neither mariadbd nor mysqld can be found on PATH or in /usr/sbin"));
    }

    static Optional<ServerBinaries> find() {
        Optional<Path> server = Host.which("mariadbd").or(() -> Host.which("mysqld"));
        if (server.isEmpty()) {
            return Optional.empty();
        }
        Path binary = server.get();
        String version = Host.output(List.of(binary.toString(), "--version")).orElse("");
        boolean mariaDb = version.contains("MariaDB") || binary.getFileName().toString().equals("mariadbd");
        if (!mariaDb) {
            return Optional.of(new ServerBinaries(binary, null, Flavor.MYSQL, version));
        }
        return Optional.of(new ServerBinaries(binary, findInstallDb(binary), Flavor.MARIADB, version));
    }

    /** Next to the server first (tarball layouts keep it in ../scripts), then on PATH. */
    private static Path findInstallDb(Path server) {
        Path sbin = server.toAbsolutePath().getParent();
        Path base = sbin.getParent();
        List<Path> dirs = base == null ? List.of(sbin) : List.of(sbin, base.resolve("bin"), base.resolve("scripts"));
        for (String name : INSTALL_DB_NAMES) {
            for (Path dir : dirs) {
                Path candidate = dir.resolve(name);
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
            Optional<Path> onPath = Host.which(name);
            if (onPath.isPresent()) {
                return onPath.get();
            }
        }
        throw new SandboxException("found " + server + " but not mariadb-install-db, which creates its system"
                + " tables; install the complete mariadb-server package");
    }

    /** "MariaDB 10.11.19" style summary for progress lines. */
    String shortVersion() {
        String[] words = version.split("\\s+");
        for (int i = 0; i + 1 < words.length; i++) {
            if (words[i].equals("Ver")) {
                String number = words[i + 1].split("-")[0];
                return (flavor == Flavor.MARIADB ? "MariaDB " : "MySQL ") + number;
            }
        }
        return flavor == Flavor.MARIADB ? "MariaDB" : "MySQL";
    }
}
