package io.shardline.proxy.route;

import io.shardline.router.rule.SchemaRules;
import io.shardline.router.rule.ShardingRules;
import java.util.Map;

/**
 * The server choosers of one event loop, one per data source, and which data source a session's statements go to
 * when nothing routes them elsewhere: the default data source of its sharded schema, else the proxy's default.
 */
public final class LoopChoosers {
    private final Map<String, ServerChooser> bySource;
    private final ServerChooser fallback;
    private final java.util.function.Supplier<ShardingRules> sharding;

    /**
     * @param defaultSource the proxy's default data source, a key of {@code bySource}
     * @param sharding      the rules in force (read per call: they change live)
     */
    public LoopChoosers(Map<String, ServerChooser> bySource, String defaultSource,
                        java.util.function.Supplier<ShardingRules> sharding) {
        this.bySource = Map.copyOf(bySource);
        this.fallback = bySource.get(defaultSource);
        this.sharding = sharding;
        if (fallback == null) {
            throw new IllegalArgumentException("no chooser for the default data source " + defaultSource);
        }
    }

    /** The chooser of a data source the configuration names (sharding rules are validated against it). */
    public ServerChooser of(String dataSource) {
        ServerChooser result = bySource.get(dataSource);
        if (result == null) {
            throw new IllegalStateException("no data source " + dataSource + " is configured");
        }
        return result;
    }

    /** Where a session in {@code schema} runs what the sharding rules do not place: SET, BEGIN, SHOW, ... */
    public ServerChooser home(String schema) {
        SchemaRules rules = schema == null ? null : sharding.get().schema(schema);
        return rules == null ? fallback : of(rules.defaultDataSource());
    }

    /** The proxy's default data source. */
    public ServerChooser fallback() {
        return fallback;
    }
}
