package io.shardline.proxy;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.EventExecutor;
import io.shardline.proxy.admin.AdminResponse;
import io.shardline.proxy.admin.AdminRoutes;
import io.shardline.proxy.admin.AdminServer;
import io.shardline.proxy.admin.BackendsApi;
import io.shardline.proxy.admin.CacheApi;
import io.shardline.proxy.admin.ReloadApi;
import io.shardline.proxy.config.LiveUsers;
import io.shardline.proxy.admin.PreviewApi;
import io.shardline.proxy.admin.RulesApi;
import io.shardline.proxy.rules.RulesWriteBack;
import io.shardline.proxy.admin.Readiness;
import io.shardline.proxy.admin.StatusApi;
import io.shardline.proxy.backend.BackendConnector;
import io.shardline.proxy.backend.BackendServer;
import io.shardline.proxy.backend.Transport;
import io.shardline.proxy.config.DataSourceSpec;
import io.shardline.proxy.config.ProxyConfig;
import io.shardline.proxy.execute.SessionSync;
import io.shardline.proxy.frontend.FrontendInitializer;
import io.shardline.proxy.frontend.SessionDrain;
import io.shardline.proxy.frontend.SessionRegistry;
import io.shardline.proxy.frontend.auth.Authenticator;
import io.shardline.proxy.frontend.auth.ServerKeys;
import io.shardline.proxy.health.HealthMonitor;
import io.shardline.proxy.health.HealthSnapshot;
import io.shardline.proxy.metrics.ClientMetrics;
import io.shardline.proxy.route.DataSourceBackends;
import io.shardline.proxy.route.LoopChoosers;
import io.shardline.proxy.tls.ServerTls;
import io.shardline.proxy.rules.LiveRules;
import io.shardline.proxy.config.RulesText;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * The one place where the proxy is wired together: event loops, backend pools, TLS, authentication, and the
 * listening socket. Plain constructors, no container.
 */
