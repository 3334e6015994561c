package io.shardline.router.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DataNodeTest {

    @Test
    void printsAsDataSourceDotTable() {
        assertThat(new DataNode("ds_0", "t_order_3")).hasToString("ds_0.t_order_3");
    }

    @Test
    void parseReadsBackWhatToStringWrites() {
        DataNode node = DataNode.parse("ds_0.t_order_3");
        assertThat(node.dataSource()).isEqualTo("ds_0");
        assertThat(node.table()).isEqualTo("t_order_3");
        assertThat(DataNode.parse(node.toString())).isEqualTo(node);
        assertThat(DataNode.parse("  ds-east.t$1\t")).isEqualTo(new DataNode("ds-east", "t$1"));
    }

    @Test
    void valueEquality() {
        assertThat(new DataNode("ds_0", "t_1")).isEqualTo(new DataNode("ds_0", "t_1"))
                .hasSameHashCodeAs(new DataNode("ds_0", "t_1"))
                .isNotEqualTo(new DataNode("ds_0", "T_1"))
                .isNotEqualTo(new DataNode("ds_1", "t_1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ds_0", "ds_0.t.x", ".t_order", "ds_0.", "", "."})
    void parseRefusesAnythingButOneDotBetweenTwoNames(String text) {
        assertThatThrownBy(() -> DataNode.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'")
                .hasMessageContaining("<data source>.<table>");
    }

    @Test
    void refusesEmptyNames() {
        assertThatThrownBy(() -> new DataNode("", "t_order"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("data node '.t_order' has an empty data source name; write <data source>.<table>,"
                        + " e.g. ds_0.t_order_3");
        assertThatThrownBy(() -> new DataNode("ds_0", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has an empty table name");
    }

    @Test
    void refusesBlankAndOddCharactersInNames() {
        assertThatThrownBy(() -> new DataNode(" ", "t"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("data node ' .t' has a space in its data source name; names are letters, digits, '_',"
                        + " '$' and '-'");
        assertThatThrownBy(() -> new DataNode("ds", "t\t1"))
                .hasMessageContaining("has U+0009 in its table name");
        assertThatThrownBy(() -> new DataNode("ds", "t_${0..1}"))
                .hasMessageContaining("has '{' in its table name");
        assertThatThrownBy(() -> new DataNode("ds.0", "t"))
                .hasMessageContaining("has '.' in its data source name");
    }

    @Test
    void nullNamesAreProgrammingErrors() {
        assertThatThrownBy(() -> new DataNode(null, "t")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new DataNode("ds", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> DataNode.parse(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void nonAsciiLettersAreNames() {
        assertThat(new DataNode("données", "commande_1")).hasToString("données.commande_1");
    }
}
