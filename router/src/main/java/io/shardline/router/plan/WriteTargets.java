package io.shardline.router.plan;

import io.shardline.router.parse.TableNames;
import io.shardline.router.sql.Identifiers;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;

/**
 * The tables an UPDATE or DELETE changes, as logical names: an UPDATE's SET columns by their qualifier (an alias
 * or a table's name; unqualified in a statement over one table, that table), a DELETE's target list
 * ({@code DELETE d FROM t_order o JOIN t_dict d ...}) or else its one table. A SET column whose table cannot be
 * told (unqualified in a join: only the schema knows which table has it) is listed apart, as possibly any table's.
 *
 * @param tables the tables known to change
 * @param unresolvedColumns SET columns (lower case) that may belong to any table of the statement
 */
record WriteTargets(Set<String> tables, List<String> unresolvedColumns) {
    WriteTargets {
        tables = Set.copyOf(tables);
        unresolvedColumns = List.copyOf(unresolvedColumns);
    }

    /** Empty for a statement that is neither an UPDATE nor a DELETE. */
    static WriteTargets of(Statement statement, TableNames names) {
        Set<String> tables = new LinkedHashSet<>();
        List<String> unresolved = new ArrayList<>();
        if (statement instanceof Update update) {
            for (UpdateSet set : update.getUpdateSets()) {
                for (Column column : set.getColumns()) {
                    String table = tableOf(column, names);
                    if (table == null) {
                        unresolved.add(Identifiers.plain(column.getColumnName()));
                    } else {
                        tables.add(table);
                    }
                }
            }
        } else if (statement instanceof Delete delete) {
            if (delete.getTables() == null || delete.getTables().isEmpty()) {
                tables.add(Identifiers.plain(delete.getTable().getName()));
            } else {
                for (Table each : delete.getTables()) {
                    String qualifier = Identifiers.plain(each.getName());
                    tables.add(names.byQualifier().getOrDefault(qualifier, qualifier));
                }
            }
        }
        return new WriteTargets(tables, unresolved);
    }

    /**
     * The logical table a column belongs to: its qualifier's table, or the statement's only table when it has
     * none; null when that cannot be told (unqualified over several tables, or a qualifier naming no table).
     */
    static String tableOf(Column column, TableNames names) {
        Table qualifier = column.getTable();
        if (qualifier == null || qualifier.getName() == null) {
            return names.onlyTable();
        }
        String table = names.byQualifier().get(Identifiers.plain(qualifier.getName()));
        return table == null ? null : table.toLowerCase(Locale.ROOT);
    }
}
