package io.shardline.proxy.config;

import io.shardline.proxy.health.HealthSettings;
import io.shardline.router.rule.ShardingRules;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One complete, validated configuration. Immutable: a change builds a new one.
 *
 * @param source the file it was read from
 * @param dataSources by name, in file order
 * @param sharding the sharding rules; {@link ShardingRules#NONE} when the file has no 'sharding:' section
 * @param resultCache the result cache; {@link ResultCacheSettings#DISABLED} when the file has no 'result-cache:'
 * @param management the HTTP management port; {@link ManagementSettings#DEFAULT} when the file has no 'management:'
 */
public record ProxyConfig(Path source, ServerSettings server, List<UserSpec> users,
                          Map<String, DataSourceSpec> dataSources, String defaultDataSource, HealthSettings health,
                          ShardingRules sharding, ResultCacheSettings resultCache,
                          ManagementSettings management) {
    public DataSourceSpec defaultSource() {
        return dataSources.get(defaultDataSource);
    }

    public UserSpec user(String name) {
        for (UserSpec each : users) {
            if (each.name().equals(name)) {
                return each;
            }
        }
        return null;
    }
}
