package io.shardline.router.algorithm;

import io.shardline.router.algorithm.InlineExpression.Arithmetic;
import io.shardline.router.algorithm.InlineExpression.Call;
import io.shardline.router.algorithm.InlineExpression.Column;
import io.shardline.router.algorithm.InlineExpression.Literal;
import io.shardline.router.algorithm.InlineExpression.Negation;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Recursive descent over one template: literal text, and in each {@code ${...}} hole
 * <pre>
 * expression := term (('+' | '-') term)*
 * term       := unary (('*' | '/' | '%') unary)*
 * unary      := '-' unary | primary
 * primary    := integer | 'string' | column | function '(' expression (',' expression)* ')' | '(' expression ')'
 * </pre>
 * Nesting depth and tree size are capped, so a mistyped or hostile template can exhaust neither the stack here nor
 * the stack of every later evaluation. Every error names the template, the column (from 1) and what to write.
 */
final class TemplateParser {

    static final int MAX_DEPTH = 64;
    static final int MAX_NODES = 1_000;

    private static final InlineOperator[] ADDITIVE = {InlineOperator.ADD, InlineOperator.SUBTRACT};
    private static final InlineOperator[] MULTIPLICATIVE =
            {InlineOperator.MULTIPLY, InlineOperator.DIVIDE, InlineOperator.REMAINDER};
    private static final String OPERATORS = "an operator (+ - * / %)";

    private final String text;
    private final Set<String> columns = new LinkedHashSet<>();
    private int pos;
    private int depth;
    private int nodes;
    /** Where the '${' of the hole being read is. */
    private int hole;

    TemplateParser(String text) {
        this.text = text;
    }

    /** The template's pieces: literal text and one expression per hole, in order. */
    List<InlineExpression> parts() {
        if (text.isBlank()) {
            throw fail("it is empty; write e.g. t_order_${order_id % 4}");
        }
        List<InlineExpression> result = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        while (!atEnd()) {
            if (text.startsWith("${", pos)) {
                addLiteral(result, literal);
                result.add(hole());
            } else if (text.startsWith("$->{", pos)) {
                throw fail("'$->{' at column " + column(pos) + " is ShardingSphere's Spring spelling; write ${...}");
            } else if (text.charAt(pos) == '}') {
                throw fail("'}' at column " + column(pos) + " has no '${' before it; remove it or add the '${'");
            } else {
                literal.append(text.charAt(pos++));
            }
        }
        addLiteral(result, literal);
        return result;
    }

    /** The columns the parts use, lower-case, in order of first use. */
    Set<String> columns() {
        return columns;
    }

    private static void addLiteral(List<InlineExpression> parts, StringBuilder literal) {
        if (literal.length() > 0) {
            parts.add(new Literal(literal.toString()));
            literal.setLength(0);
        }
    }

    private InlineExpression hole() {
        hole = pos;
        pos += 2;
        skipSpaces();
        if (!atEnd() && text.charAt(pos) == '}') {
            throw fail("empty '${}' at column " + column(hole) + "; put an expression in it, e.g. ${order_id % 4}");
        }
        InlineExpression result = expression();
        expect('}', OPERATORS + " or '}'");
        return result;
    }

    private InlineExpression expression() {
        InlineExpression result = term();
        for (InlineOperator each = operator(ADDITIVE); each != null; each = operator(ADDITIVE)) {
            result = node(new Arithmetic(each, result, term()));
        }
        return result;
    }

    private InlineExpression term() {
        InlineExpression result = unary();
        for (InlineOperator each = operator(MULTIPLICATIVE); each != null; each = operator(MULTIPLICATIVE)) {
            result = node(new Arithmetic(each, result, unary()));
        }
        return result;
    }

    /** The next character as one of {@code candidates}, consumed, or null and nothing consumed. */
    private InlineOperator operator(InlineOperator[] candidates) {
        skipSpaces();
        InlineOperator result = atEnd() ? null : InlineOperator.of(text.charAt(pos), candidates);
        if (result != null) {
            pos++;
        }
        return result;
    }

    private InlineExpression unary() {
        skipSpaces();
        if (atEnd() || text.charAt(pos) != '-') {
            return primary();
        }
        enter(pos++);
        InlineExpression operand = unary();
        depth--;
        // -5 is a literal, so a negative constant costs nothing per evaluation.
        return operand instanceof Literal literal && literal.value() instanceof BigInteger integer
                ? new Literal(integer.negate())
                : node(new Negation(operand));
    }

    private InlineExpression primary() {
        skipSpaces();
        if (atEnd()) {
            throw unclosed();
        }
        char c = text.charAt(pos);
        if (c >= '0' && c <= '9') {
            return integer();
        }
        if (c == '\'') {
            return string();
        }
        if (c == '"') {
            throw fail("strings are single-quoted: write '...' for the \"...\" at column " + column(pos));
        }
        if (isNameStart(c)) {
            return name();
        }
        if (c != '(') {
            throw unexpected("a number, a 'string', a column name or '('");
        }
        int open = pos++;
        enter(open);
        InlineExpression result = expression();
        expect(')', OPERATORS + " or ')' to close the '(' at column " + column(open));
        depth--;
        return result;
    }

