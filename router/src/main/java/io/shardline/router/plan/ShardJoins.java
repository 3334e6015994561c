package io.shardline.router.plan;

import io.shardline.router.algorithm.ShardingException;
import io.shardline.router.parse.TableNames;
import io.shardline.router.rule.SchemaRules;
import io.shardline.router.sql.Identifiers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.update.Update;

/**
 * Joins of sharded tables (bound tables, or a table with itself) give every matching pair only when the pairs
 * live on the same shard: when the join equates all their sharding columns ({@code o.user_id = i.user_id AND
 * o.order_id = i.order_id}), in ON or in WHERE, joined by AND. Anything else is refused: each shard would join only
 * its own rows and pairs across shards would be missed.
 */
final class ShardJoins {
    private ShardJoins() {}

    static void check(Statement statement, TableNames names, SchemaRules rules) {
        List<String> sharded = new ArrayList<>();
        names.byQualifier().forEach((qualifier, table) -> {
            if (rules.table(table) != null) {
                sharded.add(qualifier);
            }
        });
        if (sharded.size() < 2) {
            return;
        }
        Set<String> equalities = new HashSet<>();
        for (Expression each : conditions(statement)) {
            collect(each, equalities);
        }
        Map<String, String> parent = new HashMap<>();
        for (String each : sharded) {
            parent.put(each, each);
        }
        for (int i = 0; i < sharded.size(); i++) {
            for (int j = i + 1; j < sharded.size(); j++) {
                if (colocated(sharded.get(i), sharded.get(j), names, rules, equalities)) {
                    parent.put(root(parent, sharded.get(j)), root(parent, sharded.get(i)));
                }
            }
        }
        String first = root(parent, sharded.get(0));
        for (String each : sharded) {
            if (!root(parent, each).equals(first)) {
                String columns = String.join(", ", rules.table(names.byQualifier().get(each)).shardingColumns());
                throw new ShardingException("sharded tables " + sharded.get(0) + " and " + each + " are joined"
                        + " without equating their sharding columns (" + columns + ") in ON or WHERE: matching rows"
                        + " may live on different shards, and each shard would join only its own");
            }
        }
    }

    private static boolean colocated(String left, String right, TableNames names, SchemaRules rules,
                                     Set<String> equalities) {
        Set<String> leftColumns = rules.table(names.byQualifier().get(left)).shardingColumns();
        Set<String> rightColumns = rules.table(names.byQualifier().get(right)).shardingColumns();
        if (!leftColumns.equals(rightColumns)) {
            return false;
        }
        for (String column : leftColumns) {
            if (!equalities.contains(key(left, column, right, column))) {
                return false;
            }
        }
        return true;
    }

    private static String root(Map<String, String> parent, String node) {
        String result = node;
        while (!parent.get(result).equals(result)) {
            result = parent.get(result);
        }
        return result;
    }

    private static List<Expression> conditions(Statement statement) {
        List<Expression> result = new ArrayList<>();
        List<Join> joins = new ArrayList<>();
        if (statement instanceof PlainSelect select) {
            result.add(select.getWhere());
            if (select.getJoins() != null) {
                joins.addAll(select.getJoins());
            }
        } else if (statement instanceof Update update) {
            result.add(update.getWhere());
            if (update.getStartJoins() != null) {
                joins.addAll(update.getStartJoins());
            }
            if (update.getJoins() != null) {
                joins.addAll(update.getJoins());
            }
        } else if (statement instanceof Delete delete) {
            result.add(delete.getWhere());
            if (delete.getJoins() != null) {
                joins.addAll(delete.getJoins());
            }
        }
        for (Join each : joins) {
            if (each.getOnExpressions() != null) {
                result.addAll(each.getOnExpressions());
            }
        }
        return result;
    }

    /** Equalities of two qualified columns among the AND-joined conditions of {@code expression}. */
    private static void collect(Expression expression, Set<String> into) {
        if (expression instanceof AndExpression and) {
            collect(and.getLeftExpression(), into);
            collect(and.getRightExpression(), into);
        } else if (expression instanceof ParenthesedExpressionList<?> list && list.size() == 1) {
            collect(list.get(0), into);
        } else if (expression instanceof net.sf.jsqlparser.expression.Parenthesis parenthesis) {
            collect(parenthesis.getExpression(), into);
        } else if (expression instanceof EqualsTo equals && equals.getLeftExpression() instanceof Column left
                && equals.getRightExpression() instanceof Column right && left.getTable() != null
                && right.getTable() != null && left.getTable().getName() != null
                && right.getTable().getName() != null) {
            String leftQualifier = Identifiers.plain(left.getTable().getName());
            String rightQualifier = Identifiers.plain(right.getTable().getName());
            String leftColumn = Identifiers.plain(left.getColumnName()).toLowerCase(Locale.ROOT);
            String rightColumn = Identifiers.plain(right.getColumnName()).toLowerCase(Locale.ROOT);
            into.add(key(leftQualifier, leftColumn, rightQualifier, rightColumn));
            into.add(key(rightQualifier, rightColumn, leftQualifier, leftColumn));
        }
    }

    private static String key(String leftQualifier, String leftColumn, String rightQualifier, String rightColumn) {
        return leftQualifier + "." + leftColumn + "=" + rightQualifier + "." + rightColumn;
    }
}
