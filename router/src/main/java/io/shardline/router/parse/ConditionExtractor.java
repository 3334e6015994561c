package io.shardline.router.parse;

import io.shardline.router.algorithm.ValueRange;
import io.shardline.router.route.ColumnConstraint;
import io.shardline.router.route.ColumnRef;
import io.shardline.router.route.ShardConditions;
import io.shardline.router.sql.Identifiers;
import java.util.ArrayList;
import java.util.List;
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
        if (where instanceof InExpression in && !in.isNot() && in.getLeftExpression() instanceof Column column
                && in.getRightExpression() instanceof ParenthesedExpressionList<?> list) {
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
        if (where instanceof Between between && !between.isNot()
                && between.getLeftExpression() instanceof Column column) {
            Object low = reader.value(between.getBetweenExpressionStart());
            Object high = reader.value(between.getBetweenExpressionEnd());
            if (low == UNKNOWN || high == UNKNOWN || low == null || high == null) {
                return ShardConditions.NONE;
            }
            return constraint(column, new ColumnConstraint.Within(ValueRange.between(low, high)));
        }
        if (where instanceof ComparisonOperator comparison) {
            return comparison(comparison);
        }
        return ShardConditions.NONE;
    }

    private ShardConditions comparison(ComparisonOperator comparison) {
        Expression left = comparison.getLeftExpression();
        Expression right = comparison.getRightExpression();
        boolean columnLeft = left instanceof Column;
        Column column = columnLeft ? (Column) left : right instanceof Column c ? c : null;
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

    private ShardConditions constraint(Column column, ColumnConstraint constraint) {
        String qualifier = column.getTable() == null || column.getTable().getName() == null ? null
                : Identifiers.plain(column.getTable().getName());
        String table = qualifier == null ? tables.onlyTable() : tables.byQualifier().get(qualifier);
        return ShardConditions.of(new ColumnRef(table, Identifiers.plain(column.getColumnName())), constraint);
    }

}
