package io.shardline.router.plan;

import io.shardline.router.rewrite.TableRenamer;
import io.shardline.router.rule.DataNode;
import io.shardline.router.rule.SchemaRules;
import io.shardline.router.sql.Tokens;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.sf.jsqlparser.expression.Expression;

/**
 * What routing one flat statement shape (a SELECT, UPDATE or DELETE nesting no query) takes under one schema's
 * rules that does not depend on the statement's values: its sharded tables and their group, the checks the shape
 * passed, its WHERE clause. Worked out once per shape and rules ({@link ShardPlanner}), so that each statement
 * only binds its values to the conditions and picks the nodes: the common point select skips re-reading the
 * shape's tree for its tables and checks.
 *
 * <p>Each node the shape reaches keeps its actual tables and whether putting them into the shape's text changes it:
 * when the node's tables and database are named exactly as the client wrote them, the client's text runs there as
 * it is, and is not rebuilt for every statement. Renaming looks only at the statement's words and quoted names,
 * which every statement of a shape shares verbatim (its values are what differs), so one statement answers it for
 * all. Thread-safe.
 */
final class FlatRoute {
    private final SchemaRules rules;
    private final boolean allowFullTableWrites;
    /** Null when the shape names no sharded table. */
    private final ShardGroup group;
    private final boolean broadcastWrite;
    private final Expression where;
    /** Null unless the shape pins one node by its values. */
    private final PointRoute point;
    /** At most one entry per data node of the group's first table. */
    private final ConcurrentHashMap<DataNode, NodeRoute> nodes = new ConcurrentHashMap<>();

    /**
     * @param group the shape's sharded tables, or null when it names none
     * @param broadcastWrite the shape names no sharded table and writes a broadcast table (runs on every copy)
     * @param point the shape's point route, or null
     */
    FlatRoute(SchemaRules rules, boolean allowFullTableWrites, ShardGroup group, boolean broadcastWrite,
              Expression where, PointRoute point) {
        this.rules = rules;
        this.allowFullTableWrites = allowFullTableWrites;
        this.group = group;
        this.broadcastWrite = broadcastWrite;
        this.where = where;
        this.point = point;
    }

    /** Whether this was worked out for these rules and this safety switch (the shape's parse is shared by both). */
    boolean fits(SchemaRules rules, boolean allowFullTableWrites) {
        return this.rules == rules && this.allowFullTableWrites == allowFullTableWrites;
    }

    ShardGroup group() {
        return group;
    }

    boolean broadcastWrite() {
        return broadcastWrite;
    }

    Expression where() {
        return where;
    }

    /** The node a statement's values pin when the shape has a point route; null to route it the general way. */
    DataNode pointFor(List<Object> values) {
        return point == null ? null : point.nodeFor(values);
    }

    /** Each node's actual tables for the group's tables. */
    List<Placement.NodeTables> tablesOn(List<DataNode> reached) {
        return reached.stream().map(node -> on(node).tables).toList();
    }

    /** The statement's text with the node's actual tables in it. */
    String textOn(DataNode node, Tokens tokens) {
        return on(node).text(tokens);
    }

    private NodeRoute on(DataNode node) {
        NodeRoute known = nodes.get(node);
        if (known != null) {
            return known;
        }
        Map<String, String> actual = new LinkedHashMap<>();
        group.actualTables(node.dataSource(), group.position(node), rules, actual);
        NodeRoute created = new NodeRoute(new Placement.NodeTables(node.dataSource(), actual),
                rules.name().toLowerCase(Locale.ROOT), rules.actualDatabase(node.dataSource()));
        NodeRoute raced = nodes.putIfAbsent(node, created);
        return raced != null ? raced : created;
    }

    /** One node of the shape, with what renaming for it does to the shape's text once it has been seen. */
    private static final class NodeRoute {
        private final Placement.NodeTables tables;
        private final String schema;
        private final String actualDatabase;
        /** Set once a statement of the shape came out of renaming unchanged; a race only renames once more. */
        private volatile boolean unchanged;

        NodeRoute(Placement.NodeTables tables, String schema, String actualDatabase) {
            this.tables = tables;
            this.schema = schema;
            this.actualDatabase = actualDatabase;
        }

        String text(Tokens tokens) {
            String sql = tokens.source();
            if (unchanged) {
                return sql;
            }
            String renamed = TableRenamer.rename(tokens, tables.actualByLogical(), schema, actualDatabase);
            if (renamed.equals(sql)) {
                unchanged = true;
                return sql;
            }
            return renamed;
        }
    }
}
