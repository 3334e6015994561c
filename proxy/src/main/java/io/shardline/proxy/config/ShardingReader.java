package io.shardline.proxy.config;

import io.shardline.router.algorithm.ShardingAlgorithm;
import io.shardline.router.algorithm.Snowflake;
import io.shardline.router.rule.DataNode;
import io.shardline.router.rule.DataNodeExpression;
import io.shardline.router.rule.SchemaRules;
import io.shardline.router.rule.ShardingRules;
import io.shardline.router.rule.TableRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads 'sharding:' into the router's {@link ShardingRules}. The router's constructors validate the model and
 * throw {@link IllegalArgumentException}; here each becomes a problem at the line of the part it is about, and the
 * checks that need the rest of the file are added: every data source named must be under 'datasources:'. A
 * table or schema is built only when its parts read cleanly, so one mistake is reported once.
 */
final class ShardingReader {
    private final Set<String> dataSources;

    private ShardingReader(Set<String> dataSources) {
        this.dataSources = dataSources;
    }

    /**
     * The rules of the top level's 'sharding:'; {@link ShardingRules#NONE} when there is none.
     *
     * @param dataSources the names defined under 'datasources:', in file order
     */
    static ShardingRules read(YamlSection top, Set<String> dataSources) {
        if (top.valueNode("sharding") == null) {
            return ShardingRules.NONE;
        }
        YamlSection section = top.section("sharding");
        YamlSection generator = section.section("key-generator");
        int workerId = generator.integer("worker-id", 0, 0, Snowflake.MAX_WORKER_ID);
        Duration rollback = generator.duration("max-clock-rollback", Snowflake.DEFAULT_MAX_CLOCK_ROLLBACK);
        generator.rejectUnknownKeys();
        YamlSection schemas = section.section("schemas");
        if (schemas.keys().isEmpty()) {
            top.problem(top.keyNode("sharding"), "sharding has no schemas: add one under sharding.schemas (see"
                    + " conf/sharding-demo.yaml), or remove the sharding section");
        }
        ShardingReader reader = new ShardingReader(dataSources);
        Map<String, SchemaRules> result = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (String name : List.copyOf(schemas.keys())) {
            if (!seen.add(lower(name))) {
                schemas.problem(schemas.keyNode(name), "schema " + name + " is defined twice (schema names ignore"
                        + " case); keep one definition");
            }
            SchemaRules rules = reader.schema(schemas, name);
            if (rules != null) {
                result.put(name, rules);
            }
        }
        boolean allowFullTableWrites = section.bool("allow-full-table-writes", false);
        long mergeMemoryLimit = section.size("merge-memory-limit", ShardingRules.DEFAULT_MERGE_MEMORY_LIMIT);
        section.rejectUnknownKeys();
        return new ShardingRules(result, workerId, rollback, allowFullTableWrites, mergeMemoryLimit);
    }

    private SchemaRules schema(YamlSection schemas, String name) {
        YamlSection section = schemas.section(name);
        int before = section.problemCount();
        String defaultSource = section.requiredString("default-datasource",
                "the data source of this schema's tables that are neither sharded nor broadcast, e.g. ds_0");
        if (defaultSource != null && !defaultSource.isBlank()) {
            defaultSource = defaultSource.strip();
            checkDefined(section, section.valueNode("default-datasource"), section.qualified("default-datasource"),
                    List.of(defaultSource));
        }
        Map<String, String> databases = actualDatabases(section.section("actual-databases"));
        YamlSection tableSection = section.section("tables");
        Map<String, TableRule> tables = tables(tableSection);
        Set<String> sharded = new LinkedHashSet<>();
        tableSection.keys().forEach(each -> sharded.add(lower(each)));
        List<Set<String>> groups = bindingGroups(section, sharded);
        Set<String> broadcast = broadcastTables(section, sharded);
        section.rejectUnknownKeys();
        if (section.problemCount() > before) {
            return null;
        }
        try {
            return new SchemaRules(name, defaultSource, tables, groups, broadcast, databases);
        } catch (IllegalArgumentException ex) {
            schemas.problem(schemas.keyNode(name), schemas.qualified(name) + ": " + ex.getMessage());
            return null;
        }
    }

    private Map<String, String> actualDatabases(YamlSection section) {
        Map<String, String> result = new LinkedHashMap<>();
        for (String source : List.copyOf(section.keys())) {
            String database = section.string(source, null);
            Node at = section.valueNode(source);
            if (database == null || database.isBlank()) {
                section.problem(at, section.qualified(source) + " needs the name of the database that holds the"
                        + " schema's tables on " + source + ", e.g. " + source + ": shop_1");
                continue;
            }
            checkDefined(section, at, section.qualified(source), List.of(source));
            result.put(source, database.strip());
        }
        return result;
    }

    private Map<String, TableRule> tables(YamlSection tables) {
        Map<String, TableRule> result = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (String name : List.copyOf(tables.keys())) {
            if (!seen.add(lower(name))) {
                tables.problem(tables.keyNode(name), "table " + name + " is defined twice (table names ignore"
                        + " case); keep one definition");
            }
            TableRule rule = table(tables, name);
            if (rule != null) {
                result.put(name, rule);
            }
        }
        return result;
    }

