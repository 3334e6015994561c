package io.shardline.router.plan;

import io.shardline.router.parse.QueryBlock;
import io.shardline.router.parse.QueryBlock.ColumnEquality;
import io.shardline.router.parse.QueryBlock.Kind;
import io.shardline.router.parse.QueryBlocks;
import io.shardline.router.rule.SchemaRules;
import io.shardline.router.rule.TableRule;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Subqueries whose rows live on the node of the row they are asked about: a subquery on a sharded table whose
 * WHERE equates (ANDed at its top) every sharding column of that table with the same column of a table of a
 * block around it, the same table or one bound to it: {@code EXISTS (SELECT 1 FROM t_order_item i WHERE
 * i.order_id = o.order_id AND i.user_id = o.user_id)}. Bound tables place equal sharding values on the same node,
 * so for each outer row the subquery's matching rows are all on the outer row's node, and the subquery gives the
 * same answer there as on one server, aggregates, ORDER BY and LIMIT included. The subquery's tables then take the
 * outer table's position on each node.
 *
 * <p>The outer column must be qualified with a name the subquery itself does not define, resolved through the
 * subqueries around it only (a derived table sees no outer column); the subquery's column may go unqualified when
 * its FROM names only that table.
 */
final class Correlations {
    private Correlations() {}

    /**
     * For each block, the index of the block around it that it follows to its node, or -1: blocks without
     * sharded tables, and blocks their own conditions must route (anchors).
     */
    static int[] of(QueryBlocks query, ShardGroup[] groups, SchemaRules rules) {
        List<QueryBlock> blocks = query.blocks();
        int[] result = new int[blocks.size()];
        Arrays.fill(result, -1);
        for (int i = 0; i < blocks.size(); i++) {
            if (groups[i] != null && blocks.get(i).kind() == Kind.SUBQUERY) {
                result[i] = outerBlock(query, i, groups, rules);
            }
        }
        return result;
    }

    /** The block around {@code inner} holding a table it is correlated with on every sharding column, or -1. */
    private static int outerBlock(QueryBlocks query, int inner, ShardGroup[] groups, SchemaRules rules) {
        QueryBlock block = query.blocks().get(inner);
        for (Map.Entry<String, String> table : block.tables().byQualifier().entrySet()) {
            TableRule rule = rules.table(table.getValue());
            if (rule == null) {
                continue;
            }
            for (Map.Entry<String, Set<String>> outer : equatedColumns(block, table.getKey()).entrySet()) {
                if (!outer.getValue().containsAll(rule.shardingColumns())) {
                    continue;
                }
                int defining = query.definingBlock(inner, outer.getKey());
                if (defining < 0 || defining == inner || groups[defining] == null) {
                    continue;
                }
                String outerTable = query.blocks().get(defining).tables().byQualifier().get(outer.getKey());
                if (outerTable != null && rules.table(outerTable) != null
                        && (outerTable.equals(table.getValue())
                        || rules.bindingGroupOf(table.getValue()).contains(outerTable))
                        && rules.table(outerTable).shardingColumns().equals(rule.shardingColumns())) {
                    return defining;
                }
            }
        }
        return -1;
    }

    /**
     * For the table with {@code qualifier} in {@code block}: per qualifier of another table, the columns {@code c}
     * for which the block's WHERE says {@code qualifier.c = other.c}.
     */
    private static Map<String, Set<String>> equatedColumns(QueryBlock block, String qualifier) {
        Map<String, Set<String>> result = new HashMap<>();
        boolean onlyTable = block.qualifiers().size() == 1;
        for (ColumnEquality each : block.equalities()) {
            if (!each.leftColumn().equals(each.rightColumn())) {
                continue;
            }
            if (isOf(each.leftQualifier(), qualifier, onlyTable) && each.rightQualifier() != null) {
                result.computeIfAbsent(each.rightQualifier(), k -> new HashSet<>()).add(each.leftColumn());
            }
            if (isOf(each.rightQualifier(), qualifier, onlyTable) && each.leftQualifier() != null) {
                result.computeIfAbsent(each.leftQualifier(), k -> new HashSet<>()).add(each.rightColumn());
            }
        }
        return result;
    }

    private static boolean isOf(String columnQualifier, String tableQualifier, boolean onlyTable) {
        return columnQualifier == null ? onlyTable : columnQualifier.equals(tableQualifier);
    }
}
