package io.shardline.proxy.config;

import io.shardline.router.sql.Digest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Reads the {@code result-cache:} section; an absent section is {@link ResultCacheSettings#DISABLED}. */
final class ResultCacheReader {
    private ResultCacheReader() {}

    static ResultCacheSettings read(YamlSection top) {
        if (!top.has("result-cache")) {
            top.valueNode("result-cache");
            return ResultCacheSettings.DISABLED;
        }
        YamlSection section = top.section("result-cache");
        ResultCacheSettings defaults = ResultCacheSettings.DISABLED;
        boolean enabled = section.bool("enabled", true);
        long maxBytes = section.size("max-size", defaults.maxBytes());
        long maxEntry = section.size("max-entry-size", defaults.maxEntryBytes());
        if (maxBytes < 1024) {
            section.problemHere("result-cache.max-size must be at least 1KiB");
        }
        if (maxEntry < 64 || maxEntry > Integer.MAX_VALUE - 8 || maxEntry > maxBytes) {
            section.problemHere("result-cache.max-entry-size must be between 64 bytes and max-size (and under 2GiB)");
        }
        Duration ttl = positive(section, "default-ttl", defaults.defaultTtl());
        List<CacheRule> rules = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int index = 0;
        for (YamlSection each : section.sectionList("rules")) {
            CacheRule rule = rule(each, index++);
            if (rule != null && !names.add(rule.name())) {
                each.problemHere("result-cache rule name '" + rule.name() + "' is used twice; names label metrics");
            }
            if (rule != null) {
                rules.add(rule);
            }
        }
        section.rejectUnknownKeys();
        return new ResultCacheSettings(enabled, maxBytes, maxEntry, ttl, rules);
    }

    private static CacheRule rule(YamlSection each, int index) {
        String name = each.string("name", "rule-" + index);
        String statement = each.string("statement", null);
        Set<String> tables = new HashSet<>();
        for (ScalarNode table : each.scalars(each.valueNode("tables"), each.qualified("tables"))) {
            String text = table.getValue().trim().toLowerCase(Locale.ROOT).replace("`", "");
            int dot = text.indexOf('.');
            if (dot <= 0 || dot == text.length() - 1 || text.indexOf('.', dot + 1) >= 0) {
                each.problem(table, "result-cache table '" + table.getValue() + "' must be schema.table or schema.*");
            } else {
                tables.add(text);
            }
        }
        boolean cache = each.bool("cache", true);
        Duration ttl = each.has("ttl") ? positive(each, "ttl", null) : null;
        each.rejectUnknownKeys();
        if ((statement == null) == tables.isEmpty()) {
            each.problemHere("a result-cache rule names either 'tables' or 'statement' (one of them)");
            return null;
        }
        String shape = statement == null ? null : Digest.of(statement).shape();
        return new CacheRule(name, tables, shape, cache, ttl);
    }

    private static Duration positive(YamlSection section, String key, Duration defaultValue) {
        Duration result = section.duration(key, defaultValue);
        if (result != null && (result.isNegative() || result.isZero())) {
            section.problem(section.valueNode(key), section.qualified(key) + " must be longer than 0");
            return defaultValue;
        }
        return result;
    }
}
