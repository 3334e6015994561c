package io.shardline.router.parse;

import io.shardline.router.sql.Identifiers;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.util.TablesNamesFinder;

/**
 * How many times a statement names each table, anywhere in it (lower case, without schema): JSqlParser's
 * TablesNamesFinder walks every corner of the tree, so this is the check that the planner's own reading
 * ({@link TableNames}, {@link QueryBlocks}) saw every occurrence of a sharded table. WITH query names may be
 * counted too (a reference to one looks like a table).
 */
public final class TableCounts {
    private TableCounts() {}

    public static Map<String, Integer> of(Statement statement) {
        Map<String, Integer> result = new HashMap<>();
        // The finder may pass a table twice (a WITH clause is walked from the statement and from its SELECT):
        // each occurrence is one object of the tree, counted once.
        Set<Table> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        new TablesNamesFinder<Void>() {
            @Override
            protected String extractTableName(Table table) {
                if (seen.add(table)) {
                    result.merge(Identifiers.lastPart(table.getFullyQualifiedName()), 1, Integer::sum);
                }
                return super.extractTableName(table);
            }
        }.getTables(statement);
        return Map.copyOf(result);
    }
}
