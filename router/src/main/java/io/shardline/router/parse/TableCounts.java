package io.shardline.router.parse;

import io.shardline.router.sql.Identifiers;
import java.util.HashMap;
import java.util.Map;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;

/**
 * How many times a statement names each table, anywhere in it (lower case, without schema): counted over
 * {@link TableOccurrences}, which walks every corner of the tree, so this is the check that the planner's own
 * reading ({@link TableNames}, {@link QueryBlocks}) saw every occurrence of a sharded table. References to WITH
 * queries are counted too (one looks like a table).
 */
public final class TableCounts {
    private TableCounts() {}

    public static Map<String, Integer> of(Statement statement) {
        Map<String, Integer> result = new HashMap<>();
        for (Table each : TableOccurrences.of(statement).tables()) {
            result.merge(Identifiers.lastPart(each.getFullyQualifiedName()), 1, Integer::sum);
        }
        return Map.copyOf(result);
    }
}
