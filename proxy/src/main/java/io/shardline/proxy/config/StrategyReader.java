package io.shardline.proxy.config;

import io.shardline.router.algorithm.AlgorithmSpec;
import io.shardline.router.algorithm.Algorithms;
import io.shardline.router.algorithm.ShardingAlgorithm;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads a table's database-strategy or table-strategy: {@code { columns: user_id, algorithm: mod, count: 2 }} into
 * the {@link ShardingAlgorithm} {@link Algorithms#create} builds. The algorithm's own checks (a missing count, a bad
 * expression) are its messages, placed at the strategy's line.
 */
final class StrategyReader {
    /**
     * The settings each algorithm reads (see {@link Algorithms#create}). A setting the chosen algorithm does not
     * read is a mistake (a count given to inline, say), reported rather than ignored.
     */
    static final Map<String, List<String>> SETTINGS = Map.of(
            "mod", List.of("count"),
            "hash-mod", List.of("count"),
            "range", List.of("boundaries"),
            "interval", List.of("unit", "suffix"),
            "inline", List.of("expression"),
            "complex", List.of("expression"));
    static final List<String> ALL_SETTINGS = List.of("count", "boundaries", "unit", "suffix", "expression");

    private StrategyReader() {}

    /** The strategy under {@code key} of a table, or null when it is absent or has problems (then reported). */
    static ShardingAlgorithm read(YamlSection table, String key) {
        if (table.valueNode(key) == null) {
            return null;
        }
        YamlSection section = table.section(key);
        int before = section.problemCount();
        List<String> columns = section.stringList("columns");
        if (columns.isEmpty()) {
            section.problemHere(section.qualified("columns") + " is required: the sharding column, e.g. columns:"
                    + " user_id, or a list of them for complex, e.g. columns: [user_id, tenant_id]");
        }
        String type = section.requiredString("algorithm", "one of " + Algorithms.TYPES);
        Map<String, String> settings = settings(section, type);
        section.rejectUnknownKeys();
        if (section.problemCount() > before) {
            return null;
        }
        try {
            return Algorithms.create(new AlgorithmSpec(type, columns, settings));
        } catch (IllegalArgumentException ex) {
            table.problem(table.keyNode(key), table.qualified(key) + ": " + ex.getMessage());
            return null;
        }
    }

    private static Map<String, String> settings(YamlSection section, String type) {
        String known = type == null ? "" : type.strip().toLowerCase(Locale.ROOT);
        // With an unknown or missing algorithm only that is reported, not every setting it would not read.
        List<String> applicable = SETTINGS.getOrDefault(known, ALL_SETTINGS);
        Map<String, String> result = new LinkedHashMap<>();
        for (String each : ALL_SETTINGS) {
            if (!section.has(each)) {
                continue;
            }
            if (!applicable.contains(each)) {
                section.problem(section.valueNode(each), section.qualified(each) + " does not apply to algorithm "
                        + known + ", which reads " + String.join(", ", applicable) + "; remove it");
            } else if (each.equals("boundaries")) {
                result.put(each, boundaries(section));
            } else {
                String value = section.string(each, null);
                if (value != null) {
                    result.put(each, value);
                }
            }
        }
        return result;
    }

    /** A YAML list of numbers, handed to {@link Algorithms} as the text {@code [1, 2]}. */
    private static String boundaries(YamlSection section) {
        List<String> values = new ArrayList<>();
        for (ScalarNode each : section.scalars(section.valueNode("boundaries"), section.qualified("boundaries"))) {
            values.add(each.getValue().strip());
        }
        return "[" + String.join(", ", values) + "]";
    }
}
