package io.shardline.proxy.plan;

import io.shardline.router.algorithm.ShardingException;
import io.shardline.router.merge.Aggregate;
import io.shardline.router.merge.Condition;
import io.shardline.router.merge.MergePlan;
import io.shardline.router.merge.Slot;
import io.shardline.router.merge.SortKey;
import io.shardline.router.plan.ColumnsNeeded;
import io.shardline.router.plan.NodeStatement;
import io.shardline.router.plan.ShardPlan;
import io.shardline.router.plan.UnparsableStatement;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A plan as the case files write it, one line per node statement ({@code ds_1: SELECT ...}, a broadcast copy as
 * {@code ds_1 (copy): ...}), then the merge plan, if any, on one line; or the refusal. Columns of the shards' rows
 * are {@code #1, #2...} (the client's, numbered as in ORDER BY 1) and {@code h1, h2...} (hidden: those Shardline
 * appends after them).
 */
final class PlanText {
    private PlanText() {}

    static List<String> of(ShardPlan plan) {
        List<String> result = new ArrayList<>();
        for (NodeStatement each : plan.statements()) {
            result.add(each.dataSource() + (each.copy() ? " (copy)" : "") + ": " + escaped(each.sql()));
        }
        if (plan.merge() != null) {
            result.add("merge: " + merge(plan.merge()));
        }
        return result;
    }

    /** The line a refusal is written as: its kind, MySQL's error code when it is not 1235, and the message. */
    static String of(ShardingException refusal) {
        if (refusal instanceof ColumnsNeeded needed) {
            return "columns needed: " + needed.table();
        }
        if (refusal instanceof UnparsableStatement) {
            return "unparsable: " + refusal.getMessage();
        }
        String code = refusal.errorCode() == ShardingException.NOT_SUPPORTED_YET ? "" : " " + refusal.errorCode();
        return "refused" + code + ": " + refusal.getMessage();
    }

    /** Line breaks written as {@code \n}, so that a statement stays on one line. */
    private static String escaped(String sql) {
        return sql.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
    }

    /**
     * {@code hidden 2; group by #1; count #2; avg #3 / h1; count h1; having #2 > 1; distinct; order by h2 desc;
     * limit 10 offset 5; streamed by #1}: the parts a plan has, in the merge's order of steps, then the order the
     * shards sort their rows in when the grouping streams.
     */
    static String merge(MergePlan plan) {
        List<String> parts = new ArrayList<>();
        if (plan.hiddenColumns() > 0) {
            parts.add("hidden " + plan.hiddenColumns());
        }
        if (plan.grouped()) {
            parts.add(plan.groupKeys().isEmpty() ? "one group" : "group by " + slots(plan.groupKeys()));
        }
        List<Map.Entry<Slot, Aggregate>> aggregates = new ArrayList<>(plan.aggregates().entrySet());
        aggregates.sort(Comparator.comparing((Map.Entry<Slot, Aggregate> each) -> each.getKey().hidden())
                .thenComparing(each -> each.getKey().index()));
        for (Map.Entry<Slot, Aggregate> each : aggregates) {
            parts.add(aggregate(plan, each.getKey(), each.getValue()));
        }
        if (plan.having() != null) {
            parts.add("having " + condition(plan.having(), 0));
        }
        if (plan.distinct()) {
            parts.add("distinct");
        }
        if (!plan.order().isEmpty()) {
            parts.add("order by " + keys(plan.order()));
        }
        if (plan.limit() >= 0) {
            parts.add("limit " + plan.limit() + (plan.offset() > 0 ? " offset " + plan.offset() : ""));
        } else if (plan.offset() > 0) {
            parts.add("offset " + plan.offset());
        }
        if (!plan.streamOrder().isEmpty()) {
            parts.add("streamed by " + keys(plan.streamOrder()));
        }
        return parts.isEmpty() ? "as they come" : String.join("; ", parts);
    }

    private static String keys(List<SortKey> keys) {
        List<String> result = new ArrayList<>();
        for (SortKey each : keys) {
            result.add(slot(each.slot()) + (each.descending() ? " desc" : ""));
        }
        return String.join(", ", result);
    }

    private static String aggregate(MergePlan plan, Slot slot, Aggregate kind) {
        return switch (kind) {
            case AVG -> "avg " + slot(slot) + " / " + slot(plan.averageCounts().get(slot));
            case COUNT_DISTINCT -> "count distinct " + slot(slot) + " of " + slot(plan.distinctValues().get(slot));
            default -> kind.name().toLowerCase(Locale.ROOT) + " " + slot(slot);
        };
    }

    private static String slots(List<Slot> slots) {
        List<String> result = new ArrayList<>();
        slots.forEach(each -> result.add(slot(each)));
        return String.join(", ", result);
    }

    private static String slot(Slot slot) {
        if (slot == null) {
            return "?";
        }
        return (slot.hidden() ? "h" : "#") + (slot.index() + 1);
    }

    /** With parentheses only where SQL's precedence (NOT over AND over OR) needs them. */
    private static String condition(Condition condition, int outerPrecedence) {
        String text;
        int precedence;
        if (condition instanceof Condition.Or or) {
            precedence = 1;
            text = condition(or.left(), 1) + " or " + condition(or.right(), 2);
        } else if (condition instanceof Condition.And and) {
            precedence = 2;
            text = condition(and.left(), 2) + " and " + condition(and.right(), 3);
        } else if (condition instanceof Condition.Not not) {
            precedence = 3;
            text = "not " + condition(not.operand(), 3);
        } else if (condition instanceof Condition.IsNull isNull) {
            precedence = 4;
            text = operand(isNull.operand()) + (isNull.negated() ? " is not null" : " is null");
        } else {
            Condition.Compare compare = (Condition.Compare) condition;
            precedence = 4;
            text = operand(compare.left()) + " " + operator(compare.comparison()) + " " + operand(compare.right());
        }
        return precedence < outerPrecedence ? "(" + text + ")" : text;
    }

    private static String operator(Condition.Comparison comparison) {
        return switch (comparison) {
            case EQUAL -> "=";
            case NOT_EQUAL -> "<>";
            case LESS -> "<";
            case LESS_OR_EQUAL -> "<=";
            case GREATER -> ">";
            case GREATER_OR_EQUAL -> ">=";
            case NULL_SAFE_EQUAL -> "<=>";
        };
    }

    private static String operand(Condition.Operand operand) {
        if (operand instanceof Condition.Column column) {
            return slot(column.slot());
        }
        Object value = ((Condition.Literal) operand).value();
        if (value == null) {
            return "NULL";
        }
        return value instanceof BigDecimal number ? number.toPlainString()
                : "'" + value.toString().replace("'", "''") + "'";
    }
}
