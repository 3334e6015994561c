package io.shardline.proxy.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.shardline.proxy.backend.BackendServer;
import io.shardline.proxy.health.HealthSnapshot;
import io.shardline.proxy.health.ServerHealth;
import io.shardline.proxy.health.Status;
import io.shardline.proxy.route.DataSourceBackends;
import io.shardline.proxy.route.ReplicaBackend;
import io.shardline.router.route.ReadWriteDecision;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The read/write splitting meters of one data source (names and labels in docs/read-write-splitting.md, "Metrics").
 * Labels take a few fixed values each: server names, the router's reason words, the redirect causes below. A
 * counter is created once per label set and then found with one map lookup, so counting costs the query path no
 * allocation after warm-up.
 */
public final class ReadWriteMetrics {
    /** A replica read went to the primary: no replica was healthy (replica-fallback: primary). */
    public static final String NO_HEALTHY_REPLICA = "no_healthy_replica";
    /** A replica read went to the primary: the chosen replica had not applied the writes the read must see. */
    public static final String NOT_CAUGHT_UP = "not_caught_up";
    /** A replica read went to the primary: the session wrote within its write window (primary-after-write). */
    public static final String WRITE_WINDOW = "write_window";

    private final MeterRegistry registry;
    private final DataSourceBackends source;
    private final Map<ReadWriteDecision, Counter> decisions = new ConcurrentHashMap<>();
    private final Map<String, Counter> statements = new ConcurrentHashMap<>();
    private final Map<String, Counter> retries = new ConcurrentHashMap<>();
    private final Map<String, Counter> redirects = new ConcurrentHashMap<>();

    public ReadWriteMetrics(MeterRegistry registry, DataSourceBackends source) {
        this.registry = registry;
        this.source = source;
        serverGauges(source.primary().server().name(), "primary");
        poolGauges(source.primary().server().name(), source.primary());
        for (ReplicaBackend each : source.replicas()) {
            replicaAdded(each);
        }
    }

    /** Registers the meters of a replica (at start, or when a configuration reload adds one). */
    public void replicaAdded(ReplicaBackend replica) {
        String name = replica.name();
        serverGauges(name, "replica");
        poolGauges(name, replica.pools());
        Gauge.builder("shardline.replica.lag", source, s -> lagSeconds(s.health(), name))
                .description("Replication lag of the replica as its last health check saw it; NaN when unknown")
                .baseUnit("seconds").tag("datasource", source.name()).tag("server", name).register(registry);
        Gauge.builder("shardline.replica.weight", source, s -> s.weightOf(name))
                .description("The replica's share of reads now: the configured weight or an operator's")
                .tag("datasource", source.name()).tag("server", name).register(registry);
    }

    /**
     * Drops every meter of a replica a configuration reload removed, so that no series goes on reporting a server
     * the proxy no longer has (the pool wait timer of {@link BackendMetrics} included: same labels).
     */
    public void replicaRemoved(String replica) {
        for (Meter each : registry.getMeters()) {
            if (replica.equals(each.getId().getTag("server"))
                    && source.name().equals(each.getId().getTag("datasource"))) {
                registry.remove(each);
            }
        }
        statements.remove(replica);
        retries.remove(replica);
    }

    private void serverGauges(String server, String role) {
        Gauge.builder("shardline.backend.up", source, s -> up(s.health(), server))
                .description("1 when the server's last health check says it may serve (UP), else 0")
                .tag("datasource", source.name()).tag("server", server).tag("role", role).register(registry);
        Gauge.builder("shardline.backend.online", source, s -> s.overrides().isOffline(server) ? 0 : 1)
                .description("1 while the server is in service, 0 while an operator has taken it offline")
                .tag("datasource", source.name()).tag("server", server).tag("role", role).register(registry);
    }

    /** A server's pools over all event loops: connections idle and lent out, and statements waiting for one. */
    private void poolGauges(String server, io.shardline.proxy.backend.BackendPools pools) {
        Gauge.builder("shardline.backend.pool.connections", pools, p -> p.stats().idle())
                .description("Backend connections in the server's pools, by state").tag("datasource", source.name())
                .tag("server", server).tag("state", "idle").register(registry);
        Gauge.builder("shardline.backend.pool.connections", pools, p -> p.stats().borrowed())
                .description("Backend connections in the server's pools, by state").tag("datasource", source.name())
                .tag("server", server).tag("state", "borrowed").register(registry);
        Gauge.builder("shardline.backend.pool.waiting", pools, p -> p.stats().waiting())
                .description("Statements waiting for a connection of the server's pools")
                .tag("datasource", source.name()).tag("server", server).register(registry);
    }

    private static double up(HealthSnapshot snapshot, String server) {
        ServerHealth health = snapshot == null ? null : snapshot.of(server);
        return health != null && health.status() == Status.UP ? 1 : 0;
    }

    private static double lagSeconds(HealthSnapshot snapshot, String server) {
        ServerHealth health = snapshot == null ? null : snapshot.of(server);
        return health == null || health.lagSeconds() == null ? Double.NaN : health.lagSeconds();
    }

    /** The router's choice for a statement, before health and consistency have their say. */
    public void decided(ReadWriteDecision decision) {
        decisions.computeIfAbsent(decision, each -> Counter.builder("shardline.read_write.decisions")
                .description("Statements by the read/write router's choice and its reason")
                .tag("datasource", source.name()).tag("target", each.target().name().toLowerCase(Locale.ROOT))
                .tag("reason", each.reason()).register(registry)).increment();
    }

    /** A statement (or a retry of one) was sent to {@code server}. */
    public void ranOn(BackendServer server, boolean replica) {
        statements.computeIfAbsent(server.name(), name -> Counter.builder("shardline.backend.statements")
                .description("Client commands sent to each server (a retried read counts on each server tried)")
                .tag("datasource", source.name()).tag("server", name).tag("role", replica ? "replica" : "primary")
                .register(registry)).increment();
    }

    /** A replica read failed on {@code server} before the client saw any of it, and was sent again elsewhere. */
    public void retried(BackendServer server) {
        retries.computeIfAbsent(server.name(), name -> Counter.builder("shardline.replica.read.retries")
                .description("Replica reads retried on another server after failing before any byte reached the"
                        + " client").tag("datasource", source.name()).tag("server", name)
                .register(registry)).increment();
    }

    /** A read that could have gone to a replica went to the primary, for {@code cause}. */
    public void redirected(String cause) {
        redirects.computeIfAbsent(cause, name -> Counter.builder("shardline.replica.reads.on.primary")
                .description("Reads a replica could have served that went to the primary, by cause")
                .tag("datasource", source.name()).tag("cause", name).register(registry)).increment();
    }
}
