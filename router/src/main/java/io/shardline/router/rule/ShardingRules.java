package io.shardline.router.rule;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The sharding rules in force: one {@link SchemaRules} per logical schema (by lower-case name), and the settings of
 * the snowflake key generator shared by every table that generates keys. Immutable: the proxy swaps a whole new
 * instance in when rules change.
 *
 * @param workerId this proxy's snowflake worker id (0 to 1023); every proxy writing the same tables needs its own
 */
public record ShardingRules(Map<String, SchemaRules> schemas, long workerId, Duration maxClockRollback,
                            boolean allowFullTableWrites, long mergeMemoryLimit) {
    /** How much of the shards' rows one statement's merge may hold in memory by default. */
    public static final long DEFAULT_MERGE_MEMORY_LIMIT = 64L << 20;
    public static final ShardingRules NONE = new ShardingRules(Map.of(), 0, Duration.ofMillis(10));

    /** Rules whose planner refuses UPDATE and DELETE without WHERE on sharded tables (the safe default). */
    public ShardingRules(Map<String, SchemaRules> schemas, long workerId, Duration maxClockRollback) {
        this(schemas, workerId, maxClockRollback, false, DEFAULT_MERGE_MEMORY_LIMIT);
    }

    public ShardingRules {
        Map<String, SchemaRules> byName = new LinkedHashMap<>();
        schemas.forEach((schema, rules) -> byName.put(schema.toLowerCase(Locale.ROOT), rules));
        schemas = java.util.Collections.unmodifiableMap(byName);
    }

    /** The rules of {@code schema}, or null when it is not a sharded schema (it is then relayed as is). */
    public SchemaRules schema(String schema) {
        return schema == null ? null : schemas.get(schema.toLowerCase(Locale.ROOT));
    }
}
