package io.shardline.proxy.sandbox;

import java.util.ArrayList;
import java.util.List;

/** Renders a {@link SandboxStatus} as the plain-text table {@code bin/sandbox status} prints. */
final class StatusTable {

    private static final List<String> HEADER =
            List.of("ROLE", "NAME", "PORT", "PID", "STATE", "REPLICATION", "LAG", "GTID");
    private static final String NL = System.lineSeparator();

    private StatusTable() {}

    static String render(SandboxStatus status) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        status.servers().forEach(server -> rows.add(row(server)));
        StringBuilder out = new StringBuilder();
        out.append("Sandbox ").append(status.basePort()).append(" in ").append(status.workDir()).append(NL).append(NL);
        appendAligned(out, rows);
        out.append(NL).append(summary(status)).append(NL);
        return out.toString();
    }

    private static List<String> row(ServerStatus server) {
        ServerSpec spec = server.spec();
        String state = !server.running() ? "stopped" : server.accepting() ? "running" : "starting";
        String replication = "-";
        String lag = "-";
        if (spec.role() == Role.REPLICA && server.running()) {
            replication = server.replica().map(ReplicaState::threads).orElse("not configured");
            lag = server.replica()
                    .map(ReplicaState::secondsBehind)
                    .map(seconds -> seconds + " s")
                    .orElse("-");
        }
        return List.of(spec.role().label(), spec.name(), Integer.toString(spec.port()),
                server.running() ? Long.toString(server.pid()) : "-", state, replication, lag,
                server.gtidPosition().isEmpty() ? "-" : server.gtidPosition());
    }

    /** Pads every column to its widest cell; the last column is left ragged so lines carry no trailing blanks. */
    private static void appendAligned(StringBuilder out, List<List<String>> rows) {
        int columns = HEADER.size();
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                String cell = row.get(i);
                line.append(i == columns - 1 ? cell : pad(cell, widths[i] + 2));
            }
            out.append(line.toString().stripTrailing()).append(NL);
        }
    }

    private static String pad(String cell, int width) {
        return cell + " ".repeat(Math.max(0, width - cell.length()));
    }

    private static String summary(SandboxStatus status) {
        long running = status.servers().stream().filter(ServerStatus::running).count();
        int total = status.servers().size();
        if (status.healthy()) {
            return "Healthy: " + running + " of " + total + " servers running, replication OK.";
        }
        StringBuilder out = new StringBuilder("NOT healthy: " + running + " of " + total + " servers running.");
        for (ServerStatus server : status.servers()) {
            if (!server.healthy()) {
                out.append(NL).append("  ").append(server.spec().describe()).append(": ").append(server.problem());
                server.replica()
                        .map(ReplicaState::lastError)
                        .filter(error -> !error.isEmpty())
                        .ifPresent(error -> out.append(NL).append("    last error: ").append(error));
            }
        }
        return out.toString();
    }
}
