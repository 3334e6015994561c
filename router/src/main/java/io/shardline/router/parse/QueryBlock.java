package io.shardline.router.parse;

import java.util.List;
import java.util.Set;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.update.Update;

/**
 * One query block of a statement: a SELECT with its own FROM and WHERE, or the statement's own UPDATE or DELETE,
 * with where it stands in the statement and what routing needs of it. Found by {@link QueryBlocks}.
 *
 * @param parent the index of the block whose FROM or expressions hold this one, -1 for none
 * @param kind where the block stands
 * @param setOperand whether it is one SELECT of a UNION, EXCEPT or INTERSECT
 * @param body the {@link PlainSelect}, {@link Update} or {@link Delete}
 * @param tables its tables by qualifier; derived tables and references to WITH queries are not tables
 * @param qualifiers every name its FROM gives columns to be qualified with: tables, derived tables, WITH queries
 * @param equalities the column = column comparisons ANDed at the top of its WHERE
 */
public record QueryBlock(int parent, Kind kind, boolean setOperand, Statement body, TableNames tables,
                         Set<String> qualifiers, List<ColumnEquality> equalities) {

    /** Where a block stands, which decides what it can see and how it may be routed. */
    public enum Kind {
        /** The statement's own SELECT, UPDATE or DELETE: its conditions route the statement. */
        MAIN,
        /** A SELECT of a statement that is a UNION (EXCEPT, INTERSECT) or a parenthesized SELECT. */
        STATEMENT_PART,
        /** A subquery in an expression (IN, EXISTS, a scalar subquery): it sees the columns of the blocks around it. */
        SUBQUERY,
        /** A derived table in FROM or JOIN: it sees no column of the query around it. */
        DERIVED_TABLE,
        /** The body of a WITH query. */
        WITH_QUERY
    }

    /**
     * {@code left = right}, both columns; a qualifier is the name the column was qualified with (lower case,
     * unquoted), null when it was not; columns are lower case.
     */
    public record ColumnEquality(String leftQualifier, String leftColumn, String rightQualifier,
                                 String rightColumn) {}

    public QueryBlock {
        qualifiers = Set.copyOf(qualifiers);
        equalities = List.copyOf(equalities);
    }

    /** The block's WHERE, or null. */
    public Expression where() {
        if (body instanceof PlainSelect select) {
            return select.getWhere();
        }
        return body instanceof Update update ? update.getWhere() : ((Delete) body).getWhere();
    }

    /** What the block is, for messages: "a subquery", "a derived table", ... */
    public String description() {
        return switch (kind) {
            case MAIN -> "the statement's own " + (body instanceof PlainSelect ? "SELECT"
                    : body instanceof Update ? "UPDATE" : "DELETE");
            case STATEMENT_PART -> setOperand ? "a SELECT of a UNION" : "a parenthesized SELECT";
            case SUBQUERY -> setOperand ? "a UNION in a subquery" : "a subquery";
            case DERIVED_TABLE -> setOperand ? "a UNION in a derived table" : "a derived table";
            case WITH_QUERY -> "a WITH query";
        };
    }
}
