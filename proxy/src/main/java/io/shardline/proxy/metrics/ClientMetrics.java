package io.shardline.proxy.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.shardline.proxy.frontend.SessionRegistry;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Client connections, read from what the proxy keeps anyway (the session registry, the connection-id counter), so
 * counting costs a connection nothing. The counter is not named {@code shardline.client.connections.total}: in
 * Prometheus that would be the counter family {@code shardline_client_connections}, the gauge's own name.
 */
public final class ClientMetrics {
    private ClientMetrics() {}

    /** @param connectionIds grows by one per accepted connection (each gets the next id) */
    public static void register(MeterRegistry registry, SessionRegistry sessions, AtomicLong connectionIds) {
        Gauge.builder("shardline.client.connections", sessions, SessionRegistry::size)
                .description("Client connections open now (logging in or logged in)").register(registry);
        FunctionCounter.builder("shardline.client.connections.accepted", connectionIds, AtomicLong::get)
                .description("Client connections accepted since the proxy started").register(registry);
        for (io.shardline.proxy.session.PinReason each : io.shardline.proxy.session.PinReason.values()) {
            Gauge.builder("shardline.client.sessions.pinned", sessions, s -> s.pinnedBy(each))
                    .description("Sessions keeping their backend connection between statements, by why")
                    .tag("reason", each.name().toLowerCase(java.util.Locale.ROOT)).register(registry);
        }
        for (SessionRegistry.Refusal each : SessionRegistry.Refusal.values()) {
            FunctionCounter.builder("shardline.client.connections.refused", sessions, s -> s.refusals(each))
                    .description("Client connections or logins refused by the access rules (docs/security.md)")
                    .tag("reason", each.label()).register(registry);
        }
    }

    /** Bytes received from and sent to clients over all connections, TLS records included. */
    public static void bytes(MeterRegistry registry, io.shardline.proxy.frontend.ByteCounter counter) {
        FunctionCounter.builder("shardline.client.bytes.received", counter,
                io.shardline.proxy.frontend.ByteCounter::received)
                .description("Bytes received from client connections").register(registry);
        FunctionCounter.builder("shardline.client.bytes.sent", counter, io.shardline.proxy.frontend.ByteCounter::sent)
                .description("Bytes sent to client connections").register(registry);
    }
}
