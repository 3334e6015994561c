package io.shardline.router.parse;

import io.shardline.router.parse.QueryBlock.ColumnEquality;
import io.shardline.router.parse.QueryBlock.Kind;
import io.shardline.router.sql.Identifiers;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.sf.jsqlparser.expression.AnyComparisonExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.Parenthesis;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;

/**
 * The query blocks of a SELECT, UPDATE or DELETE, found by walking JSqlParser's tree once per statement shape:
 * the statement's own block, the SELECTs of a UNION, subqueries in expressions (WHERE, the select list, HAVING,
 * ON, SET ...), derived tables, WITH queries, at any depth. Each block lists its tables by qualifier, so that the
 * planner can route every occurrence of a sharded table by the conditions of its own block. Blocks come in the
 * order they are met, a block before the blocks nested in it (and a WITH query's body before the block it is
 * attached to).
 *
 * <p>A construct this walk does not know (a table function, {@code TABLE t}) yields no block; the planner compares
 * what was found with every table the statement names ({@link TableCounts}) and refuses when a sharded table was
 * missed. Names: WITH queries in scope are not tables; {@code DUAL} is no table.
 */
public final class QueryBlocks {
    public static final QueryBlocks NONE = new QueryBlocks(List.of(), Set.of());

    private final List<QueryBlock> blocks;
    private final Set<String> queryNames;

    private QueryBlocks(List<QueryBlock> blocks, Set<String> queryNames) {
        this.blocks = List.copyOf(blocks);
        this.queryNames = Set.copyOf(queryNames);
    }

    /** The blocks of a SELECT, UPDATE or DELETE; {@link #NONE} for other statements. */
    public static QueryBlocks of(Statement statement) {
        if (!(statement instanceof Select || statement instanceof Update || statement instanceof Delete)) {
            return NONE;
        }
        Walker walker = new Walker();
        walker.statement(statement);
        return new QueryBlocks(walker.blocks, walker.queryNames);
    }

    public List<QueryBlock> blocks() {
        return blocks;
    }

    /** The index of the statement's own SELECT, UPDATE or DELETE block, or -1 for a UNION or parenthesized SELECT. */
    public int main() {
        for (int i = 0; i < blocks.size(); i++) {
            if (blocks.get(i).kind() == Kind.MAIN) {
                return i;
            }
        }
        return -1;
    }

    /** The names of WITH queries and derived tables (lower case): names that stand for rows, not for tables. */
    public Set<String> queryNames() {
        return queryNames;
    }

    /**
     * The block whose FROM defines {@code qualifier} for a column written in block {@code from}: that block
     * itself, else the blocks around it, looking out only through subqueries (a derived table or a WITH query
     * cannot see the query around it); -1 when none does.
     */
    public int definingBlock(int from, String qualifier) {
        int current = from;
        while (true) {
            QueryBlock block = blocks.get(current);
            if (block.qualifiers().contains(qualifier)) {
                return current;
            }
            if (block.kind() != Kind.SUBQUERY || block.parent() < 0) {
                return -1;
            }
            current = block.parent();
        }
    }

    /** Walks one statement; not thread-safe, used once. */
    private static final class Walker {
        private final List<QueryBlock> blocks = new ArrayList<>();
        private final Set<String> queryNames = new HashSet<>();
        /** The names of the WITH queries in scope, innermost last. */
        private final Deque<Set<String>> withScopes = new ArrayDeque<>();

        void statement(Statement statement) {
            if (statement instanceof Select select) {
                select(select, -1, Kind.MAIN, false);
            } else if (statement instanceof Update update) {
                boolean scoped = with(update.getWithItemsList(), -1);
                Block block = new Block(-1, Kind.MAIN, false, update);
                block.from(update.getTable());
                block.joins(update.getStartJoins());
                block.from(update.getFromItem());
                block.joins(update.getJoins());
                for (UpdateSet each : update.getUpdateSets()) {
                    block.expressions(each.getValues());
                }
                block.expression(update.getWhere());
                block.orderBy(update.getOrderByElements());
                block.finish(update.getWhere());
                endScope(scoped);
            } else if (statement instanceof Delete delete) {
                boolean scoped = with(delete.getWithItemsList(), -1);
                Block block = new Block(-1, Kind.MAIN, false, delete);
                block.from(delete.getTable());
                block.joins(delete.getJoins());
                block.expression(delete.getWhere());
                block.orderBy(delete.getOrderByElements());
                block.finish(delete.getWhere());
                endScope(scoped);
            }
        }

