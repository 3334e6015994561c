package io.shardline.router.parse;

import io.shardline.router.algorithm.ValueRange;
import io.shardline.router.route.ColumnConstraint;
import io.shardline.router.route.ColumnRef;
import io.shardline.router.route.ShardConditions;
import io.shardline.router.sql.Identifiers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.sf.jsqlparser.expression.DateUnitExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.ComparisonOperator;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.GreaterThan;
import net.sf.jsqlparser.expression.operators.relational.GreaterThanEquals;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.MinorThan;
import net.sf.jsqlparser.expression.operators.relational.MinorThanEquals;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;

/**
 * Reads a WHERE clause into {@link ShardConditions}: {@code =}, {@code IN}, {@code BETWEEN}, {@code <},
 * {@code <=}, {@code >}, {@code >=} between a column and a value, combined with AND, OR and parentheses. Values
 * are the statement's parameters ({@code ?}, numbered in order: a statement shape's literals and a prepared
 * statement's own parameters alike) or plain literals. Anything else ({@code NOT}, {@code <>}, functions, column
 * against column, subqueries) constrains nothing, which only widens the route.
 */
public final class ConditionExtractor {
    private static final Object UNKNOWN = ValueReader.UNKNOWN;

    private final TableNames tables;
    private final ValueReader reader;

    /** @param parameters the value of each {@code ?}, in order */
    public ConditionExtractor(TableNames tables, List<Object> parameters) {
        this.tables = tables;
        this.reader = new ValueReader(parameters);
    }

    public ShardConditions extract(Expression where) {
        if (where == null) {
            return ShardConditions.NONE;
        }
        if (where instanceof AndExpression and) {
            return extract(and.getLeftExpression()).and(extract(and.getRightExpression()));
        }
        if (where instanceof OrExpression or) {
            return extract(or.getLeftExpression()).or(extract(or.getRightExpression()));
        }
        if (where instanceof ParenthesedExpressionList<?> list && list.size() == 1) {
            return extract((Expression) list.get(0));
        }
        if (where instanceof InExpression in && !in.isNot()
                && in.getRightExpression() instanceof ParenthesedExpressionList<?> list) {
            return in(columnOf(in.getLeftExpression()), list);
        }
        if (where instanceof Between between && !between.isNot()) {
            return between(columnOf(between.getLeftExpression()), between);
        }
        if (where instanceof ComparisonOperator comparison) {
            return comparison(comparison);
        }
        return ShardConditions.NONE;
    }

    private ShardConditions in(Column column, ParenthesedExpressionList<?> list) {
        if (column == null) {
            return ShardConditions.NONE;
        }
        List<Object> values = new ArrayList<>();
        for (Object each : list) {
            Object value = reader.value((Expression) each);
            if (value == UNKNOWN) {
                return ShardConditions.NONE;
            }
            values.add(value);
        }
        return constraint(column, new ColumnConstraint.OneOf(values));
    }

    private ShardConditions between(Column column, Between between) {
        Object low = reader.value(between.getBetweenExpressionStart());
        Object high = reader.value(between.getBetweenExpressionEnd());
        if (column == null || low == UNKNOWN || high == UNKNOWN || low == null || high == null) {
            return ShardConditions.NONE;
        }
        return constraint(column, new ColumnConstraint.Within(ValueRange.between(low, high)));
    }

    private ShardConditions comparison(ComparisonOperator comparison) {
        Expression left = comparison.getLeftExpression();
        Expression right = comparison.getRightExpression();
        boolean columnLeft = columnOf(left) != null;
        Column column = columnLeft ? columnOf(left) : columnOf(right);
        Object value = column == null ? UNKNOWN : reader.value(columnLeft ? right : left);
        if (column == null || value == UNKNOWN) {
            return ShardConditions.NONE;
        }
        if (comparison instanceof EqualsTo) {
            List<Object> one = new ArrayList<>(1);
            one.add(value);
            return constraint(column, new ColumnConstraint.OneOf(one));
        }
        if (value == null) {
            return ShardConditions.NONE;
        }
        // value < col is col > value: flip the operator when the column is on the right.
        boolean greater = comparison instanceof GreaterThan || comparison instanceof GreaterThanEquals;
        boolean inclusive = comparison instanceof GreaterThanEquals || comparison instanceof MinorThanEquals;
        if (!greater && !(comparison instanceof MinorThan || comparison instanceof MinorThanEquals)) {
            return ShardConditions.NONE; // <>, <=>, ...
        }
        boolean lowerBound = greater == columnLeft;
        ValueRange range = lowerBound ? ValueRange.atLeast(value, inclusive) : ValueRange.atMost(value, inclusive);
        return constraint(column, new ColumnConstraint.Within(range));
    }

    /**
     * The column an operand names, or null. JSqlParser reads an unquoted, unqualified column named like a date
     * unit ({@code day}, {@code month}, {@code year}...) as a {@link DateUnitExpression}; in a condition's operand
     * a unit alone can only be that column.
     */
    private static Column columnOf(Expression operand) {
        if (operand instanceof Column column) {
            return column;
        }
        if (operand instanceof DateUnitExpression unit) {
            return new Column(unit.getType().name().toLowerCase(Locale.ROOT));
        }
        return null;
    }

    private ShardConditions constraint(Column column, ColumnConstraint constraint) {
        String qualifier = column.getTable() == null || column.getTable().getName() == null ? null
                : Identifiers.plain(column.getTable().getName());
        String table = qualifier == null ? tables.onlyTable() : tables.byQualifier().get(qualifier);
        return ShardConditions.of(new ColumnRef(table, Identifiers.plain(column.getColumnName())), constraint);
    }

}
