package io.shardline.router.algorithm;

import java.math.BigInteger;
import java.util.Locale;

/** The functions of {@link InlineTemplate}; names match in any case ({@code floormod} is {@code floorMod}). */
enum InlineFunction {
    ABS("abs(x)", 1),
    /** {@code x} modulo {@code n} with the sign of {@code n}, as Java's Math.floorMod: never negative for n > 0. */
    FLOOR_MOD("floorMod(x, n)", 2),
    /** {@code x / n} rounded toward negative infinity, as Java's Math.floorDiv. */
    FLOOR_DIV("floorDiv(x, n)", 2);

    /** How the functions are listed in error messages. */
    static final String ALL = "abs(x), floorMod(x, n) and floorDiv(x, n)";

    private final String signature;
    private final String lowerName;
    private final int arity;

    InlineFunction(String signature, int arity) {
        this.signature = signature;
        this.lowerName = signature.substring(0, signature.indexOf('(')).toLowerCase(Locale.ROOT);
        this.arity = arity;
    }

    /** The function called {@code name} in any case, or null. */
    static InlineFunction named(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (InlineFunction each : values()) {
            if (each.lowerName.equals(lower)) {
                return each;
            }
        }
        return null;
    }

    String signature() {
        return signature;
    }

    int arity() {
        return arity;
    }

    /** Whether a zero second argument is an error. */
    boolean divides() {
        return this != ABS;
    }

    /** Its value; {@code arguments} has {@link #arity()} integers and no zero divisor. */
    BigInteger apply(BigInteger[] arguments) {
        BigInteger x = arguments[0];
        return switch (this) {
            case ABS -> x.abs();
            case FLOOR_MOD -> floorMod(x, arguments[1]);
            case FLOOR_DIV -> floorDiv(x, arguments[1]);
        };
    }

    static BigInteger floorMod(BigInteger x, BigInteger n) {
        BigInteger remainder = x.remainder(n);
        return remainder.signum() != 0 && remainder.signum() != n.signum() ? remainder.add(n) : remainder;
    }

    static BigInteger floorDiv(BigInteger x, BigInteger n) {
        BigInteger[] quotientAndRemainder = x.divideAndRemainder(n);
        BigInteger remainder = quotientAndRemainder[1];
        return remainder.signum() != 0 && remainder.signum() != n.signum()
                ? quotientAndRemainder[0].subtract(BigInteger.ONE)
                : quotientAndRemainder[0];
    }
}
