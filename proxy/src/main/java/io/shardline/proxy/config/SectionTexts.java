package io.shardline.proxy.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The top-level sections of a configuration file as the lines they are written on: what a reload compares to
 * tell which sections changed, and what a rules change replaces in the file.
 */
public final class SectionTexts {
    private SectionTexts() {}

    /** Each top-level key's lines, in file order; empty when the text is not a YAML mapping. */
    public static Map<String, String> of(String text) {
        Map<String, String> result = new LinkedHashMap<>();
        Node root;
        try {
            root = RulesText.compose("configuration", text);
        } catch (ConfigException ex) {
            return result;
        }
        List<String> all = text.lines().toList();
        if (root instanceof MappingNode mapping) {
            for (NodeTuple each : mapping.getValue()) {
                if (each.getKeyNode() instanceof ScalarNode key) {
                    int[] range = lines(root, key.getValue(), all);
                    result.put(key.getValue(), String.join("\n", all.subList(range[0], range[1])));
                }
            }
        }
        return result;
    }

    /**
     * {@code [first, end)} (0-based lines) of the top-level {@code key}'s block; null when there is none. The
     * block ends where the next top-level key starts, less the blank and top-level comment lines just before it:
     * those introduce the next section.
     */
    static int[] lines(Node root, String key, List<String> lines) {
        if (!(root instanceof MappingNode mapping)) {
            return null;
        }
        List<NodeTuple> entries = mapping.getValue();
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).getKeyNode() instanceof ScalarNode name && name.getValue().equals(key)) {
                int first = name.getStartMark().getLine();
                int end = i + 1 < entries.size() ? entries.get(i + 1).getKeyNode().getStartMark().getLine()
                        : lines.size();
                while (end > first + 1 && (lines.get(end - 1).isBlank() || lines.get(end - 1).startsWith("#"))) {
                    end--;
                }
                return new int[] {first, end};
            }
        }
        return null;
    }
}
