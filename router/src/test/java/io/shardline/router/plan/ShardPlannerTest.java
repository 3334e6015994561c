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

/**
 * What the plan case files cannot say (exception types and SQLSTATEs, the shape cache) and refusals of the statement
 * kinds being reworked. Plans themselves are plan cases: proxy/src/test/resources/plan/*.cases.
 */
class ShardPlannerTest {
    private static TableRule table(String name) {
        return new TableRule(name, DataNodeExpression.parse("ds_${0..1}." + name + "_${0..1}").nodes(),
                Algorithms.create(new AlgorithmSpec("mod", List.of("user_id"), Map.of("count", "2"))),
                Algorithms.create(new AlgorithmSpec("inline", List.of("order_id"),
                        Map.of("expression", name + "_${order_id % 2}"))), null);
    }

    /** t_log: table by id % 2 on ds_0 only; its id is generated when an INSERT leaves it out. */
    private static final TableRule LOG = new TableRule("t_log", DataNodeExpression.parse("ds_0.t_log_${0..1}").nodes(),
            null, Algorithms.create(new AlgorithmSpec("mod", List.of("id"), Map.of("count", "2"))), "id");

    private static final SchemaRules SHOP = new SchemaRules("shop", "ds_0",
            Map.of("t_order", table("t_order"), "t_item", table("t_item"), "t_user", table("t_user"), "t_log", LOG),
            List.of(Set.of("t_order", "t_item")), Set.of("t_dict"), Map.of("ds_1", "shop_1"));

    private static final ShardPlanner PLANNER = new ShardPlanner(100);
    private static final java.util.concurrent.atomic.AtomicLong KEYS = new java.util.concurrent.atomic.AtomicLong(100);

    private static List<NodeStatement> plan(String sql, Object... parameters) {
        return PLANNER.plan(sql, SHOP, LexerOptions.DEFAULT, List.of(parameters), KEYS::incrementAndGet);
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

    @Test
    void insertsThatCannotBePlacedAreRefused() {
        assertThatThrownBy(() -> plan("INSERT INTO t_order VALUES (1, 2)")).isInstanceOfSatisfying(
                ColumnsNeeded.class, e -> assertThat(e.table()).isEqualTo("t_order"));
        assertThatThrownBy(() -> plan("INSERT INTO t_order (user_id, order_id) VALUES (1 + 1, 2)"))
                .hasMessageContaining("computed");
        assertThatThrownBy(() -> plan("INSERT INTO t_order (order_id) VALUES (2)")).hasMessageContaining("user_id");
        assertThatThrownBy(() -> plan("INSERT INTO t_order (user_id, order_id) SELECT a, b FROM t_dict"))
                .hasMessageContaining("VALUES");
        assertThatThrownBy(() -> plan("INSERT INTO t_order SET user_id = 1, order_id = 2"))
                .hasMessageContaining("VALUES");
        assertThatThrownBy(() -> plan("INSERT INTO t_dict (k) SELECT order_id FROM t_order"))
                .hasMessageContaining("INSERT ... SELECT");
        assertThatThrownBy(() -> plan("INSERT INTO t_order (user_id, order_id) VALUES (NULL, 2)"))
                .isInstanceOf(ShardingException.class);
        assertThatThrownBy(() -> plan("INSERT INTO t_order (user_id, order_id) VALUES (1, 2), (3)"))
                .isInstanceOfSatisfying(ShardingException.class, e -> {
                    assertThat(e.errorCode()).as("as MySQL says it").isEqualTo(1136);
                    assertThat(e.sqlState()).isEqualTo("21S01");
                    assertThat(e.getMessage()).isEqualTo("Column count doesn't match value count at row 2");
                });
    }

    @Test
    void statementsOfOneShapeShareTheParseButNotTheirValues() {
        ShardPlanner planner = new ShardPlanner(10);
        assertThat(planner.plan("SELECT * FROM t_order WHERE user_id = 1 AND order_id = 1", SHOP, LexerOptions.DEFAULT,
                List.of(), KEYS::incrementAndGet)).extracting(NodeStatement::dataSource).containsExactly("ds_1");
        assertThat(planner.plan("select * from t_order where user_id=2 and order_id=1", SHOP, LexerOptions.DEFAULT,
                List.of(), KEYS::incrementAndGet)).containsExactly(new NodeStatement("ds_0",
                "select * from t_order_1 where user_id=2 and order_id=1"));
    }
}
