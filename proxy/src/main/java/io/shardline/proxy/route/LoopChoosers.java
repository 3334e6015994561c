package io.shardline.proxy.route;

import io.shardline.router.rule.SchemaRules;
import io.shardline.router.rule.ShardingRules;
import java.util.Map;

/**
 * The server choosers of one event loop, one per data source, and which data source a session's statements go to
 * when nothing routes them elsewhere: the default data source of its sharded schema, else the proxy's default.
 *
 * <p>Confined to its event loop: a data source added by a configuration reload is added by a task run on that loop
 * ({@link #add}), so the query path reads a plain field, without a lock or a volatile read, and the loop never sees a
 * half-built map.
 */
public final class LoopChoosers {
    /** Immutable; replaced whole, on this object's event loop only. */
    private Map<String, ServerChooser> bySource;
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

    /**
     * Adds a data source's chooser (a configuration reload added the data source). Call on this object's event
     * loop only; statements see it from their next chooser look-up on.
     */
    public void add(String dataSource, ServerChooser chooser) {
        if (bySource.containsKey(dataSource)) {
            throw new IllegalStateException("data source " + dataSource + " has a chooser already");
        }
        Map<String, ServerChooser> next = new java.util.HashMap<>(bySource);
        next.put(dataSource, chooser);
        bySource = Map.copyOf(next);
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
