package io.shardline.router.merge;

import java.math.BigDecimal;

/**
 * A HAVING condition over the merged groups' columns, evaluated with SQL's three-valued logic (null for unknown):
 * comparisons of columns and literals joined by AND, OR and NOT, and IS [NOT] NULL.
 */
public sealed interface Condition {
    /** A column of the rows, or a literal: a BigDecimal for numbers, a String for strings, null for NULL. */
    sealed interface Operand {}

    record Column(Slot slot) implements Operand {}

    record Literal(Object value) implements Operand {
        public Literal {
            if (value != null && !(value instanceof BigDecimal) && !(value instanceof String)) {
                throw new IllegalArgumentException("a literal is a number, a string or NULL: " + value);
            }
        }
    }

    enum Comparison { EQUAL, NOT_EQUAL, LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL, NULL_SAFE_EQUAL }

    record Compare(Comparison comparison, Operand left, Operand right) implements Condition {}

    record IsNull(Operand operand, boolean negated) implements Condition {}

    record And(Condition left, Condition right) implements Condition {}

    record Or(Condition left, Condition right) implements Condition {}

    record Not(Condition operand) implements Condition {}
}
