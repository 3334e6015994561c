package io.shardline.router.merge;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates a HAVING condition on one merged row, in SQL's three-valued logic, comparing as the server would:
 * numbers as numbers when either side is one, strings in the column's collation. Shared by the collecting and the
 * streaming merge. One instance per statement (collators are not thread-safe).
 */
final class HavingFilter {
    private static final Pattern LEADING_NUMBER = Pattern.compile("^\\s*[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");

    private final Condition condition;
    private final List<ColumnInfo> columns;
    private final ColumnOrder[] orders;
    private final int visible;

    /** @param condition the plan's HAVING; null keeps every row */
    HavingFilter(Condition condition, List<ColumnInfo> columns, ColumnOrder[] orders, int visible) {
        this.condition = condition;
        this.columns = List.copyOf(columns);
        this.orders = orders;
        this.visible = visible;
    }

    /** Whether the row (every column, hidden ones included) is kept: its condition is TRUE, not FALSE or unknown. */
    boolean keeps(byte[][] row) {
        return condition == null || Boolean.TRUE.equals(test(condition, row));
    }

    /** TRUE, FALSE, or null for SQL's unknown. */
    private Boolean test(Condition condition, byte[][] row) {
        if (condition instanceof Condition.And and) {
            Boolean left = test(and.left(), row);
            Boolean right = test(and.right(), row);
            return Boolean.FALSE.equals(left) || Boolean.FALSE.equals(right) ? Boolean.FALSE
                    : left == null || right == null ? null : Boolean.TRUE;
        }
        if (condition instanceof Condition.Or or) {
            Boolean left = test(or.left(), row);
            Boolean right = test(or.right(), row);
            return Boolean.TRUE.equals(left) || Boolean.TRUE.equals(right) ? Boolean.TRUE
                    : left == null || right == null ? null : Boolean.FALSE;
        }
        if (condition instanceof Condition.Not not) {
            Boolean operand = test(not.operand(), row);
            return operand == null ? null : !operand;
        }
        if (condition instanceof Condition.IsNull isNull) {
            return (value(isNull.operand(), row) == null) != isNull.negated();
        }
        Condition.Compare compare = (Condition.Compare) condition;
        Object left = value(compare.left(), row);
        Object right = value(compare.right(), row);
        if (left == null || right == null) {
            return compare.comparison() == Condition.Comparison.NULL_SAFE_EQUAL ? left == right : null;
        }
        int order = compareValues(left, right, columnOf(compare.left()), columnOf(compare.right()));
        return switch (compare.comparison()) {
            case EQUAL, NULL_SAFE_EQUAL -> order == 0;
            case NOT_EQUAL -> order != 0;
            case LESS -> order < 0;
            case LESS_OR_EQUAL -> order <= 0;
            case GREATER -> order > 0;
            case GREATER_OR_EQUAL -> order >= 0;
        };
    }

    /** An operand's value: a column's bytes, or the literal (BigDecimal, String); null for NULL. */
    private Object value(Condition.Operand operand, byte[][] row) {
        return operand instanceof Condition.Column column ? row[column.slot().position(visible)]
                : ((Condition.Literal) operand).value();
    }

    private int columnOf(Condition.Operand operand) {
        return operand instanceof Condition.Column column ? column.slot().position(visible) : -1;
    }

    /**
     * Numbers compare as numbers when either side is one (as MySQL converts a string compared with a number);
     * otherwise as strings, in the collation of the column side.
     */
    private int compareValues(Object left, Object right, int leftColumn, int rightColumn) {
        boolean numeric = left instanceof BigDecimal || right instanceof BigDecimal
                || leftColumn >= 0 && isNumber(columns.get(leftColumn))
                || rightColumn >= 0 && isNumber(columns.get(rightColumn));
        if (numeric) {
            return toNumber(left).compareTo(toNumber(right));
        }
        byte[] a = left instanceof byte[] bytes ? bytes : ((String) left).getBytes(StandardCharsets.UTF_8);
        byte[] b = right instanceof byte[] bytes ? bytes : ((String) right).getBytes(StandardCharsets.UTF_8);
        int column = leftColumn >= 0 ? leftColumn : rightColumn;
        return column >= 0 ? orders[column].compare(a, b) : Arrays.compareUnsigned(a, b);
    }

    private static boolean isNumber(ColumnInfo column) {
        return column.kind() == ValueKind.INTEGER || column.kind() == ValueKind.DECIMAL
                || column.kind() == ValueKind.FLOAT;
    }

    /** A value as a number; text that does not start with one counts as 0, as in MySQL. */
    private static BigDecimal toNumber(Object value) {
        if (value instanceof BigDecimal number) {
            return number;
        }
        String text = value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : (String) value;
        Matcher leading = LEADING_NUMBER.matcher(text);
        return leading.find() ? new BigDecimal(leading.group().strip()) : BigDecimal.ZERO;
    }
}