    private InlineExpression integer() {
        int start = pos;
        while (!atEnd() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            pos++;
        }
        if (!atEnd() && isNamePart(text.charAt(pos))) {
            throw fail("'" + word(start) + "' at column " + column(start) + " is not a number, and a column name"
                    + " cannot start with a digit");
        }
        if (!atEnd() && text.charAt(pos) == '.') {
            throw fail("'.' at column " + column(pos) + ": numbers are whole, there are no decimals; the inline"
                    + " algorithm computes with integers");
        }
        BigInteger value = new BigInteger(text.substring(start, pos));
        if (value.bitLength() > ColumnValues.MAX_BITS) {
            throw fail("the number at column " + column(start) + " is larger than " + ColumnValues.MAX_BITS
                    + " bits (about 1233 digits)");
        }
        return node(new Literal(value));
    }

    /** A single-quoted string; there are no escapes, since names never hold a quote. */
    private InlineExpression string() {
        int open = pos;
        int close = text.indexOf('\'', open + 1);
        if (close < 0) {
            throw fail("the quote at column " + column(open) + " is not closed; end the string with '");
        }
        pos = close + 1;
        return node(new Literal(text.substring(open + 1, close)));
    }

    /** A column, or a function when '(' follows. */
    private InlineExpression name() {
        int start = pos;
        String name = word(start);
        pos += name.length();
        skipSpaces();
        if (!atEnd() && text.charAt(pos) == '(') {
            return call(name, start);
        }
        if (!atEnd() && text.charAt(pos) == '.') {
            throw fail("'.' after " + name + " at column " + column(pos) + ": there are no method calls; use the"
                    + " operators + - * / % and the functions " + InlineFunction.ALL + ", e.g. " + name
                    + " / 1000 % 4");
        }
        String column = name.toLowerCase(Locale.ROOT);
        columns.add(column);
        return node(new Column(column));
    }

    private InlineExpression call(String name, int start) {
        InlineFunction function = InlineFunction.named(name);
        if (function == null) {
            throw fail("unknown function " + name + " at column " + column(start) + "; the functions are "
                    + InlineFunction.ALL);
        }
        int open = pos++;
        enter(open);
        List<InlineExpression> arguments = new ArrayList<>();
        skipSpaces();
        if (!atEnd() && text.charAt(pos) == ')') {
            pos++;
        } else {
            do {
                arguments.add(expression());
                skipSpaces();
                if (!atEnd() && text.charAt(pos) == ')') {
                    break;
                }
                expect(',', OPERATORS + ", ',' or ')' to close the '(' at column " + column(open));
            } while (true);
            pos++;
        }
        depth--;
        if (arguments.size() != function.arity()) {
            throw fail(function.signature() + " at column " + column(start) + " takes " + function.arity()
                    + (function.arity() == 1 ? " argument" : " arguments") + ", not " + arguments.size());
        }
        return node(new Call(function, arguments));
    }

    private void expect(char c, String expected) {
        skipSpaces();
        if (atEnd()) {
            throw unclosed();
        }
        if (text.charAt(pos) != c) {
            throw unexpected(expected);
        }
        pos++;
    }

    /** Counts one level of nesting, starting at {@code at}. */
    private void enter(int at) {
        if (++depth > MAX_DEPTH) {
            throw fail("the expression nests deeper than " + MAX_DEPTH + " levels at column " + column(at)
                    + "; the inline algorithm is for short expressions such as order_id % 4");
        }
    }

    /** Counts one node of the tree. */
    private InlineExpression node(InlineExpression node) {
        if (++nodes > MAX_NODES) {
            throw fail("the template has more than " + MAX_NODES + " operands and operators; the inline algorithm is"
                    + " for short expressions such as order_id % 4");
        }
        return node;
    }

    private String word(int start) {
        int end = start;
        while (end < text.length() && isNamePart(text.charAt(end))) {
            end++;
        }
        return text.substring(start, end);
    }

    private void skipSpaces() {
        while (!atEnd() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private boolean atEnd() {
        return pos >= text.length();
    }

    private IllegalArgumentException unexpected(String expected) {
        char c = text.charAt(pos);
        boolean invisible = Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)
                || Character.isSurrogate(c);
        String found = invisible ? String.format("U+%04X", (int) c) : "'" + c + "'";
        return fail("expected " + expected + ", found " + found + " at column " + column(pos));
    }

    private IllegalArgumentException unclosed() {
        return fail("the '${' at column " + column(hole) + " is not closed; end the expression with '}'");
    }

    private IllegalArgumentException fail(String detail) {
        return new IllegalArgumentException("inline template '" + text + "': " + detail);
    }

    private static int column(int offset) {
        return offset + 1;
    }

    private static boolean isNameStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
    }

    private static boolean isNamePart(char c) {
        return isNameStart(c) || c >= '0' && c <= '9';
    }
}
