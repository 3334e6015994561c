package io.shardline.proxy.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Reads {@code server.slow-query-log:}; absent, or {@code enabled: false}, it is {@link SlowQueryLogSettings#OFF}.
 * The file is checked as far as it can be without creating it: not a directory, and not under a path that is a file.
 */
final class SlowQueryLogReader {
    private SlowQueryLogReader() {}

    static SlowQueryLogSettings read(YamlSection server, Path baseDir) {
        if (!server.has("slow-query-log")) {
            server.valueNode("slow-query-log");
            return SlowQueryLogSettings.OFF;
        }
        YamlSection section = server.section("slow-query-log");
        boolean enabled = section.bool("enabled", true);
        String file = section.requiredString("file", "the file to write slow statements to, e.g. logs/slow.log");
        Duration threshold = section.duration("threshold", SlowQueryLogSettings.OFF.threshold());
        section.rejectUnknownKeys();
        if (file == null || !enabled) {
            return SlowQueryLogSettings.OFF;
        }
        Path path = Path.of(file);
        path = path.isAbsolute() || baseDir == null ? path : baseDir.resolve(path);
        if (Files.isDirectory(path)) {
            section.problem(section.valueNode("file"), "server.slow-query-log.file " + path + " is a directory;"
                    + " name a file in it, e.g. " + path.resolve("slow.log"));
        }
        for (Path parent = path.getParent(); parent != null; parent = parent.getParent()) {
            if (Files.exists(parent) && !Files.isDirectory(parent)) {
                section.problem(section.valueNode("file"), "server.slow-query-log.file " + path + ": " + parent
                        + " is a file, not a directory");
                break;
            }
        }
        return new SlowQueryLogSettings(path, threshold);
    }
}