public final class ShardlineServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ShardlineServer.class.getName());
    /** Parsed statement shapes the sharding planner keeps: a few MB at most, and far more shapes than apps have. */
    private static final long PARSED_SHAPES = 10_000;

    private final ProxyConfig config;
    private final EventLoopGroup bossGroup;
    private final EventLoopGroup workerGroup;
    /** Every data source's servers, by name, in file order; a reload may add more. */
    private final RunningSources sources;
    private final HealthMonitor healthMonitor;
    private final ProxyRuntime runtime;
    /** The sharding rules in force; changed live through the admin API (docs/operations.md). */
    private final LiveRules rules;
    /** The client accounts in force; replaced by a reload. */
    private final LiveUsers users;
    /** Remembers the file as the proxy started from it, to tell which sections changed since. */
    private final ConfigReload reload;
    /** Every meter of this proxy; served over HTTP by the management port (docs/operations.md). */
    private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    /** Every client connection's bytes, counted at the head of its pipeline. */
    private final io.shardline.proxy.frontend.ByteCounter clientBytes = new io.shardline.proxy.frontend.ByteCounter();
    /** Slow statements as JSON lines; null while server.slow-query-log is off. */
    private final io.shardline.proxy.slowlog.SlowQueryLog slowLog;
    private Channel serverChannel;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    /** The management port; null until started, and while the configuration turns it off. */
    private AdminServer management;

    public ShardlineServer(ProxyConfig config) throws Exception {
        this.config = config;
        // First: a log file that cannot be opened stops the start before any thread runs.
        slowLog = io.shardline.proxy.slowlog.SlowQueryLog.open(config.server().slowQueryLog(), meters);
        Transport transport = Transport.best();
        int workers = config.server().workerThreads() > 0 ? config.server().workerThreads()
                : Runtime.getRuntime().availableProcessors();
        bossGroup = transport.newGroup(1, "shardline-accept");
        workerGroup = transport.newGroup(workers, "shardline-io");
        BackendConnector connector = new BackendConnector(transport);
        DataSourceSpec sourceSpec = config.defaultSource();
        BackendServer primary = RunningSources.backendServer(sourceSpec, "primary", sourceSpec.primary());
        BackendDiscovery discovery = BackendDiscovery.discover(connector, primary, (EventLoop) workerGroup.next());
        sources = new RunningSources(config.dataSources().values(), workerGroup, connector, meters);
        healthMonitor = new HealthMonitor(sources.monitored(config.dataSources()), config.health(),
                java.time.Clock.systemUTC());
        for (DataSourceBackends each : sources.all().values()) {
            healthMonitor.addListener(each::health);
        }
        healthMonitor.checkNow();
        for (DataSourceBackends each : sources.all().values()) {
            each.health(healthMonitor.current());
        }
        healthMonitor.start();
        users = new LiveUsers(config.users());
        rules = new LiveRules(config.sharding(), shardingSection(config), PARSED_SHAPES, java.time.Clock.systemUTC());
        Map<EventLoop, LoopChoosers> choosers = new IdentityHashMap<>();
        for (EventExecutor each : workerGroup) {
            choosers.put((EventLoop) each, new LoopChoosers(sources.choosersOn((EventLoop) each),
                    config.defaultDataSource(), rules));
        }
        sources.attach(healthMonitor, choosers);
        reload = new ConfigReload(config.source(), rules, users, config.dataSources(), sources);
        SslContext ssl = ServerTls.create(config.server().tls());
        Authenticator authenticator = new Authenticator(users, config.server().defaultAuthPlugin(),
                ServerKeys.generate());
        runtime = new ProxyRuntime(config, choosers, connector,
                new SessionSync(discovery.collations().loginVariables(), rules), discovery.collations(),
                ServerVersions.advertised(config.server().version(), discovery.version()),
                discovery.serverCollationId(), discovery.capabilities(), discovery.tracking(),
                discovery.globalSqlMode(), authenticator, ssl, new SessionRegistry(), new AtomicLong(),
                rules, new io.shardline.proxy.route.TableColumns(),
                io.shardline.proxy.cache.ResultCaching.of(config.resultCache(), meters),
                new io.shardline.proxy.metrics.StatementMetrics(meters, slowLog));
        ClientMetrics.register(meters, runtime.sessions(), runtime.connectionIds());
        ClientMetrics.bytes(meters, clientBytes);
        io.shardline.proxy.metrics.RouterMetrics.register(meters, rules);
        rules.onChange(version -> LOG.info("sharding rules version " + version.version() + " in force (" + version.source()
                + "): " + version.changes()));
        if (runtime.caching() != null) {
            // Cached answers were read under the old rules (from where they put rows): none may outlive them.
            rules.onChange(version -> runtime.caching().cache().clear());
        }
        LOG.info("transport " + transport.name() + ", " + workers + " I/O threads, backend " + primary.name()
                + " (" + (discovery.version().isEmpty() ? "unreachable now" : discovery.version()) + ")");
    }

    /** The configuration file's sharding section as written, for history and diffs; empty when unreadable. */
    private static String shardingSection(ProxyConfig config) {
        try {
            return config.source() == null ? "" : RulesText.sectionOf(java.nio.file.Files.readString(config.source()));
        } catch (java.io.IOException ex) {
            return "";
        }
    }

    /** Binds the client port; returns once clients can connect. */
    public ShardlineServer start() throws InterruptedException {
        ServerBootstrap bootstrap = new ServerBootstrap().group(bossGroup, workerGroup)
                .channel(Transport.best().serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 1024 * 1024))
                .childHandler(new FrontendInitializer(runtime, clientBytes));
        try {
            serverChannel = bootstrap.bind(config.server().host(), config.server().port()).sync().channel();
        } catch (Exception ex) {
            // Close what the constructor started (health checks, event loops), or the process would stay up
            // without listening.
            close();
            if (ex instanceof InterruptedException interrupted) {
                throw interrupted;
            }
            throw new IllegalStateException("cannot listen on server.listen " + config.server().host() + ":"
                    + config.server().port() + ": " + ex.getMessage() + " (another process on that port? choose a"
                    + " free one)", ex);
        }
        LOG.info("Shardline listening on " + address() + " (MySQL protocol, version '" + runtime.serverVersion() + "')");
        if (config.management().enabled()) {
            try {
                management = AdminServer.start(config.management().listen(), routes(), Transport.best());
            } catch (RuntimeException ex) {
                close();
                throw ex;
            }
            LOG.info("management port on http://" + managementAddress().getHostString() + ":"
                    + managementAddress().getPort() + " (/metrics, /health, /ready)");
        }
        return this;
    }

    /** What the management port serves (docs/operations.md, "Management port"). */
    private AdminRoutes routes() {
        List<AdminRoutes.Route> table = new ArrayList<>(List.of(
                AdminRoutes.get("/metrics", request -> new AdminResponse(HttpResponseStatus.OK,
                        AdminResponse.PROMETHEUS_TEXT, meters.scrape(), Map.of())),
                AdminRoutes.get("/health", request -> AdminResponse.ok(Map.of("status", "UP"))),
                AdminRoutes.get("/ready", new Readiness(this::primaries, healthMonitor::current,
                        () -> serverChannel != null && serverChannel.isActive(), runtime.sessions()::draining))));
        table.addAll(new RulesApi(rules, () -> sources.all().keySet(), new RulesWriteBack(config.source()))
                .routes());
        table.addAll(new PreviewApi(rules, config.defaultDataSource()).routes());
        table.addAll(new CacheApi(resultCache()).routes());
        table.addAll(new ReloadApi(reload()).routes());
        table.addAll(backendsAndStatus());
        table.add(AdminRoutes.get("/api/sessions", request -> AdminResponse.ok(Map.of("sessions",
                runtime.sessions().views()))));
        return new AdminRoutes(table, config.management().token());
    }

    /** Each running data source's primary, by data source name (read per /ready probe: reloads add some). */
    private Map<String, String> primaries() {
        Map<String, String> result = new LinkedHashMap<>();
        sources.all().forEach((name, backends) -> result.put(name, backends.primary().server().name()));
        return result;
    }

    /** Re-reads the configuration file and applies what can change live (SIGHUP, {@code POST /api/reload}). */
    public ConfigReload reload() {
        return reload;
    }

    /** The admin API's /api/backends and /api/status paths (docs/admin-api.md). */
    private List<AdminRoutes.Route> backendsAndStatus() {
        List<AdminRoutes.Route> result = new ArrayList<>(new BackendsApi(sources::all).routes());
        result.addAll(new StatusApi(config.source(), java.time.Clock.systemUTC(), () -> rules.current().version(),
                runtime.sessions()::open, runtime.sessions()::draining).routes());
        return result;
    }

    /** The backends' health as of the last check round (for operators' tools and tests). */
    public HealthSnapshot health() {
        return healthMonitor.current();
    }

    /** Client connections open now, counted against server.max-connections. */
    public int openClientConnections() {
        return runtime.sessions().open();
    }

    /** The result cache, or null when the configuration leaves it off (for operators' tools and tests). */
    public io.shardline.proxy.cache.ResultCache resultCache() {
        return runtime.caching() == null ? null : runtime.caching().cache();
    }

    /** Every meter of this proxy, for the management port and tests; {@code meters().scrape()} is /metrics. */
    public PrometheusMeterRegistry meters() {
        return meters;
    }

    /** Where the management port listens; null when the configuration turns it off. */
    public InetSocketAddress managementAddress() {
        return management == null ? null : management.address();
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    public ProxyRuntime runtime() {
        return runtime;
    }

    /**
     * Stops gracefully (SIGTERM): stops accepting clients, lets sessions finish what they are doing for up to
     * {@code timeout} ({@link SessionDrain}), then closes everything. The management port answers meanwhile, /ready
     * with 503 "draining".
     */
    public void stop(java.time.Duration timeout) throws InterruptedException {
        int open = runtime.sessions().size();
        LOG.info("stopping: no longer accepting clients; " + open + " sessions open, idle ones close now, busy ones"
                + " when their statement or transaction ends (server.shutdown-timeout " + timeout.toMillis() + " ms)");
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
        }
        SessionDrain.drain(runtime.sessions(), timeout);
        close();
        LOG.info("stopped");
    }

    /** Stops at once: sessions end wherever they are. Safe to call more than once. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        if (management != null) {
            management.close();
        }
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
        }
        healthMonitor.close();
        sources.close();
        if (slowLog != null) {
            slowLog.close();
        }
        bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
