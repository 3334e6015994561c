package io.shardline.proxy.sandbox;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A snapshot of the whole sandbox, immutable so it can be logged, asserted on or rendered later.
 *
 * @param basePort the layout's base port
 * @param workDir  the layout's work folder
 * @param servers  one entry per server, in layout order
 */
public record SandboxStatus(int basePort, Path workDir, List<ServerStatus> servers) {

    public SandboxStatus {
        Objects.requireNonNull(workDir, "workDir");
        servers = List.copyOf(servers);
    }

    /** Every server runs and serves, and every replica replicates. */
    public boolean healthy() {
        return servers.stream().allMatch(ServerStatus::healthy);
    }

    public ServerStatus server(String name) {
        return servers.stream()
                .filter(s -> s.spec().name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no sandbox server named " + name));
    }

    /** The human table {@code bin/sandbox status} prints. */
    public String render() {
        return StatusTable.render(this);
    }
}