        /**
         * A SELECT of any form standing as {@code kind} in block {@code parent}: a plain SELECT is a block; a
         * UNION's SELECTs and a parenthesized SELECT's inner one are blocks of the same standing.
         */
        void select(Select select, int parent, Kind kind, boolean setOperand) {
            boolean scoped = with(select.getWithItemsList(), parent);
            Kind inner = kind == Kind.MAIN ? Kind.STATEMENT_PART : kind;
            if (select instanceof PlainSelect plain) {
                plainSelect(plain, parent, kind, setOperand);
            } else if (select instanceof ParenthesedSelect parenthesed) {
                select(parenthesed.getSelect(), parent, inner, setOperand);
                expressionsOf(parent, parenthesed.getOrderByElements());
            } else if (select instanceof SetOperationList list) {
                for (Select each : list.getSelects()) {
                    select(each, parent, inner, true);
                }
                expressionsOf(parent, list.getOrderByElements());
            } else if (select instanceof Values values && parent >= 0) {
                subqueries(values.getExpressions(), parent);
            }
            endScope(scoped);
        }

        private void plainSelect(PlainSelect select, int parent, Kind kind, boolean setOperand) {
            Block block = new Block(parent, kind, setOperand, select);
            block.from(select.getFromItem());
            block.joins(select.getJoins());
            for (SelectItem<?> each : select.getSelectItems()) {
                block.expression(each.getExpression());
            }
            block.expression(select.getWhere());
            if (select.getGroupBy() != null) {
                block.expressions(select.getGroupBy().getGroupByExpressionList());
            }
            block.expression(select.getHaving());
            block.expression(select.getQualify());
            block.orderBy(select.getOrderByElements());
            block.finish(select.getWhere());
        }

        /** Visits the bodies of WITH queries; their names are in scope (from the first body on, for RECURSIVE). */
        private boolean with(List<WithItem<?>> items, int parent) {
            if (items == null || items.isEmpty()) {
                return false;
            }
            Set<String> names = new HashSet<>();
            for (WithItem<?> each : items) {
                names.add(Identifiers.plain(each.getAliasName()));
            }
            queryNames.addAll(names);
            withScopes.addLast(names);
            for (WithItem<?> each : items) {
                if (each.getSelect() != null) {
                    select(each.getSelect(), parent, Kind.WITH_QUERY, false);
                }
            }
            return true;
        }

        private void endScope(boolean scoped) {
            if (scoped) {
                withScopes.removeLast();
            }
        }

        private boolean isWithQuery(Table table) {
            if (table.getSchemaName() != null) {
                return false;
            }
            String name = Identifiers.plain(table.getName());
            for (Set<String> each : withScopes) {
                if (each.contains(name)) {
                    return true;
                }
            }
            return false;
        }

        private void expressionsOf(int block, List<OrderByElement> orderBy) {
            if (orderBy != null) {
                for (OrderByElement each : orderBy) {
                    subqueries(List.of(each.getExpression()), block);
                }
            }
        }

        /** The subqueries in {@code expressions}, as blocks nested in {@code block}. */
        private void subqueries(Collection<?> expressions, int block) {
            if (expressions == null) {
                return;
            }
            SubqueryFinder finder = new SubqueryFinder();
            for (Object each : expressions) {
                if (each instanceof Expression expression) {
                    expression.accept(finder, null);
                }
            }
            for (Select each : finder.found) {
                select(each, block, Kind.SUBQUERY, false);
            }
        }

