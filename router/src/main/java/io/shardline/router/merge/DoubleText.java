package io.shardline.router.merge;

import java.math.BigDecimal;

/**
 * A DOUBLE as MySQL writes it in the text protocol: the shortest digits that read back as the same double, plain
 * for ordinary magnitudes ({@code 12345678.5}, {@code 0.001}) and with an exponent for very large or small ones
 * ({@code 1e20}, {@code 1.5e-7}).
 */
final class DoubleText {
    private DoubleText() {}

    static String format(double value) {
        if (value == 0) {
            return "0";
        }
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        BigDecimal exact = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        int exponent = exact.precision() - exact.scale() - 1;
        if (exponent >= -5 && exponent < 15) {
            return exact.toPlainString();
        }
        String digits = exact.unscaledValue().abs().toString();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return (value < 0 ? "-" : "") + mantissa + "e" + exponent;
    }
}
