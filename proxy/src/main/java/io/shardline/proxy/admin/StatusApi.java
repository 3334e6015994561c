package io.shardline.proxy.admin;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/** {@code GET /api/status}: what this proxy is and how it is doing, in one small object (docs/admin-api.md). */
public final class StatusApi {
    /** The proxy's version from its jar's manifest; "dev" when run from classes (tests, an IDE). */
    static final String VERSION = version();

    private final Path configFile;
    private final Clock clock;
    private final Instant started;
    private final LongSupplier rulesVersion;
    private final IntSupplier clientConnections;
    private final BooleanSupplier draining;

    /** The answer's fields, in the contract's order. */
    public record Status(String version, long uptimeSeconds, String configFile, long rulesVersion,
                         int clientConnections, boolean draining) {
    }

    /**
     * @param rulesVersion      the version of the rules in force
     * @param clientConnections client connections open now
     * @param draining          whether the proxy is stopping (it no longer accepts clients)
     */
    public StatusApi(Path configFile, Clock clock, LongSupplier rulesVersion, IntSupplier clientConnections,
                     BooleanSupplier draining) {
        this.configFile = configFile;
        this.clock = clock;
        this.started = clock.instant();
        this.rulesVersion = rulesVersion;
        this.clientConnections = clientConnections;
        this.draining = draining;
    }

    public List<AdminRoutes.Route> routes() {
        return List.of(AdminRoutes.get("/api/status", request -> AdminResponse.ok(status())));
    }

    Status status() {
        return new Status(VERSION, Duration.between(started, clock.instant()).toSeconds(),
                configFile == null ? null : configFile.toAbsolutePath().toString(), rulesVersion.getAsLong(),
                clientConnections.getAsInt(), draining.getAsBoolean());
    }

    private static String version() {
        String result = StatusApi.class.getPackage().getImplementationVersion();
        return result == null ? "dev" : result;
    }
}
