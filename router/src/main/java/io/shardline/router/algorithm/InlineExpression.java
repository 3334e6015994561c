package io.shardline.router.algorithm;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * A node of a parsed {@link InlineTemplate}. Nodes are immutable records built once by {@link TemplateParser};
 * evaluating one only walks the tree and yields one of the language's two types, a {@link BigInteger} or a
 * {@link String}.
 */
sealed interface InlineExpression {

    /** Its value for one set of sharding values: a BigInteger or a String. */
    Object evaluate(Map<String, ?> values);

    /** A constant: literal template text, a quoted string or an integer. */
    record Literal(Object value) implements InlineExpression {
        @Override
        public Object evaluate(Map<String, ?> values) {
            return value;
        }
    }

    /** A sharding column, by its lower-case name. */
    record Column(String name) implements InlineExpression {
        @Override
        public Object evaluate(Map<String, ?> values) {
            return ColumnValues.lookup(values, name);
        }
    }

    /** Unary minus. */
    record Negation(InlineExpression operand) implements InlineExpression {
        @Override
        public Object evaluate(Map<String, ?> values) {
            return integer(operand, operand.evaluate(values), "'-'").negate();
        }
    }

    /** A binary operator; '+' with a string on either side joins the two as text, as in Java. */
    record Arithmetic(InlineOperator operator, InlineExpression left, InlineExpression right)
            implements InlineExpression {
        @Override
        public Object evaluate(Map<String, ?> values) {
            Object leftValue = left.evaluate(values);
            Object rightValue = right.evaluate(values);
            if (operator == InlineOperator.ADD && (leftValue instanceof String || rightValue instanceof String)) {
                return leftValue.toString() + rightValue;
            }
            String use = operator.quoted();
            BigInteger leftInteger = integer(left, leftValue, use);
            BigInteger rightInteger = integer(right, rightValue, use);
            if (operator.divides()) {
                checkNotZero(right, rightInteger, use);
            }
            return operator.apply(leftInteger, rightInteger);
        }
    }

    /** One of the few built-in functions. */
    record Call(InlineFunction function, List<InlineExpression> arguments) implements InlineExpression {
        public Call {
            arguments = List.copyOf(arguments);
        }

        @Override
        public Object evaluate(Map<String, ?> values) {
            BigInteger[] integers = new BigInteger[arguments.size()];
            for (int i = 0; i < integers.length; i++) {
                InlineExpression each = arguments.get(i);
                integers[i] = integer(each, each.evaluate(values), function.signature());
            }
            if (function.divides()) {
                checkNotZero(arguments.get(1), integers[1], function.signature());
            }
            return function.apply(integers);
        }
    }

    /** {@code value} as an integer, or an error naming the column (when it is one) and the value. */
    private static BigInteger integer(InlineExpression source, Object value, String use) {
        if (value instanceof BigInteger result) {
            return result;
        }
        String what = source instanceof Column column
                ? "column '" + column.name() + "' is " + ColumnValues.show(value)
                : ColumnValues.show(value) + " is not an integer";
        throw new IllegalArgumentException(use + " needs integers, but " + what
                + "; only '+' takes strings, and joins them");
    }

    private static void checkNotZero(InlineExpression source, BigInteger divisor, String use) {
        if (divisor.signum() == 0) {
            String which = source instanceof Column column ? ": column '" + column.name() + "' is 0" : "";
            throw new IllegalArgumentException("division by zero in " + use + which);
        }
    }
}
