package io.shardline.router.parse;

import java.math.BigInteger;
import java.util.List;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;

/**
 * The value of an expression when it is one: a parameter ({@code ?}, numbered in order over the statement shape's
 * literals and a prepared statement's own parameters) or a plain literal left in the shape. Anything computed
 * ({@code a + 1}, {@code NOW()}) has no value here: {@link #UNKNOWN}.
 */
public final class ValueReader {
    /** Not a value the router can know before the server computes it. */
    public static final Object UNKNOWN = new Object();

    private final List<Object> parameters;

    /** @param parameters the value of each {@code ?}, in order */
    public ValueReader(List<Object> parameters) {
        this.parameters = parameters;
    }

    public Object value(Expression expression) {
        if (expression instanceof JdbcParameter parameter && parameter.getIndex() != null) {
            int index = parameter.getIndex() - 1;
            return index >= 0 && index < parameters.size() ? parameters.get(index) : UNKNOWN;
        }
        if (expression instanceof LongValue number) {
            return number.getStringValue().length() < 18 ? (Object) number.getValue()
                    : new BigInteger(number.getStringValue());
        }
        if (expression instanceof StringValue text && text.getPrefix() == null) {
            return text.getValue().replace("''", "'");
        }
        if (expression instanceof NullValue) {
            return null;
        }
        if (expression instanceof SignedExpression signed && signed.getSign() == '-'
                && signed.getExpression() instanceof LongValue number) {
            return new BigInteger(number.getStringValue()).negate();
        }
        return UNKNOWN;
    }
}