    private TableRule table(YamlSection tables, String name) {
        YamlSection section = tables.section(name);
        int before = section.problemCount();
        List<DataNode> nodes = dataNodes(section);
        ShardingAlgorithm databaseStrategy = StrategyReader.read(section, "database-strategy");
        ShardingAlgorithm tableStrategy = StrategyReader.read(section, "table-strategy");
        String keyColumn = keyColumn(section);
        section.rejectUnknownKeys();
        if (section.problemCount() > before) {
            return null;
        }
        try {
            return new TableRule(name, nodes, databaseStrategy, tableStrategy, keyColumn);
        } catch (IllegalArgumentException ex) {
            tables.problem(tables.keyNode(name), tables.qualified(name) + ": " + ex.getMessage());
            return null;
        }
    }

    private List<DataNode> dataNodes(YamlSection table) {
        String text = table.requiredString("data-nodes",
                "the actual tables on every data source, e.g. ds_${0..1}.t_order_${0..3}");
        if (text == null || text.isBlank()) {
            return List.of();
        }
        Node at = table.valueNode("data-nodes");
        List<DataNode> result;
        try {
            result = DataNodeExpression.parse(text).nodes();
        } catch (IllegalArgumentException ex) {
            table.problem(at, table.qualified("data-nodes") + ": " + ex.getMessage());
            return List.of();
        }
        List<String> sources = new ArrayList<>();
        result.forEach(each -> sources.add(each.dataSource()));
        checkDefined(table, at, table.qualified("data-nodes"), sources);
        return result;
    }

    /** The column a table's key generator fills, or null when it has none. */
    private static String keyColumn(YamlSection table) {
        if (table.valueNode("key-generator") == null) {
            return null;
        }
        YamlSection section = table.section("key-generator");
        String column = section.requiredString("column",
                "the column filled with a generated key when an INSERT leaves it out, e.g. column: order_id");
        String type = section.string("type", "snowflake");
        if (!type.strip().equalsIgnoreCase("snowflake")) {
            section.problem(section.valueNode("type"), section.qualified("type") + " '" + type
                    + "' is not a key generator; snowflake is the only one: write type: snowflake or leave type out");
        }
        section.rejectUnknownKeys();
        return column == null || column.isBlank() ? null : column.strip();
    }

    private static List<Set<String>> bindingGroups(YamlSection schema, Set<String> sharded) {
        String name = schema.qualified("binding-groups");
        List<Set<String>> result = new ArrayList<>();
        Set<String> bound = new HashSet<>();
        for (Node group : schema.list("binding-groups")) {
            if (!(group instanceof SequenceNode)) {
                schema.problem(group, name + ": each binding group is a list of tables, written"
                        + " - [t_order, t_order_item]" + (group instanceof ScalarNode text ? ", not '"
                        + text.getValue() + "'" : ""));
                continue;
            }
            List<ScalarNode> tables = schema.scalars(group, name);
            Set<String> members = new LinkedHashSet<>();
            List<String> written = tables.stream().map(ScalarNode::getValue).toList();
            if (tables.size() < 2) {
                schema.problem(group, name + ": a binding group is a list of two or more sharded tables laid out"
                        + " alike, e.g. - [t_order, t_order_item]; got " + written);
            }
            for (ScalarNode each : tables) {
                String table = lower(each.getValue().strip());
                if (!sharded.contains(table)) {
                    schema.problem(each, name + ": binding group " + written + " names " + each.getValue()
                            + ", which is not a sharded table; bind only tables under tables: ("
                            + (sharded.isEmpty() ? "none" : String.join(", ", sharded)) + ")");
                } else if (!members.add(table)) {
                    schema.problem(each, name + ": binding group " + written + " names " + table
                            + " twice; list it once");
                } else if (!bound.add(table)) {
                    schema.problem(each, name + ": " + table + " is in two binding groups; merge them into one");
                }
            }
            result.add(members);
        }
        return result;
    }

    private static Set<String> broadcastTables(YamlSection schema, Set<String> sharded) {
        String name = schema.qualified("broadcast-tables");
        Set<String> result = new LinkedHashSet<>();
        for (ScalarNode each : schema.scalars(schema.valueNode("broadcast-tables"), name)) {
            String table = lower(each.getValue().strip());
            if (sharded.contains(table)) {
                schema.problem(each, name + ": " + each.getValue() + " is both sharded (under tables:) and"
                        + " broadcast; a table is one or the other: remove it from one of them");
            } else if (!result.add(table)) {
                schema.problem(each, name + ": " + each.getValue() + " is listed twice; list it once");
            }
        }
        return result;
    }

    /** Reports the names among {@code named} that are not data sources defined under 'datasources:'. */
    private void checkDefined(YamlSection section, Node at, String what, Collection<String> named) {
        if (dataSources.isEmpty()) {
            return; // 'no datasources' is reported already
        }
        Set<String> unknown = new LinkedHashSet<>(named);
        unknown.removeAll(dataSources);
        if (unknown.isEmpty()) {
            return;
        }
        String names = String.join(", ", unknown);
        section.problem(at, what + ": " + (unknown.size() == 1 ? "data source " + names + " is" : "data sources "
                + names + " are") + " not defined under datasources; defined: " + String.join(", ", dataSources)
                + " (define " + (unknown.size() == 1 ? "it" : "them") + " there or name a defined one)");
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
