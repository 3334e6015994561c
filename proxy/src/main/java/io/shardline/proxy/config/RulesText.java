package io.shardline.proxy.config;

import io.shardline.router.rule.ShardingRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The {@code sharding:} section of a configuration text, read for a live rules change: the rules it gives
 * (validated exactly as at start, against the data sources the running proxy has) and the section's own lines, as
 * the DBA wrote them, comments included, so that they can be shown, kept in the history and written back into the
 * proxy's configuration file. Other sections of the text are not read.
 *
 * @param section the lines from {@code sharding:} to the end of its block (top-level comments that follow it belong
 *                to the next section and are left out); empty when the text has no such section
 */
public record RulesText(ShardingRules rules, String section) {

    /**
     * @param origin      names the text in problems, e.g. {@code request body}
     * @param dataSources the data sources rules may name
     * @throws ConfigException listing every problem with its line, or saying that there is no sharding section
     */
    public static RulesText parse(String origin, String text, Set<String> dataSources) throws ConfigException {
        Node root = compose(origin, text);
        List<String> problems = new ArrayList<>();
        YamlSection top = new YamlSection(origin, "", root, problems);
        if (root == null || top.valueNode("sharding") == null) {
            throw new ConfigException(origin + ": no 'sharding:' section; send a configuration file whose sharding"
                    + " section holds the rules to apply (see conf/sharding-demo.yaml)");
        }
        ShardingRules rules = ShardingReader.read(top, dataSources);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new RulesText(rules, sectionOf(text, root));
    }

    /** The {@code sharding:} section's lines of a configuration text; empty when it has none. */
    public static String sectionOf(String text) {
        try {
            return sectionOf(text, compose("configuration", text));
        } catch (ConfigException ex) {
            return "";
        }
    }

    static Node compose(String origin, String text) throws ConfigException {
        try {
            return new Yaml(new LoaderOptions()).compose(new java.io.StringReader(text));
        } catch (MarkedYAMLException ex) {
            throw new ConfigException(origin + ":" + (ex.getProblemMark().getLine() + 1) + ": not valid YAML: "
                    + ex.getProblem());
        }
    }

    private static String sectionOf(String text, Node root) {
        List<String> all = text.lines().toList();
        int[] lines = SectionTexts.lines(root, "sharding", all);
        return lines == null ? "" : String.join("\n", all.subList(lines[0], lines[1])) + "\n";
    }

    /**
     * {@code configText} with its {@code sharding:} section replaced by {@code section} (appended when it has
     * none); every other line stays as it was, comments included.
     */
    public static String withSection(String configText, String section) throws ConfigException {
        List<String> all = configText.lines().toList();
        int[] lines = SectionTexts.lines(compose("configuration file", configText), "sharding", all);
        List<String> result = new ArrayList<>();
        if (lines == null) {
            result.addAll(all);
            result.add("");
            result.addAll(section.lines().toList());
        } else {
            result.addAll(all.subList(0, lines[0]));
            result.addAll(section.lines().toList());
            result.addAll(all.subList(lines[1], all.size()));
        }
        return String.join("\n", result) + "\n";
    }
}
