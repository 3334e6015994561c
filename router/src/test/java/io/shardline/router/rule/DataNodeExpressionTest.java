package io.shardline.router.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DataNodeExpressionTest {

    private static List<String> nodes(String expression) {
        List<String> result = new ArrayList<>();
        for (DataNode each : DataNodeExpression.parse(expression).nodes()) {
            result.add(each.toString());
        }
        return result;
    }

    @Test
    void rangesExpandLeftmostSlowest() {
        assertThat(nodes("ds_${0..1}.t_order_${0..3}")).containsExactly(
                "ds_0.t_order_0", "ds_0.t_order_1", "ds_0.t_order_2", "ds_0.t_order_3",
                "ds_1.t_order_0", "ds_1.t_order_1", "ds_1.t_order_2", "ds_1.t_order_3");
    }

    @Test
    void nodesKnowTheirDataSourceAndTable() {
        List<DataNode> nodes = DataNodeExpression.parse("ds_${['a', 'b']}.t_user").nodes();
        assertThat(nodes).containsExactly(new DataNode("ds_a", "t_user"), new DataNode("ds_b", "t_user"));
    }

    @Test
    void listsOfNumbersAndOfQuotedNames() {
        assertThat(nodes("ds_0.t_order_${[0, 2, 5]}")).containsExactly("ds_0.t_order_0", "ds_0.t_order_2",
                "ds_0.t_order_5");
        assertThat(nodes("ds_${[\"east\", 'west']}.t")).containsExactly("ds_east.t", "ds_west.t");
        assertThat(nodes("ds.t_${[007, 10]}")).as("numbers in a list are kept as written")
                .containsExactly("ds.t_007", "ds.t_10");
    }

    @Test
    void severalHolesInOneName() {
        assertThat(nodes("ds_${0..1}.t_order_${0..1}_${['x','y']}")).containsExactly(
                "ds_0.t_order_0_x", "ds_0.t_order_0_y", "ds_0.t_order_1_x", "ds_0.t_order_1_y",
                "ds_1.t_order_0_x", "ds_1.t_order_0_y", "ds_1.t_order_1_x", "ds_1.t_order_1_y");
        assertThat(nodes("ds.t_${0..1}${['a','b']}")).containsExactly("ds.t_0a", "ds.t_0b", "ds.t_1a", "ds.t_1b");
        assertThat(nodes("ds_${0..1}.t_${0..1}_archive")).containsExactly("ds_0.t_0_archive", "ds_0.t_1_archive",
                "ds_1.t_0_archive", "ds_1.t_1_archive");
    }

    @Test
    void leadingZerosKeepTheWidth() {
        assertThat(nodes("ds.t_${00..11}")).containsExactly("ds.t_00", "ds.t_01", "ds.t_02", "ds.t_03", "ds.t_04",
                "ds.t_05", "ds.t_06", "ds.t_07", "ds.t_08", "ds.t_09", "ds.t_10", "ds.t_11");
        assertThat(nodes("ds.t_${008..011}")).containsExactly("ds.t_008", "ds.t_009", "ds.t_010", "ds.t_011");
        assertThat(nodes("ds.t_${0..11}")).as("no leading zero, no padding").hasSize(12)
                .startsWith("ds.t_0", "ds.t_1").contains("ds.t_9", "ds.t_10").doesNotContain("ds.t_00");
    }

    @Test
    void rangeFormsAndSpacing() {
        assertThat(nodes("ds.t_${0..<4}")).containsExactly("ds.t_0", "ds.t_1", "ds.t_2", "ds.t_3");
        assertThat(nodes("ds.t_${3..3}")).containsExactly("ds.t_3");
        assertThat(nodes("  ds_${ 0 .. 1 }.t_${[ 0 ,2 ]}  ,\n\tds_2.t_9 ")).containsExactly(
                "ds_0.t_0", "ds_0.t_2", "ds_1.t_0", "ds_1.t_2", "ds_2.t_9");
    }

    @Test
    void boundsBeyondLong() {
        assertThat(nodes("ds.t_${99999999999999999999..100000000000000000001}")).containsExactly(
                "ds.t_99999999999999999999", "ds.t_100000000000000000000", "ds.t_100000000000000000001");
    }

    @Test
    void topLevelCommasSeparateExpressionsButListCommasDoNot() {
        assertThat(nodes("ds_0.t_order_${0..1}, ds_1.t_order_${2..3}")).containsExactly(
                "ds_0.t_order_0", "ds_0.t_order_1", "ds_1.t_order_2", "ds_1.t_order_3");
        assertThat(nodes("ds_0.t_${[0, 1]},ds_1.t_${[2, 3]}")).containsExactly(
                "ds_0.t_0", "ds_0.t_1", "ds_1.t_2", "ds_1.t_3");
    }

    @Test
    void plainNamesAndOddButLegalCharacters() {
        assertThat(nodes("ds_0.t_order")).containsExactly("ds_0.t_order");
        assertThat(nodes("ds-east.t$${0..1}")).as("a '$' not before '{' is part of the name")
                .containsExactly("ds-east.t$0", "ds-east.t$1");
        assertThat(nodes("données.commande_${0..1}")).containsExactly("données.commande_0", "données.commande_1");
    }

    @Test
    void keepsTheTextAndCannotBeChanged() {
        DataNodeExpression expression = DataNodeExpression.parse("ds_${0..1}.t");
        assertThat(expression.text()).isEqualTo("ds_${0..1}.t");
        assertThat(expression).hasToString("ds_${0..1}.t");
        assertThatThrownBy(() -> expression.nodes().add(new DataNode("ds_9", "t")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void upToOneHundredThousandNodes() {
        List<DataNode> nodes = DataNodeExpression.parse("ds_${0..9}.t_${0..9999}").nodes();
        assertThat(nodes).hasSize(100_000);
        assertThat(nodes.get(99_999)).isEqualTo(new DataNode("ds_9", "t_9999"));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void refusesWithWhatIsWrongAndHowToFixIt(String expression, String problem) {
        assertThatThrownBy(() -> DataNodeExpression.parse(expression))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("data node expression '" + expression + "': " + problem);
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                arguments("ds_0.t_order_${0..3", "the '${' at column 14 is not closed; end it with '}'"),
                arguments("ds_0.t_${", "the '${' at column 8 is not closed; end it with '}'"),
                arguments("ds_${0..1.t_order", "expected '}' at column 10 to close the '${' at column 4, found '.'"),
                arguments("ds_0.t_${0..3 x}", "expected '}' at column 15 to close the '${' at column 8, found 'x'"),
                arguments("ds_0.t_${}",
                        "empty '${}' at column 8; write a range such as ${0..3} or a list such as ${[0, 1]}"),
                arguments("ds_0.t_${0..<0}",
                        "range 0..<0 at column 10 is empty, since '..<' leaves out its end; write 0..0 for the one"
                        + " value 0"),
                arguments("ds_0.t_${3..0}",
                        "range 3..0 at column 10 counts down; ranges count up, so write the smaller end first,"
                        + " e.g. 0..3"),
                arguments("ds_0.t_${0..100000}",
                        "range 0..100000 at column 10 has 100001 values; at most 100000 are allowed, check its ends"),
                arguments("ds_0.t_${01..100}",
                        "range 01..100 at column 10 mixes widths: with leading zeros both ends need the same number"
                        + " of digits, e.g. 00..11 or 000..011"),
                arguments("ds_0.t_${0..}",
                        "expected the end of the range at column 13, found '}'; write a range as 0..3"),
                arguments("ds_0.t_${0.3}",
                        "expected '..' at column 11 after the range start 0, found '.'; write a range as 0..3"),
                arguments("ds_${a..b}.t",
                        "expected a range such as 0..3 or a list such as [0, 1] at column 6, found 'a'"),
                arguments("ds_0.t_${-1..1}",
                        "expected a range such as 0..3 or a list such as [0, 1] at column 10, found '-'"),
                arguments("ds_0.t_${[0, x]}", "list item x at column 14 is not quoted; write 'x'"),
                arguments("ds_0.t_${[0,,1]}", "missing list item at column 13; remove the extra ','"),
                arguments("ds_0.t_${[0, 1,]}", "missing list item at column 16; remove the extra ','"),
                arguments("ds_0.t_${[]}", "empty list at column 10; put at least one value in it, e.g. [0, 1]"),
                arguments("ds_0.t_${[;]}",
                        "';' at column 11 is not a list item; items are numbers such as 0 or quoted names such as 'a'"),
                arguments("ds_0.t_${[0 1]}", "expected ',' or ']' at column 13 in the list at column 10, found '1'"),
                arguments("ds_0.t_${[0, 1", "the '[' at column 10 is not closed; end the list with ']'"),
                arguments("ds_0.t_${['a.b']}",
                        "'.' at column 13 inside the list item quoted at column 11: a value from ${...} is part of"
                        + " one name; write the '.' outside ${...}"),
                arguments("ds_0.t_${['a b']}",
                        "a space at column 13 inside the list item quoted at column 11; names are letters, digits,"
                        + " '_', '$' and '-' (is a closing ' missing?)"),
                arguments("ds_0.t_${['']}",
                        "empty list item '' at column 11; every item must add at least one character to the name"),
                arguments("ds_0.t_${['a", "the ' at column 11 is not closed; end the item with '"),
                arguments("ds_0.t_${[\"a", "the \" at column 11 is not closed; end the item with \""),
                arguments("ds_${0..1}",
                        "'ds_${0..1}' at column 1 has no '.'; a data node has exactly one, between data source and"
                        + " table, as in ds_${0..1}.t_order_${0..3}"),
                arguments("ds_0.t, ds.db.t_${0..1}",
                        "'ds.db.t_${0..1}' at column 9 has 2 '.'; a data node has exactly one, between data source"
                        + " and table, as in ds_${0..1}.t_order_${0..3}"),
                arguments(".t_order", "'.t_order' at column 1 has no data source before its '.'; write"
                        + " <data source>.<table>"),
                arguments("ds_0., ds_1.t", "'ds_0.' at column 1 has no table after its '.'; write"
                        + " <data source>.<table>"),
                arguments("ds_0.t_${0..1}, ds_0.t_1", "data node ds_0.t_1 comes out twice; list each data node once"),
                arguments("ds_0.t_${[1, 2, 1]}", "data node ds_0.t_1 comes out twice; list each data node once"),
                arguments("", "it is empty; write e.g. ds_${0..1}.t_order_${0..3}"),
                arguments(" \t ", "it is empty; write e.g. ds_${0..1}.t_order_${0..3}"),
                arguments("ds_0.t_0,", "nothing after the ',' at column 9; remove the trailing ','"),
                arguments("ds_0.t_0, ", "nothing after the ',' at column 9; remove the trailing ','"),
                arguments("ds_0.t_0,,ds_0.t_1", "nothing before the ',' at column 10; remove the extra ','"),
                arguments(", ds_0.t_0", "nothing before the ',' at column 1; remove the extra ','"),
                arguments("ds_0.t order",
                        "a space at column 7 inside a name: names cannot contain spaces; separate names with ','"),
                arguments("ds_0.t\t1",
                        "U+0009 at column 7 inside a name: names cannot contain spaces; separate names with ','"),
                arguments("ds_0.t\u00A01", "U+00A0 at column 7 cannot be part of a name; names are letters, digits,"
                        + " '_', '$' and '-', and ranges and lists are written ${0..3} and ${[0, 1]}"),
                arguments("ds_0.t_0}", "'}' at column 9 has no '${' before it; remove it or add the '${'"),
                arguments("ds_$->{0..1}.t", "'$->{' at column 4 is ShardingSphere's Spring spelling; write ${...}"),
                arguments("ds_{0..1}.t", "'{' at column 4 cannot be part of a name; names are letters, digits, '_',"
                        + " '$' and '-', and ranges and lists are written ${0..3} and ${[0, 1]}"),
                arguments("ds_${0..10}.t_${0..9999}",
                        "it stands for more than 100000 names; at most 100000 are allowed, check the ranges"),
                arguments("ds_${0..1}.t_${0..49999}, ds_2.t_0",
                        "it stands for more than 100000 names; at most 100000 are allowed, check the ranges"),
                arguments("a.b${0..99999}${0..99999}${0..99999}${0..99999}",
                        "it stands for more than 100000 names; at most 100000 are allowed, check the ranges"));
    }

    @Test
    void expandListsPlainNames() {
        assertThat(DataNodeExpression.expand("ds_${0..1}")).containsExactly("ds_0", "ds_1");
        assertThat(DataNodeExpression.expand("ds_${0..1}, ds_archive")).containsExactly("ds_0", "ds_1",
                "ds_archive");
        assertThat(DataNodeExpression.expand("ds_${['east','west']}_${1..2}")).containsExactly(
                "ds_east_1", "ds_east_2", "ds_west_1", "ds_west_2");
        assertThat(DataNodeExpression.expand("ds_${08..10}")).containsExactly("ds_08", "ds_09", "ds_10");
    }

    @Test
    void expandGoesUpToOneHundredThousandNames() {
        List<String> names = DataNodeExpression.expand("t${1..100000}");
        assertThat(names).hasSize(100_000).startsWith("t1", "t2").endsWith("t99999", "t100000");
        assertThatThrownBy(() -> names.add("t0")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void expandRefusesDotsDuplicatesAndTheSameErrorsAsParse() {
        assertThatThrownBy(() -> DataNodeExpression.expand("ds_${0..1}.t"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("name list 'ds_${0..1}.t': '.' at column 11: a name list holds plain names such as"
                        + " ds_${0..1}, without '.'");
        assertThatThrownBy(() -> DataNodeExpression.expand("ds_${0..1}, ds_1"))
                .hasMessage("name list 'ds_${0..1}, ds_1': name ds_1 comes out twice; list each name once");
        assertThatThrownBy(() -> DataNodeExpression.expand(""))
                .hasMessage("name list '': it is empty; write e.g. ds_${0..1}");
        assertThatThrownBy(() -> DataNodeExpression.expand("ds_${1..0}"))
                .hasMessage("name list 'ds_${1..0}': range 1..0 at column 6 counts down; ranges count up, so write"
                        + " the smaller end first, e.g. 0..1");
    }

    @Test
    void nullIsAProgrammingError() {
        assertThatThrownBy(() -> DataNodeExpression.parse(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> DataNodeExpression.expand(null)).isInstanceOf(NullPointerException.class);
    }

    /** Whatever the text, the answer is nodes or an IllegalArgumentException quoting it: never another failure. */
    @Test
    void anyTextParsesOrIsRefusedClearly() {
        List<String> texts = new ArrayList<>();
        for (String valid : List.of("ds_${0..1}.t_order_${[0, 'a']}, ds_2.t_${00..<10}", "ds.t_${['x', \"y\"]}")) {
            for (int end = 0; end <= valid.length(); end++) {
                texts.add(valid.substring(0, end));
                if (end < valid.length()) {
                    texts.add(valid.substring(0, end) + valid.substring(end + 1));
                }
            }
        }
        String[] fragments = {"ds", "_", "t", ".", ",", " ", "${", "$", "{", "}", "[", "]", "'", "\"", "..", "..<",
            "0", "1", "09", "99999", "-", "<", "\\", "\t", "é", "\uD800", "$->{"};
        Random random = new Random(20240611L);
        for (int n = 0; n < 3_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int p = random.nextInt(16); p > 0; p--) {
                text.append(fragments[random.nextInt(fragments.length)]);
            }
            texts.add(text.toString());
        }
        for (String each : texts) {
            Throwable thrown = catchThrowable(() -> DataNodeExpression.parse(each));
            if (thrown != null) {
                assertThat(thrown).as(each).isExactlyInstanceOf(IllegalArgumentException.class)
                        .hasMessageStartingWith("data node expression '" + each + "': ");
            }
        }
    }
}
