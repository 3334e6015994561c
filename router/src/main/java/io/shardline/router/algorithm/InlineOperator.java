package io.shardline.router.algorithm;

import java.math.BigInteger;

/** The binary operators of {@link InlineTemplate}, with Java's integer semantics on unbounded integers. */
enum InlineOperator {
    ADD('+'),
    SUBTRACT('-'),
    MULTIPLY('*'),
    /** Truncates toward zero: -7 / 2 is -3, as in Java and MySQL's DIV. */
    DIVIDE('/'),
    /** Takes the sign of the dividend: -7 % 4 is -3, as in Java and MySQL; floorMod gives the non-negative form. */
    REMAINDER('%');

    private final char symbol;
    private final String quoted;

    InlineOperator(char symbol) {
        this.symbol = symbol;
        this.quoted = "'" + symbol + "'";
    }

    /** The symbol in quotes, as error messages show it. */
    String quoted() {
        return quoted;
    }

    /** Whether a zero right operand is an error. */
    boolean divides() {
        return this == DIVIDE || this == REMAINDER;
    }

    /** The operator written {@code c} among {@code candidates}, or null. */
    static InlineOperator of(char c, InlineOperator... candidates) {
        for (InlineOperator each : candidates) {
            if (each.symbol == c) {
                return each;
            }
        }
        return null;
    }

    /** {@code left op right}; a zero divisor was refused before. */
    BigInteger apply(BigInteger left, BigInteger right) {
        return switch (this) {
            case ADD -> left.add(right);
            case SUBTRACT -> left.subtract(right);
            case MULTIPLY -> left.multiply(right);
            case DIVIDE -> left.divide(right);
            case REMAINDER -> left.remainder(right);
        };
    }
}
