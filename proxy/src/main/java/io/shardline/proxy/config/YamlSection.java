package io.shardline.proxy.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A YAML mapping read with its line numbers kept, so every problem can name file:line. Problems are collected,
 * not thrown, so one run reports all of them. Keys not read by the end are reported as unknown (a typo in a key
 * must never be silently ignored).
 */
final class YamlSection {
    private final String file;
    private final String path;
    private final Node node;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
    private final Set<String> used = new TreeSet<>();
    private final List<String> problems;

    YamlSection(String file, String path, Node node, List<String> problems) {
        this.file = file;
        this.path = path;
        this.node = node;
        this.problems = problems;
        if (node instanceof MappingNode mapping) {
            for (NodeTuple each : mapping.getValue()) {
                if (each.getKeyNode() instanceof ScalarNode key) {
                    entries.put(key.getValue(), each);
                }
            }
        } else if (node != null) {
            problem(node, path + " must be a mapping of keys to values");
        }
    }

    /** A setting's full name as written in the file, e.g. server.tls.mode. */
    String qualified(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    String location(Node at) {
        return file + ":" + (at.getStartMark().getLine() + 1);
    }

    void problem(Node at, String message) {
        problems.add(location(at) + ": " + message);
    }

    /** How many problems the whole file has so far: a reader compares counts to see whether a part read cleanly. */
    int problemCount() {
        return problems.size();
    }

    void problemHere(String message) {
        if (node != null) {
            problem(node, message);
        } else {
            problems.add(file + ": " + message);
        }
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    Set<String> keys() {
        return entries.keySet();
    }

    /** The key as written, for a problem about its whole entry (a table, a strategy); null when absent. */
    Node keyNode(String key) {
        NodeTuple tuple = entries.get(key);
        return tuple == null ? null : tuple.getKeyNode();
    }

    Node valueNode(String key) {
        used.add(key);
        NodeTuple tuple = entries.get(key);
        return tuple == null ? null : tuple.getValueNode();
    }

    YamlSection section(String key) {
        return new YamlSection(file, qualified(key), valueNode(key), problems);
    }

    String string(String key, String defaultValue) {
        Node value = valueNode(key);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof ScalarNode scalar) {
            return scalar.getValue();
        }
        problem(value, qualified(key) + " must be a single value");
        return defaultValue;
    }

    String requiredString(String key, String hint) {
        String result = string(key, null);
        if (result == null || result.isBlank()) {
            problemHere(qualified(key) + " is required: " + hint);
        }
        return result;
    }

    int integer(String key, int defaultValue, int min, int max) {
        String text = string(key, null);
        if (text == null) {
            return defaultValue;
        }
        try {
            int result = Integer.parseInt(text.trim());
            if (result < min || result > max) {
                problem(valueNode(key), qualified(key) + " is " + result + "; use a value from " + min + " to " + max);
            }
            return result;
        } catch (NumberFormatException ex) {
            problem(valueNode(key), qualified(key) + " must be a whole number, got '" + text + "'");
            return defaultValue;
        }
    }

    boolean bool(String key, boolean defaultValue) {
        String text = string(key, null);
        if (text == null) {
            return defaultValue;
        }
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on": return true;
            case "false", "no", "off": return false;
            default:
                problem(valueNode(key), qualified(key) + " must be true or false, got '" + text + "'");
                return defaultValue;
        }
    }

    Duration duration(String key, Duration defaultValue) {
        String text = string(key, null);
        if (text == null) {
            return defaultValue;
        }
        try {
            return Units.parseDuration(text);
        } catch (IllegalArgumentException ex) {
            problem(valueNode(key), qualified(key) + ": " + ex.getMessage());
            return defaultValue;
        }
    }

    long size(String key, long defaultValue) {
        String text = string(key, null);
        if (text == null) {
            return defaultValue;
        }
        try {
            return Units.parseSize(text);
        } catch (IllegalArgumentException ex) {
            problem(valueNode(key), qualified(key) + ": " + ex.getMessage());
            return defaultValue;
        }
    }

    List<YamlSection> sectionList(String key) {
        List<YamlSection> result = new ArrayList<>();
        int index = 0;
        for (Node each : list(key)) {
            result.add(new YamlSection(file, qualified(key) + "[" + index++ + "]", each, problems));
        }
        return result;
    }

    /** The items of a list; a value that is not a list is a problem. */
    List<Node> list(String key) {
        Node value = valueNode(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof SequenceNode sequence)) {
            problem(value, qualified(key) + " must be a list (lines starting with '- ')");
            return List.of();
        }
        return sequence.getValue();
    }

    List<String> stringList(String key) {
        List<String> result = new ArrayList<>();
        for (ScalarNode each : scalars(valueNode(key), qualified(key))) {
            result.add(each.getValue());
        }
        return result;
    }

    /**
     * The plain values of {@code value}, a single value or a list of them, each with its node so a problem can name
     * its line; a blank single value is none. {@code name} is the setting's name for problems.
     */
    List<ScalarNode> scalars(Node value, String name) {
        List<ScalarNode> result = new ArrayList<>();
        if (value instanceof SequenceNode sequence) {
            for (Node each : sequence.getValue()) {
                if (each instanceof ScalarNode scalar) {
                    result.add(scalar);
                } else {
                    problem(each, name + " must be a list of plain values");
                }
            }
        } else if (value instanceof ScalarNode scalar) {
            if (!scalar.getValue().isBlank()) {
                result.add(scalar);
            }
        } else if (value != null) {
            problem(value, name + " must be one value or a list of values, e.g. [a, b]");
        }
        return result;
    }

    /** Reports keys present in the file that nothing read: almost always a typo. */
    void rejectUnknownKeys() {
        for (Map.Entry<String, NodeTuple> each : entries.entrySet()) {
            if (!used.contains(each.getKey())) {
                problem(each.getValue().getKeyNode(), "unknown setting '" + qualified(each.getKey())
                        + "'; known here: " + String.join(", ", used));
            }
        }
    }
}
