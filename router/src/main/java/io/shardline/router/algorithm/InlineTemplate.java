package io.shardline.router.algorithm;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The expression of the {@code inline} sharding algorithm: literal text with {@code ${...}} holes, each hole an
 * expression over the statement's sharding columns, e.g. {@code t_order_${order_id % 4}},
 * {@code ds_${user_id % 2}}, {@code t_${(a + b) % 8}}, {@code ${region}_${id % 2}}.
 *
 * <p>A small language rather than a script engine, so that a rule can only compute a name: integers of any size
 * ({@code BigInteger}), single-quoted strings, column names ({@code [A-Za-z_][A-Za-z0-9_]*}, any case), unary
 * minus, {@code + - * / %} with the usual precedence and parentheses, and the functions {@code abs(x)},
 * {@code floorMod(x, n)} and {@code floorDiv(x, n)}. Arithmetic is Java's: {@code /} truncates toward zero and
 * {@code %} takes the sign of the dividend (also MySQL's), so {@code -7 % 4} is -3 while {@code floorMod(-7, 4)} is
 * 1; {@code +} with a string on either side joins text. There are no method calls, variables or loops.
 *
 * <p>{@link #parse} reads and checks the text once into an immutable tree; {@link #evaluate} only walks it.
 * Instances are immutable and safe to share between threads.
 */
public final class InlineTemplate {

    private final String text;
    private final List<InlineExpression> parts;
    private final Set<String> columns;

    private InlineTemplate(String text, List<InlineExpression> parts, Set<String> columns) {
        this.text = text;
        this.parts = List.copyOf(parts);
        this.columns = Collections.unmodifiableSet(new LinkedHashSet<>(columns));
    }

    /**
     * The template written {@code text}.
     *
     * @throws IllegalArgumentException naming the template, the column (from 1) of the problem and what to write
     */
    public static InlineTemplate parse(String text) {
        Objects.requireNonNull(text, "text");
        TemplateParser parser = new TemplateParser(text);
        List<InlineExpression> parts = parser.parts();
        return new InlineTemplate(text, parts, parser.columns());
    }

    /**
     * The name the template gives for these sharding values.
     *
     * @param values column name (matched ignoring ASCII case) to value: Long, Integer, Short, Byte, BigInteger,
     *     BigDecimal without a fraction, or String
     * @throws IllegalArgumentException naming the template and the column and value at fault, when a column the
     *     template uses has no value, is NULL, is of another type or has a fraction, when arithmetic meets a string,
     *     or on division by zero
     */
    public String evaluate(Map<String, ?> values) {
        Objects.requireNonNull(values, "values");
        StringBuilder result = new StringBuilder(text.length() + 8);
        try {
            for (InlineExpression each : parts) {
                result.append(each.evaluate(values));
            }
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("inline template '" + text + "': " + ex.getMessage(), ex);
        }
        return result.toString();
    }

    /** The columns the template uses, lower-case, in order of first use; unmodifiable. */
    public Set<String> columns() {
        return columns;
    }

    /** The template as written. */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
