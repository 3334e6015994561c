package io.shardline.proxy.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code server.slow-query-log:} section: statements that take at least {@code threshold} from arrival to the
 * end of their response are written to {@code file} as JSON lines (docs/operations.md, "Slow query log").
 *
 * @param file the log file (relative paths are resolved against the configuration file's directory); null when off
 * @param threshold statements this slow or slower are logged
 */
public record SlowQueryLogSettings(Path file, Duration threshold) {
    public static final SlowQueryLogSettings OFF = new SlowQueryLogSettings(null, Duration.ofSeconds(1));

    public boolean enabled() {
        return file != null;
    }
}
