package io.shardline.router.parse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.shardline.router.sql.Identifiers;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.update.Update;

/**
 * The tables of a SELECT, UPDATE or DELETE that routing looks at (FROM, JOIN, the target of UPDATE/DELETE), by the
 * name a column may be qualified with: the alias when there is one, else the table's own name; values are the
 * logical table names, lower case and unquoted. Subqueries and derived tables are not listed. Immutable.
 */
public final class TableNames {
    private final Map<String, String> byQualifier;
    /** Worked out once: routing asks for them on every statement. */
    private final List<String> tables;

    public TableNames(Map<String, String> byQualifier) {
        this.byQualifier = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byQualifier));
        this.tables = this.byQualifier.values().stream().distinct().toList();
    }

    public Map<String, String> byQualifier() {
        return byQualifier;
    }

    /** The logical tables, in order of appearance, without repeats. */
    public List<String> tables() {
        return tables;
    }

    public static TableNames of(Statement statement) {
        Map<String, String> result = new LinkedHashMap<>();
        if (statement instanceof PlainSelect select) {
            add(result, select.getFromItem());
            joins(result, select.getJoins());
        } else if (statement instanceof Update update) {
            add(result, update.getTable());
            joins(result, update.getStartJoins());
            joins(result, update.getJoins());
        } else if (statement instanceof Delete delete) {
            add(result, delete.getTable());
            joins(result, delete.getJoins());
        }
        return new TableNames(result);
    }

    private static void joins(Map<String, String> result, List<Join> joins) {
        if (joins != null) {
            for (Join each : joins) {
                add(result, each.getFromItem());
            }
        }
    }

    private static void add(Map<String, String> result, FromItem item) {
        if (item instanceof Table table && table.getName() != null) {
            String name = Identifiers.plain(table.getName());
            String qualifier = item.getAlias() != null ? Identifiers.plain(item.getAlias().getName()) : name;
            result.put(qualifier, name);
        }
    }

    /** The one table when the statement names exactly one, else null. */
    public String onlyTable() {
        return byQualifier.size() == 1 ? tables.get(0) : null;
    }
}