        /** A block being read: its index is taken first, so the blocks nested in it come after it. */
        private final class Block {
            private final int index;
            private final int parent;
            private final Kind kind;
            private final boolean setOperand;
            private final Statement body;
            private final Map<String, String> tables = new LinkedHashMap<>();
            private final Set<String> qualifiers = new HashSet<>();

            Block(int parent, Kind kind, boolean setOperand, Statement body) {
                this.index = blocks.size();
                this.parent = parent;
                this.kind = kind;
                this.setOperand = setOperand;
                this.body = body;
                blocks.add(null);
            }

            void from(FromItem item) {
                if (item instanceof Table table) {
                    String name = Identifiers.plain(table.getName());
                    String qualifier = table.getAlias() != null ? Identifiers.plain(table.getAlias().getName()) : name;
                    if (isWithQuery(table)) {
                        qualifiers.add(qualifier);
                    } else if (!(name.equals("dual") && table.getSchemaName() == null)) {
                        tables.put(qualifier, name);
                        qualifiers.add(qualifier);
                    }
                } else if (item instanceof ParenthesedSelect derived) {
                    if (derived.getAlias() != null) {
                        String alias = Identifiers.plain(derived.getAlias().getName());
                        qualifiers.add(alias);
                        queryNames.add(alias);
                    }
                    select(derived, index, Kind.DERIVED_TABLE, false);
                } else if (item instanceof ParenthesedFromItem parenthesed) {
                    from(parenthesed.getFromItem());
                    joins(parenthesed.getJoins());
                }
            }

            void joins(List<Join> joins) {
                if (joins != null) {
                    for (Join each : joins) {
                        from(each.getFromItem());
                        expressions(each.getOnExpressions());
                    }
                }
            }

            void expression(Expression expression) {
                if (expression != null) {
                    subqueries(List.of(expression), index);
                }
            }

            void expressions(Collection<?> expressions) {
                subqueries(expressions, index);
            }

            void orderBy(List<OrderByElement> orderBy) {
                expressionsOf(index, orderBy);
            }

            void finish(Expression where) {
                List<ColumnEquality> equalities = new ArrayList<>();
                collectEqualities(where, equalities);
                blocks.set(index, new QueryBlock(parent, kind, setOperand, body, new TableNames(tables), qualifiers,
                        equalities));
            }
        }
    }

    /** Column = column comparisons among the AND-joined conditions of {@code expression}. */
    private static void collectEqualities(Expression expression, List<ColumnEquality> into) {
        if (expression instanceof AndExpression and) {
            collectEqualities(and.getLeftExpression(), into);
            collectEqualities(and.getRightExpression(), into);
        } else if (expression instanceof ParenthesedExpressionList<?> list && list.size() == 1) {
            collectEqualities((Expression) list.get(0), into);
        } else if (expression instanceof Parenthesis parenthesis) {
            collectEqualities(parenthesis.getExpression(), into);
        } else if (expression instanceof EqualsTo equals && equals.getLeftExpression() instanceof Column left
                && equals.getRightExpression() instanceof Column right) {
            into.add(new ColumnEquality(qualifier(left), Identifiers.plain(left.getColumnName()), qualifier(right),
                    Identifiers.plain(right.getColumnName())));
        }
    }

    private static String qualifier(Column column) {
        return column.getTable() == null || column.getTable().getName() == null ? null
                : Identifiers.plain(column.getTable().getName());
    }

    /**
     * The outermost subqueries of an expression: JSqlParser's adapter walks every kind of expression, and a
     * query it meets is kept here instead of entered (the walker reads it as a block of its own).
     */
    private static final class SubqueryFinder extends ExpressionVisitorAdapter<Void> {
        private final List<Select> found = new ArrayList<>();

        @Override
        public <S> Void visit(Select select, S context) {
            found.add(select);
            return null;
        }

        @Override
        public <S> Void visit(AnyComparisonExpression any, S context) {
            found.add(any.getSelect()); // the adapter does not enter = ANY (SELECT ...)
            return null;
        }
    }
}
