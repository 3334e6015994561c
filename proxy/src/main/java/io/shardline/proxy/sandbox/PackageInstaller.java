package io.shardline.proxy.sandbox;

import java.io.IOException;
import java.util.List;

/**
 * Installs MariaDB when no server is present, but only where that cannot surprise anyone: as root on a
 * Debian-like system (throw-away containers and CI images). Everyone else gets told what to install.
 */
final class PackageInstaller {

    static final String MISSING_SERVER = "Neither mariadbd nor mysqld is installed. Install MariaDB 10.6 or"
            + " newer and run again: Debian/Ubuntu 'sudo apt-get install mariadb-server',"
            + " Fedora 'sudo dnf install mariadb-server', macOS 'brew install mariadb'.";

    private PackageInstaller() {}

    static void installMariaDb(Progress progress) {
        if (!Host.isRoot() || Host.which("apt-get").isEmpty()) {
            throw new SandboxException(MISSING_SERVER);
        }
        progress.step("neither mariadbd nor mysqld found;"
                + " installing mariadb-server (apt-get install -y mariadb-server)…");
        List<String> install = List.of("apt-get", "install", "-y", "-q", "mariadb-server");
        if (aptGet(install) == 0) {
            return;
        }
        // Fresh container images ship without package lists; one refresh is worth a retry.
        progress.step("apt-get install failed; refreshing package lists (apt-get update) and retrying…");
        if (aptGet(List.of("apt-get", "update", "-q")) != 0 || aptGet(install) != 0) {
            throw new SandboxException("apt-get install -y mariadb-server failed (see its output above). "
                    + MISSING_SERVER);
        }
    }

    /** apt's own output goes straight to the terminal: when it fails, that output is the explanation. */
    private static int aptGet(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        // Without this, debconf may stop and wait for answers on a terminal nobody is looking at.
        builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
        try {
            return builder.start().waitFor();
        } catch (IOException e) {
            throw new SandboxException("cannot run apt-get: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted while installing mariadb-server", e);
        }
    }
}
