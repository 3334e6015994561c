package io.shardline.router.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardline.router.algorithm.AlgorithmSpec;
import io.shardline.router.algorithm.Algorithms;
import io.shardline.router.algorithm.ShardingAlgorithm;
import io.shardline.router.algorithm.ShardingException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TableRuleTest {
    private static ShardingAlgorithm inline(String column, String expression) {
        return Algorithms.create(new AlgorithmSpec("inline", List.of(column), Map.of("expression", expression)));
    }

    private static final TableRule ORDERS = new TableRule("t_order",
            DataNodeExpression.parse("ds_${0..1}.t_order_${0..3}").nodes(), inline("user_id", "ds_${user_id % 2}"),
            inline("order_id", "t_order_${order_id % 4}"), "order_id");

    @Test
    void theDatabaseStrategyPicksTheSourceAndTheTableStrategyTheTable() {
        assertThat(ORDERS.dataSources()).containsExactly("ds_0", "ds_1");
        assertThat(ORDERS.tablesOn("ds_1")).containsExactly("t_order_0", "t_order_1", "t_order_2", "t_order_3");
        assertThat(ORDERS.shardingColumns()).containsExactly("user_id", "order_id");
        assertThat(ORDERS.locate(Map.of("user_id", 7L, "order_id", 10L))).isEqualTo(new DataNode("ds_1", "t_order_2"));
        assertThat(ORDERS.locate(Map.of("user_id", 4L, "order_id", 13L))).isEqualTo(new DataNode("ds_0", "t_order_1"));
    }

    @Test
    void aRowWithoutEveryShardingValueCannotBePlaced() {
        assertThatThrownBy(() -> ORDERS.locate(Map.of("order_id", 10L))).isInstanceOf(ShardingException.class)
                .hasMessageContaining("[user_id]");
    }

    @Test
    void aStrategyMayBeLeftOutOnlyWhereThereIsOneChoice() {
        TableRule tablesOnly = new TableRule("t_log", DataNodeExpression.parse("ds_0.t_log_${0..1}").nodes(), null,
                inline("id", "t_log_${id % 2}"), null);
        assertThat(tablesOnly.locate(Map.of("id", 3L))).isEqualTo(new DataNode("ds_0", "t_log_1"));
        TableRule sourcesOnly = new TableRule("t_user", DataNodeExpression.parse("ds_${0..1}.t_user").nodes(),
                inline("id", "ds_${id % 2}"), null, "id");
        assertThat(sourcesOnly.locate(Map.of("id", 2L))).isEqualTo(new DataNode("ds_0", "t_user"));

        assertThatThrownBy(() -> new TableRule("t", DataNodeExpression.parse("ds_${0..1}.t").nodes(), null, null, null))
                .hasMessageContaining("no database strategy");
        assertThatThrownBy(() -> new TableRule("t", DataNodeExpression.parse("ds_0.t_${0..1}").nodes(), null, null, null))
                .hasMessageContaining("no table strategy");
    }

    @Test
    void unevenLayoutsPlaceRowsOnlyWhereNodesExist() {
        TableRule uneven = new TableRule("t_order",
                DataNodeExpression.parse("ds_0.t_order_${0..1}, ds_1.t_order_${2..3}").nodes(),
                inline("order_id", "ds_${order_id % 4 / 2}"), inline("order_id", "t_order_${order_id % 4}"), null);
        assertThat(uneven.locate(Map.of("order_id", 6L))).isEqualTo(new DataNode("ds_1", "t_order_2"));
        assertThat(uneven.locate(Map.of("order_id", 5L))).isEqualTo(new DataNode("ds_0", "t_order_1"));
    }

    @Test
    void everyShardANumberingStrategyCanGiveNeedsATarget() {
        assertThatThrownBy(() -> new TableRule("t", DataNodeExpression.parse("ds_0.t_${0..2}").nodes(), null,
                Algorithms.create(new AlgorithmSpec("mod", List.of("id"), Map.of("count", "4"))), null))
                .hasMessageContaining("can give shard 3").hasMessageContaining("[t_0, t_1, t_2]");
        assertThatThrownBy(() -> new TableRule("t", DataNodeExpression.parse("ds_${0..1}.t").nodes(),
                Algorithms.create(new AlgorithmSpec("range", List.of("id"), Map.of("boundaries", "[10, 20]"))),
                null, null)).hasMessageContaining("database strategy can give shard 2");
        // An uneven layout is fine as long as some data source has each table.
        new TableRule("t", DataNodeExpression.parse("ds_0.t_${0..1}, ds_1.t_${2..3}").nodes(),
                inline("id", "ds_${id % 4 / 2}"), Algorithms.create(new AlgorithmSpec("mod", List.of("id"),
                Map.of("count", "4"))), null);
    }
}
