package io.shardline.router.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardline.router.algorithm.AlgorithmSpec;
import io.shardline.router.algorithm.Algorithms;
import io.shardline.router.algorithm.ShardingException;
import io.shardline.router.rule.DataNodeExpression;
import io.shardline.router.rule.SchemaRules;
import io.shardline.router.rule.TableRule;
import io.shardline.router.sql.LexerOptions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShardPlannerTest {
    private static TableRule table(String name) {
        return new TableRule(name, DataNodeExpression.parse("ds_${0..1}." + name + "_${0..1}").nodes(),
                Algorithms.create(new AlgorithmSpec("mod", List.of("user_id"), Map.of("count", "2"))),
                Algorithms.create(new AlgorithmSpec("inline", List.of("order_id"),
                        Map.of("expression", name + "_${order_id % 2}"))), null);
    }

    private static final SchemaRules SHOP = new SchemaRules("shop", "ds_0",
            Map.of("t_order", table("t_order"), "t_item", table("t_item"), "t_user", table("t_user")),
            List.of(Set.of("t_order", "t_item")), Set.of("t_dict"), Map.of("ds_1", "shop_1"));

    private static List<NodeStatement> plan(String sql, Object... parameters) {
        return ShardPlanner.plan(sql, SHOP, LexerOptions.DEFAULT, List.of(parameters));
    }

    @Test
    void aStatementWithTheFullShardKeyRunsOnOneNode() {
        assertThat(plan("SELECT * FROM t_order WHERE user_id = 3 AND order_id = 4")).containsExactly(
                new NodeStatement("ds_1", "SELECT * FROM t_order_0 WHERE user_id = 3 AND order_id = 4"));
        assertThat(plan("UPDATE t_order SET s = 1 WHERE user_id = ? AND order_id = ?", 2L, 5L)).containsExactly(
                new NodeStatement("ds_0", "UPDATE t_order_1 SET s = 1 WHERE user_id = ? AND order_id = ?"));
    }

    @Test
    void withoutConditionsEveryNodeGetsItsOwnTables() {
        assertThat(plan("DELETE FROM shop.t_order")).containsExactly(
                new NodeStatement("ds_0", "DELETE FROM shop.t_order_0"),
                new NodeStatement("ds_0", "DELETE FROM shop.t_order_1"),
                new NodeStatement("ds_1", "DELETE FROM shop_1.t_order_0"),
                new NodeStatement("ds_1", "DELETE FROM shop_1.t_order_1"));
    }

    @Test
    void boundTablesJoinOnTheirMatchingNodes() {
        assertThat(plan("SELECT * FROM t_order o JOIN t_item i ON o.order_id = i.order_id JOIN t_dict d"
                + " ON d.k = o.k WHERE o.user_id = 1 AND o.order_id = 1")).containsExactly(new NodeStatement("ds_1",
                "SELECT * FROM t_order_1 o JOIN t_item_1 i ON o.order_id = i.order_id JOIN t_dict d ON d.k = o.k"
                        + " WHERE o.user_id = 1 AND o.order_id = 1"));
    }

    @Test
    void unshardedStatementsGoToTheDefaultDataSourceUnchanged() {
        assertThat(plan("SELECT * FROM t_dict WHERE k = 1")).containsExactly(
                new NodeStatement("ds_0", "SELECT * FROM t_dict WHERE k = 1"));
        assertThat(plan("SELECT 1")).containsExactly(new NodeStatement("ds_0", "SELECT 1"));
    }

    @Test
    void whatCannotBeAnsweredExactlyIsRefusedWithTheReason() {
        assertThatThrownBy(() -> plan("SELECT * FROM t_order o JOIN t_user u ON o.user_id = u.user_id"))
                .isInstanceOf(ShardingException.class).hasMessageContaining("not bound");
        assertThatThrownBy(() -> plan("SELECT * FROM t_order o JOIN t_plain p ON o.id = p.id"))
                .isInstanceOf(ShardingException.class).hasMessageContaining("neither sharded alike nor broadcast");
        assertThatThrownBy(() -> plan("SELECT * FROM t_dict WHERE k IN (SELECT k FROM t_order)"))
                .isInstanceOf(ShardingException.class).hasMessageContaining("subquery");
        assertThatThrownBy(() -> plan("SELECT * FROM t_order WHERE id IN (SELECT id FROM t_order WHERE x = 1)"))
                .isInstanceOf(ShardingException.class).hasMessageContaining("subquery");
        assertThatThrownBy(() -> plan("SELECT a FROM t_order UNION SELECT a FROM t_dict"))
                .isInstanceOf(ShardingException.class);
        assertThatThrownBy(() -> plan("SELEC * FROM t_order")).isInstanceOf(ShardingException.class)
                .hasMessageContaining("cannot parse");
    }
}
