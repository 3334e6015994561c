package io.shardline.router.algorithm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class InlineTemplateTest {

    private static String evaluate(String template, Map<String, ?> values) {
        return InlineTemplate.parse(template).evaluate(values);
    }

    private static String constant(String expression) {
        return evaluate("${" + expression + "}", Map.of());
    }

    @Test
    void typicalTemplates() {
        assertThat(evaluate("t_order_${order_id % 4}", Map.of("order_id", 10L))).isEqualTo("t_order_2");
        assertThat(evaluate("ds_${user_id % 2}", Map.of("user_id", 7))).isEqualTo("ds_1");
        assertThat(evaluate("t_${(a + b) % 8}", Map.of("a", 5L, "b", 6L))).isEqualTo("t_3");
        assertThat(evaluate("${region}_${id % 2}", Map.of("region", "eu", "id", 3L))).isEqualTo("eu_1");
        assertThat(evaluate("t_order_${order_id / 1000 % 4}_x", Map.of("order_id", 12_345L)))
                .isEqualTo("t_order_0_x");
        assertThat(evaluate("t_order", Map.of())).isEqualTo("t_order");
        assertThat(evaluate("a$b{c", Map.of())).as("'$' and '{' alone are literal text").isEqualTo("a$b{c");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            1 + 2 * 3           | 7
            (1 + 2) * 3         | 9
            10 - 4 - 3          | 3
            1 - 2 + 3           | 2
            100 / 10 / 5        | 2
            7 % 4 * 2           | 6
            2 * 7 % 4           | 2
            2 + 3 % 2           | 3
            2 * (3 + 4) - 5 % 3 | 12
            ((((7))))           | 7
            -2 * 3              | -6
            - -5                | 5
            --5                 | 5
            -(3 - 5)            | 2
            10 - -3             | 13
            -7 / 2              | -3
            7 / -2              | -3
            -7 % 4              | -3
            7 % -4              | 3
            floorMod(-7, 4)     | 1
            floorMod(7, -4)     | -1
            FLOORMOD(-1, 3)     | 2
            floorDiv(-7, 2)     | -4
            floordiv(7, -2)     | -4
            floorDiv(7, 2)      | 3
            abs(-5)             | 5
            abs (3 - 10) % 4    | 3
            abs(floorMod(-9, 4) - 5) | 2
            \\t1+2\\n           | 3
            007 + 1             | 8
            """)
    void arithmeticFollowsJavaPrecedenceAndSemantics(String expression, String expected) {
        assertThat(constant(expression.replace("\\t", "\t").replace("\\n", "\n"))).isEqualTo(expected);
    }

    @Test
    void divisionRemainderFloorDivAndFloorModMatchJavaOnLongs() {
        long[] dividends = {-9, -7, -1, 0, 1, 7, 9, Long.MAX_VALUE, Long.MIN_VALUE};
        long[] divisors = {-4, -3, -1, 1, 3, 4, Long.MAX_VALUE, Long.MIN_VALUE};
        InlineTemplate template = InlineTemplate.parse("${a / b}|${a % b}|${floorDiv(a, b)}|${floorMod(a, b)}");
        for (long a : dividends) {
            for (long b : divisors) {
                if (a == Long.MIN_VALUE && b == -1) {
                    continue; // Java's long division overflows there; the template's integers do not.
                }
                String expected = (a / b) + "|" + (a % b) + "|" + Math.floorDiv(a, b) + "|" + Math.floorMod(a, b);
                assertThat(template.evaluate(Map.of("a", a, "b", b))).as(a + " and " + b).isEqualTo(expected);
            }
        }
        assertThat(evaluate("${a / b}", Map.of("a", Long.MIN_VALUE, "b", -1L))).isEqualTo("9223372036854775808");
    }

    @Test
    void integersGoBeyondLong() {
        BigInteger big = BigInteger.TWO.pow(100).add(BigInteger.valueOf(3));
        assertThat(evaluate("t_${id % 4}", Map.of("id", big))).isEqualTo("t_3");
        assertThat(evaluate("${id}", Map.of("id", big))).isEqualTo("1267650600228229401496703205379");
        assertThat(evaluate("${id + 1}", Map.of("id", Long.MAX_VALUE))).isEqualTo("9223372036854775808");
        assertThat(evaluate("${-id}", Map.of("id", Long.MIN_VALUE))).isEqualTo("9223372036854775808");
        assertThat(evaluate("${a * b}", Map.of("a", Long.MAX_VALUE, "b", Long.MAX_VALUE)))
                .isEqualTo(BigInteger.valueOf(Long.MAX_VALUE).pow(2).toString());
        assertThat(constant("123456789012345678901234567890 % 7"))
                .isEqualTo(new BigInteger("123456789012345678901234567890").mod(BigInteger.valueOf(7)).toString());
        assertThat(evaluate("${floorMod(id, 10)} ${id % 10}", Map.of("id", big.negate()))).isEqualTo("1 -9");
    }

    @Test
    void acceptsEveryWholeNumberType() {
        InlineTemplate template = InlineTemplate.parse("${v % 5}");
        assertThat(template.evaluate(Map.of("v", 42L))).isEqualTo("2");
        assertThat(template.evaluate(Map.of("v", 42))).isEqualTo("2");
        assertThat(template.evaluate(Map.of("v", (short) 42))).isEqualTo("2");
        assertThat(template.evaluate(Map.of("v", (byte) 42))).isEqualTo("2");
        assertThat(template.evaluate(Map.of("v", BigInteger.valueOf(42)))).isEqualTo("2");
        assertThat(template.evaluate(Map.of("v", new BigDecimal("42")))).isEqualTo("2");
        assertThat(template.evaluate(Map.of("v", new BigDecimal("42.00")))).isEqualTo("2");
        assertThat(template.evaluate(Map.of("v", new BigDecimal("4.2E+1")))).isEqualTo("2");
        assertThat(template.evaluate(Map.of("v", new BigDecimal("-42")))).isEqualTo("-2");
        assertThat(template.evaluate(Map.of("v", new BigDecimal("0.000")))).isEqualTo("0");
        assertThat(template.evaluate(Map.of("v", BigInteger.TWO.pow(4095)))).isNotEmpty();
    }

    @Test
    void stringsJoinWithPlusAsInJava() {
        assertThat(constant("'a' + 'b'")).isEqualTo("ab");
        assertThat(constant("1 + 2 + 'x'")).isEqualTo("3x");
        assertThat(constant("'x' + 1 + 2")).isEqualTo("x12");
        assertThat(constant("'x' + (1 + 2)")).isEqualTo("x3");
        assertThat(constant("'a}b, \"c\"'")).as("a string may hold '}' and '\"'").isEqualTo("a}b, \"c\"");
        assertThat(evaluate("t_${region + '_' + id % 2}", Map.of("region", "eu", "id", 3L))).isEqualTo("t_eu_1");
    }

    @ParameterizedTest
    @MethodSource("evaluationErrors")
    void evaluationErrorsNameTheColumnAndValue(String template, Map<String, ?> values, String problem) {
        assertThatThrownBy(() -> evaluate(template, values))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("inline template '" + template + "': " + problem);
    }

    static Stream<Arguments> evaluationErrors() {
        Map<String, Object> nullId = new HashMap<>();
        nullId.put("order_id", null);
        String onlyPlus = "; only '+' takes strings, and joins them";
        return Stream.of(
                arguments("t_${order_id % 4}", Map.of("user_id", 1L), "no value for column 'order_id' (values were"
                        + " given for [user_id]); the statement must give every column the template uses"),
                arguments("t_${order_id % 4}", nullId, "column 'order_id' is NULL, which cannot choose a node"),
                arguments("t_${price % 4}", Map.of("price", new BigDecimal("12.5")),
                        "column 'price' is 12.5, which has a fraction; sharding values must be whole numbers or"
                        + " strings"),
                arguments("t_${price}", Map.of("price", new BigDecimal("1E-999999999")),
                        "column 'price' is 1E-999999999, which has a fraction; sharding values must be whole numbers"
                        + " or strings"),
                arguments("t_${v}", Map.of("v", new BigDecimal("1E+999999999")),
                        "column 'v' is 1E+999999999, larger than the 4096 bits (about 1233 digits) a sharding value"
                        + " may have"),
                arguments("t_${v}", Map.of("v", BigInteger.TWO.pow(5000)),
                        "column 'v' is an integer of 5001 bits, larger than the 4096 bits (about 1233 digits) a"
                        + " sharding value may have"),
                arguments("t_${id % 4}", Map.of("id", 1.0d), "column 'id' is 1.0, a Double; sharding values must be"
                        + " whole numbers (Long, Integer, BigInteger, BigDecimal without a fraction) or strings"),
                arguments("t_${id}", Map.of("id", true), "column 'id' is true, a Boolean; sharding values must be"
                        + " whole numbers (Long, Integer, BigInteger, BigDecimal without a fraction) or strings"),
                arguments("t_${region % 2}", Map.of("region", "eu"),
                        "'%' needs integers, but column 'region' is the string 'eu'" + onlyPlus),
                arguments("t_${1 - region}", Map.of("region", "x".repeat(100)),
                        "'-' needs integers, but column 'region' is the string '" + "x".repeat(57) + "...'"
                        + onlyPlus),
                arguments("t_${-region}", Map.of("region", "eu"),
                        "'-' needs integers, but column 'region' is the string 'eu'" + onlyPlus),
                arguments("t_${abs(region)}", Map.of("region", "eu"),
                        "abs(x) needs integers, but column 'region' is the string 'eu'" + onlyPlus),
                arguments("t_${floorMod(3, region)}", Map.of("region", "eu"),
                        "floorMod(x, n) needs integers, but column 'region' is the string 'eu'" + onlyPlus),
                arguments("t_${'a' * 2}", Map.of(), "'*' needs integers, but the string 'a' is not an integer"
                        + onlyPlus),
                arguments("t_${(region + 1) % 2}", Map.of("region", "eu"),
                        "'%' needs integers, but the string 'eu1' is not an integer" + onlyPlus),
                arguments("t_${id / 0}", Map.of("id", 1L), "division by zero in '/'"),
                arguments("t_${id % n}", Map.of("id", 1L, "n", 0L), "division by zero in '%': column 'n' is 0"),
                arguments("t_${id % (2 - 2)}", Map.of("id", 1L), "division by zero in '%'"),
                arguments("t_${floorMod(id, 0)}", Map.of("id", 1L), "division by zero in floorMod(x, n)"),
                arguments("t_${floorDiv(id, n)}", Map.of("id", 1L, "n", BigInteger.ZERO),
                        "division by zero in floorDiv(x, n): column 'n' is 0"));
    }

    @Test
    void columnsMatchIgnoringAsciiCaseOnly() {
        assertThat(evaluate("t_${ORDER_ID % 4}", Map.of("order_id", 6L))).isEqualTo("t_2");
        assertThat(evaluate("t_${order_id % 4}", Map.of("Order_Id", 6L))).isEqualTo("t_2");
        Map<String, Object> both = new LinkedHashMap<>();
        both.put("ORDER_ID", 1L);
        both.put("order_id", 2L);
        assertThat(evaluate("t_${Order_Id}", both)).as("the exact lower-case key wins").isEqualTo("t_2");
        assertThatThrownBy(() -> evaluate("t_${k}", Map.of("\u212A", 1L)))
                .as("the Kelvin sign folds to k in Unicode, not in SQL")
                .hasMessageContaining("no value for column 'k'");
        assertThatThrownBy(() -> evaluate("t_${s}", Map.of("\u017F", 1L)))
                .hasMessageContaining("no value for column 's'");
    }

    @Test
    void columnsAreTheLowerCaseNamesUsedInOrder() {
        InlineTemplate template = InlineTemplate.parse("${(a + B) % 8}_${A}_${abs(c)}_${floorMod(D, 2)}");
        assertThat(template.columns()).containsExactly("a", "b", "c", "d");
        assertThat(InlineTemplate.parse("t_${abs}").columns()).as("a name without '(' is a column")
                .containsExactly("abs");
        assertThat(InlineTemplate.parse("t_${'a' + 1}").columns()).isEmpty();
        assertThat(InlineTemplate.parse("t_order").columns()).isEmpty();
        assertThatThrownBy(() -> template.columns().add("e")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void keepsItsTextAndEvaluatesIndependently() {
        InlineTemplate template = InlineTemplate.parse("t_${id % 4}");
        assertThat(template.text()).isEqualTo("t_${id % 4}");
        assertThat(template).hasToString("t_${id % 4}");
        for (long id = -8; id <= 8; id++) {
            assertThat(template.evaluate(Map.of("id", id))).isEqualTo("t_" + (id % 4));
        }
    }

    @Test
    void nullIsAProgrammingError() {
        assertThatThrownBy(() -> InlineTemplate.parse(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> InlineTemplate.parse("t").evaluate(null)).isInstanceOf(NullPointerException.class);
    }

    @ParameterizedTest
    @MethodSource("syntaxErrors")
    void syntaxErrorsSayWhereAndWhatToWrite(String template, String problem) {
        assertThatThrownBy(() -> InlineTemplate.parse(template))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("inline template '" + template + "': " + problem);
    }

    static Stream<Arguments> syntaxErrors() {
        String operand = "expected a number, a 'string', a column name or '(', found ";
        String operator = "expected an operator (+ - * / %) or '}', found ";
        return Stream.of(
                arguments("", "it is empty; write e.g. t_order_${order_id % 4}"),
                arguments("  ", "it is empty; write e.g. t_order_${order_id % 4}"),
                arguments("t_${order_id %}", operand + "'}' at column 15"),
                arguments("t_${-}", operand + "'}' at column 6"),
                arguments("t_${${a}}", operand + "'$' at column 5"),
                arguments("t_${é}", operand + "'é' at column 5"),
                arguments("t_${order_id", "the '${' at column 3 is not closed; end the expression with '}'"),
                arguments("t_${abs(a", "the '${' at column 3 is not closed; end the expression with '}'"),
                arguments("t_${a} ${b +", "the '${' at column 8 is not closed; end the expression with '}'"),
                arguments("t_${}", "empty '${}' at column 3; put an expression in it, e.g. ${order_id % 4}"),
                arguments("t_${ }", "empty '${}' at column 3; put an expression in it, e.g. ${order_id % 4}"),
                arguments("t_order_${order_id.intdiv(1000) % 4}", "'.' after order_id at column 19: there are no"
                        + " method calls; use the operators + - * / % and the functions abs(x), floorMod(x, n) and"
                        + " floorDiv(x, n), e.g. order_id / 1000 % 4"),
                arguments("t_${1.5}", "'.' at column 6: numbers are whole, there are no decimals; the inline"
                        + " algorithm computes with integers"),
                arguments("t_${hash(id) % 4}", "unknown function hash at column 5; the functions are abs(x),"
                        + " floorMod(x, n) and floorDiv(x, n)"),
                arguments("t_${floorMod(id) % 4}", "floorMod(x, n) at column 5 takes 2 arguments, not 1"),
                arguments("t_${abs(1, 2)}", "abs(x) at column 5 takes 1 argument, not 2"),
                arguments("t_${abs()}", "abs(x) at column 5 takes 1 argument, not 0"),
                arguments("t_${floorMod(a 2)}",
                        "expected an operator (+ - * / %), ',' or ')' to close the '(' at column 13, found '2' at"
                        + " column 16"),
                arguments("t_${(id + 2}",
                        "expected an operator (+ - * / %) or ')' to close the '(' at column 5, found '}' at column 12"),
                arguments("t_${'abc}", "the quote at column 5 is not closed; end the string with '"),
                arguments("t_${\"eu\"}", "strings are single-quoted: write '...' for the \"...\" at column 5"),
                arguments("t_${a b}", operator + "'b' at column 7"),
                arguments("t_${a == 1}", operator + "'=' at column 7"),
                arguments("t_${a\t\tb}", operator + "'b' at column 8"),
                arguments("t_${a\u00A0}", operator + "U+00A0 at column 6"),
                arguments("t_${4abc}", "'4abc' at column 5 is not a number, and a column name cannot start with a"
                        + " digit"),
                arguments("t_}", "'}' at column 3 has no '${' before it; remove it or add the '${'"),
                arguments("t_${a}}", "'}' at column 7 has no '${' before it; remove it or add the '${'"),
                arguments("t_$->{id % 2}", "'$->{' at column 3 is ShardingSphere's Spring spelling; write ${...}"));
    }

    @Test
    void boundsKeepTheStackAndTheTreeSmall() {
        String deep = "t_${" + "(".repeat(100) + "1" + ")".repeat(100) + "}";
        assertThatThrownBy(() -> InlineTemplate.parse(deep))
                .hasMessageContaining("the expression nests deeper than 64 levels at column 69;");
        assertThatThrownBy(() -> InlineTemplate.parse("t_${" + "-".repeat(100_000) + "1}"))
                .hasMessageContaining("nests deeper than 64 levels at column 69;");
        assertThatThrownBy(() -> InlineTemplate.parse("t_${" + "abs(".repeat(100) + "1" + ")".repeat(100) + "}"))
                .hasMessageContaining("nests deeper than 64 levels");
        assertThatThrownBy(() -> InlineTemplate.parse("t_${" + "1 + ".repeat(1_000) + "1}"))
                .hasMessageContaining("the template has more than 1000 operands and operators;");
        assertThatThrownBy(() -> InlineTemplate.parse("t_${1" + "0".repeat(1_300) + "}"))
                .hasMessageContaining("the number at column 5 is larger than 4096 bits (about 1233 digits)");
        String nested = "t_${" + "(".repeat(64) + "1" + ")".repeat(64) + "}";
        assertThat(InlineTemplate.parse(nested).evaluate(Map.of())).isEqualTo("t_1");
        String longSum = "t_${" + "1 + ".repeat(499) + "1}";
        assertThat(InlineTemplate.parse(longSum).evaluate(Map.of())).isEqualTo("t_500");
    }

    /**
     * Whatever the text, parse gives a template or an IllegalArgumentException quoting it, and a template given a
     * value for each of its columns gives a name or an IllegalArgumentException: never another failure.
     */
    @Test
    void anyTextParsesOrIsRefusedClearly() {
        List<String> texts = new ArrayList<>();
        String valid = "t_${floorMod(-a * (b + 12), 3) / abs(c) % 'x'}_${'s' + d}";
        for (int end = 0; end <= valid.length(); end++) {
            texts.add(valid.substring(0, end));
            if (end < valid.length()) {
                texts.add(valid.substring(0, end) + valid.substring(end + 1));
            }
        }
        String[] fragments = {"t_", "${", "}", "$", "{", "(", ")", "a", "B", "abs", "floorMod", "floorDiv", "(",
            ",", "+", "-", "*", "/", "%", "'", "'s'", "0", "7", "99999999999999999999", ".", " ", "\t", "é", "\"",
            "\uD800", "$->{", "=", "!"};
        Random random = new Random(20240611L);
        for (int n = 0; n < 5_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int p = random.nextInt(16); p > 0; p--) {
                text.append(fragments[random.nextInt(fragments.length)]);
            }
            texts.add(text.toString());
        }
        Map<String, Object> values = Map.of("a", -7L, "b", BigInteger.TEN.pow(30), "c", 0L, "d", "z");
        for (String each : texts) {
            Throwable thrown = catchThrowable(() -> InlineTemplate.parse(each).evaluate(values));
            if (thrown != null) {
                assertThat(thrown).as(each).isExactlyInstanceOf(IllegalArgumentException.class)
                        .hasMessageStartingWith("inline template '" + each + "': ");
            }
        }
    }
}
