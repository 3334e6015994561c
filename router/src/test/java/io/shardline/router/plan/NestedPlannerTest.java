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
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Statements that nest queries (subqueries, derived tables, WITH queries, UNION) on sharded tables: pushed down
 * where every query block sees on each node all the rows it would see on one server, refused otherwise.
 */
class NestedPlannerTest {
    /** Data source by user_id % 2, table by order_id % 2: {@code ds_${0..1}.<name>_${0..1}}. */
    private static TableRule table(String name) {
        return new TableRule(name, DataNodeExpression.parse("ds_${0..1}." + name + "_${0..1}").nodes(),
                Algorithms.create(new AlgorithmSpec("mod", List.of("user_id"), Map.of("count", "2"))),
                Algorithms.create(new AlgorithmSpec("inline", List.of("order_id"),
                        Map.of("expression", name + "_${order_id % 2}"))), null);
    }

    /** t_order and t_item bound; t_user laid out alike but not bound; t_dict broadcast; ds_1 holds shop_1. */
    private static final SchemaRules SHOP = new SchemaRules("shop", "ds_0",
            Map.of("t_order", table("t_order"), "t_item", table("t_item"), "t_user", table("t_user")),
            List.of(Set.of("t_order", "t_item")), Set.of("t_dict"), Map.of("ds_1", "shop_1"));

    private static final ShardPlanner PLANNER = new ShardPlanner(100);

    private static ShardPlan route(String sql, Object... parameters) {
        return PLANNER.route(sql, SHOP, LexerOptions.DEFAULT, List.of(parameters), () -> 1L);
    }

    private static List<NodeStatement> plan(String sql, Object... parameters) {
        return route(sql, parameters).statements();
    }

    private static void refused(String sql, String... reasons) {
        assertThatThrownBy(() -> plan(sql)).as(sql).isInstanceOfSatisfying(ShardingException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(1235);
            for (String each : reasons) {
                assertThat(e.getMessage()).contains(each);
            }
        });
    }

    @Nested
    class SubqueriesOfBroadcastTables {
        @Test
        void keepTheRouteOfTheOuterShardedTable() {
            assertThat(plan("SELECT * FROM t_order WHERE user_id = 3 AND order_id = 4 AND k IN (SELECT k FROM t_dict"
                    + " WHERE v = 1)")).containsExactly(new NodeStatement("ds_1", "SELECT * FROM t_order_0 WHERE"
                    + " user_id = 3 AND order_id = 4 AND k IN (SELECT k FROM t_dict WHERE v = 1)"));
            assertThat(plan("SELECT * FROM t_order WHERE user_id = 3 AND EXISTS (SELECT 1 FROM t_dict d WHERE d.k ="
                    + " t_order.k)")).containsExactly(
                    new NodeStatement("ds_1", "SELECT * FROM t_order_0 WHERE user_id = 3 AND EXISTS (SELECT 1 FROM"
                            + " t_dict d WHERE d.k = t_order_0.k)"),
                    new NodeStatement("ds_1", "SELECT * FROM t_order_1 WHERE user_id = 3 AND EXISTS (SELECT 1 FROM"
                            + " t_dict d WHERE d.k = t_order_1.k)"));
        }

        @Test
        void inEveryPlaceAndAtAnyDepth() {
            assertThat(plan("SELECT id, (SELECT v FROM t_dict d WHERE d.k = o.k) AS v FROM t_order o")).hasSize(4);
            assertThat(plan("SELECT o.id, d.v FROM t_order o JOIN (SELECT k, v FROM t_dict) d ON d.k = o.k"))
                    .extracting(NodeStatement::sql).contains("SELECT o.id, d.v FROM t_order_1 o JOIN (SELECT k, v"
                            + " FROM t_dict) d ON d.k = o.k");
            assertThat(plan("SELECT * FROM (SELECT k FROM t_dict) d, t_order o WHERE o.k = d.k AND o.user_id = 2"))
                    .as("the table after the derived table in the FROM list is renamed too")
                    .extracting(NodeStatement::sql).containsExactly(
                            "SELECT * FROM (SELECT k FROM t_dict) d, t_order_0 o WHERE o.k = d.k AND o.user_id = 2",
                            "SELECT * FROM (SELECT k FROM t_dict) d, t_order_1 o WHERE o.k = d.k AND o.user_id = 2");
            assertThat(plan("WITH d AS (SELECT k FROM t_dict) SELECT * FROM t_order WHERE k IN (SELECT k FROM d)"))
                    .hasSize(4);
            assertThat(plan("SELECT * FROM t_order WHERE id > (SELECT 1) AND k = ANY (SELECT k FROM t_dict WHERE"
                    + " k IN (SELECT k FROM t_dict WHERE v IS NULL))")).hasSize(4);
            assertThat(plan("SELECT * FROM t_order WHERE user_id = 1 AND k IN (SELECT k FROM t_dict UNION SELECT v"
                    + " FROM t_dict)")).hasSize(2);
            assertThat(plan("UPDATE t_order SET s = (SELECT MAX(v) FROM t_dict) WHERE user_id = 1")).hasSize(2);
            assertThat(plan("DELETE FROM t_order WHERE k IN (SELECT k FROM (SELECT k FROM t_dict ORDER BY k LIMIT 2)"
                    + " x)")).as("a subquery's ORDER BY and LIMIT apply to the subquery on each shard").hasSize(4);
        }

        @Test
        void theMergeReadsOnlyTheOuterSelect() {
            ShardPlan plan = route("SELECT o.user_id, COUNT(*) FROM t_order o WHERE o.k IN (SELECT k FROM t_dict"
                    + " GROUP BY k HAVING COUNT(*) > 1 ORDER BY k LIMIT 3) GROUP BY o.user_id ORDER BY o.user_id"
                    + " LIMIT 2");
            assertThat(plan.statements()).extracting(NodeStatement::sql).contains("SELECT o.user_id, COUNT(*) FROM"
                    + " t_order_0 o WHERE o.k IN (SELECT k FROM t_dict GROUP BY k HAVING COUNT(*) > 1 ORDER BY k"
                    + " LIMIT 3) GROUP BY o.user_id ORDER BY o.user_id LIMIT 2");
            assertThat(plan.merge().groupKeys()).hasSize(1);
            assertThat(plan.merge().limit()).isEqualTo(2);

            plan = route("SELECT o.id, (SELECT COUNT(*) FROM t_dict d WHERE d.k = o.k) AS n, (SELECT MAX(v) FROM"
                    + " t_dict) FROM t_order o ORDER BY n DESC, o.id LIMIT 5");
            assertThat(plan.merge().grouped()).as("the subqueries' aggregates are not the outer select's").isFalse();
            assertThat(plan.statements().get(0).sql()).isEqualTo("SELECT o.id, (SELECT COUNT(*) FROM t_dict d"
                    + " WHERE d.k = o.k) AS n, (SELECT MAX(v) FROM t_dict) FROM t_order_0 o ORDER BY n DESC, o.id"
                    + " LIMIT 5");

            plan = route("WITH d AS (SELECT k FROM t_dict ORDER BY k LIMIT 1) SELECT id FROM t_order WHERE k IN"
                    + " (SELECT k FROM d) ORDER BY id LIMIT 5, 5");
            assertThat(plan.statements().get(3).sql()).isEqualTo("WITH d AS (SELECT k FROM t_dict ORDER BY k LIMIT"
                    + " 1) SELECT id FROM t_order_1 WHERE k IN (SELECT k FROM d) ORDER BY id LIMIT 10");
            assertThat(plan.merge().offset()).isEqualTo(5);

            assertThat(plan("SELECT * FROM t_order WHERE k IN (SELECT k FROM (SELECT k, ROW_NUMBER() OVER (ORDER BY"
                    + " k) AS r FROM t_dict) x WHERE r < 3)")).as("a window function of a subquery").hasSize(4);
        }
    }

    @Nested
    class OneShard {
        @Test
        void everyBlockPinnedToTheSameShardRunsThere() {
            assertThat(plan("SELECT * FROM t_order WHERE user_id = 3 AND order_id = 4 AND k IN (SELECT k FROM t_item"
                    + " WHERE user_id = 3 AND order_id = 4)")).containsExactly(new NodeStatement("ds_1", "SELECT *"
                    + " FROM t_order_0 WHERE user_id = 3 AND order_id = 4 AND k IN (SELECT k FROM t_item_0 WHERE"
                    + " user_id = 3 AND order_id = 4)"));
            assertThat(plan("SELECT d.n FROM (SELECT COUNT(*) AS n FROM shop.t_order WHERE user_id = 1 AND"
                    + " order_id = 3) d")).containsExactly(new NodeStatement("ds_1", "SELECT d.n FROM (SELECT"
                    + " COUNT(*) AS n FROM shop_1.t_order_1 WHERE user_id = 1 AND order_id = 3) d"));
            assertThat(plan("WITH o AS (SELECT * FROM t_order WHERE user_id = 2 AND order_id = 3) SELECT * FROM o"
                    + " JOIN t_dict d ON d.k = o.k")).containsExactly(new NodeStatement("ds_0", "WITH o AS (SELECT *"
                    + " FROM t_order_1 WHERE user_id = 2 AND order_id = 3) SELECT * FROM o JOIN t_dict d ON d.k ="
                    + " o.k"));
            assertThat(plan("SELECT id FROM t_order WHERE user_id = 1 AND order_id = 3 UNION ALL SELECT id FROM"
                    + " t_item WHERE user_id IN (1, 3) AND order_id = 5 ORDER BY id")).containsExactly(
                    new NodeStatement("ds_1", "SELECT id FROM t_order_1 WHERE user_id = 1 AND order_id = 3 UNION ALL"
                            + " SELECT id FROM t_item_1 WHERE user_id IN (1, 3) AND order_id = 5 ORDER BY id"));
            assertThat(plan("(SELECT id FROM t_order WHERE user_id = 1 AND order_id = 3)")).extracting(
                    NodeStatement::sql).containsExactly("(SELECT id FROM t_order_1 WHERE user_id = 1 AND order_id = 3)");
        }

        @Test
        void blocksMayReadDifferentTablesOfTheirDataSource() {
            assertThat(plan("SELECT * FROM t_order WHERE user_id = 1 AND order_id = 1 AND k IN (SELECT k FROM t_user"
                    + " WHERE user_id = 1 AND order_id = 2)")).as("each block sees exactly its own rows")
                    .containsExactly(new NodeStatement("ds_1", "SELECT * FROM t_order_1 WHERE user_id = 1 AND"
                            + " order_id = 1 AND k IN (SELECT k FROM t_user_0 WHERE user_id = 1 AND order_id = 2)"));
        }

        @Test
        void writesToo() {
            assertThat(plan("UPDATE t_order SET s = 1 WHERE user_id = ? AND order_id = ? AND k IN (SELECT k FROM"
                    + " t_item WHERE user_id = ? AND order_id = ?)", 2L, 2L, 2L, 2L)).containsExactly(
                    new NodeStatement("ds_0", "UPDATE t_order_0 SET s = 1 WHERE user_id = ? AND order_id = ? AND k IN"
                            + " (SELECT k FROM t_item_0 WHERE user_id = ? AND order_id = ?)"));
            refused("UPDATE t_order SET user_id = 1 WHERE user_id = 2 AND order_id = 2 AND k IN (SELECT k FROM"
                    + " t_item WHERE user_id = 2 AND order_id = 2)", "changes sharding column user_id");
        }

        @Test
        void valuesOfOneShapeRouteEachExecution() {
            String sql = "SELECT * FROM t_order WHERE user_id = ? AND order_id = ? AND k IN (SELECT k FROM t_item"
                    + " WHERE user_id = ? AND order_id = ?)";
            assertThat(plan(sql, 1L, 1L, 1L, 1L)).extracting(NodeStatement::dataSource).containsExactly("ds_1");
            assertThat(plan(sql, 2L, 1L, 2L, 1L)).extracting(NodeStatement::dataSource).containsExactly("ds_0");
            assertThatThrownBy(() -> plan(sql, 2L, 1L, 1L, 1L)).hasMessageContaining("different data sources");
        }

        @Test
        void contradictoryConditionsStillRunOnOneShard() {
            assertThat(plan("SELECT * FROM (SELECT * FROM t_order WHERE user_id = 1 AND user_id = 2) x")).hasSize(1);
        }
    }

    @Nested
    class CorrelatedSubqueriesOnBoundTables {
        @Test
        void followTheOuterRowToItsNode() {
            assertThat(plan("SELECT * FROM t_order o WHERE EXISTS (SELECT 1 FROM t_item i WHERE i.order_id ="
                    + " o.order_id AND i.user_id = o.user_id)")).containsExactly(
                    new NodeStatement("ds_0", "SELECT * FROM t_order_0 o WHERE EXISTS (SELECT 1 FROM t_item_0 i"
                            + " WHERE i.order_id = o.order_id AND i.user_id = o.user_id)"),
                    new NodeStatement("ds_0", "SELECT * FROM t_order_1 o WHERE EXISTS (SELECT 1 FROM t_item_1 i"
                            + " WHERE i.order_id = o.order_id AND i.user_id = o.user_id)"),
                    new NodeStatement("ds_1", "SELECT * FROM t_order_0 o WHERE EXISTS (SELECT 1 FROM t_item_0 i"
                            + " WHERE i.order_id = o.order_id AND i.user_id = o.user_id)"),
                    new NodeStatement("ds_1", "SELECT * FROM t_order_1 o WHERE EXISTS (SELECT 1 FROM t_item_1 i"
                            + " WHERE i.order_id = o.order_id AND i.user_id = o.user_id)"));
            assertThat(plan("SELECT * FROM t_order o WHERE o.user_id = 1 AND o.k NOT IN (SELECT k FROM t_item WHERE"
                    + " user_id = o.user_id AND order_id = o.order_id AND k IS NOT NULL)"))
                    .as("IN, the subquery's columns unqualified").extracting(NodeStatement::sql).containsExactly(
                    "SELECT * FROM t_order_0 o WHERE o.user_id = 1 AND o.k NOT IN (SELECT k FROM t_item_0 WHERE"
                            + " user_id = o.user_id AND order_id = o.order_id AND k IS NOT NULL)",
                    "SELECT * FROM t_order_1 o WHERE o.user_id = 1 AND o.k NOT IN (SELECT k FROM t_item_1 WHERE"
                            + " user_id = o.user_id AND order_id = o.order_id AND k IS NOT NULL)");
            assertThat(plan("SELECT * FROM t_user u WHERE EXISTS (SELECT 1 FROM t_user v WHERE (v.user_id ="
                    + " u.user_id) AND v.order_id = u.order_id AND v.id <> u.id)")).as("a table with itself")
                    .hasSize(4);
        }

        @Test
        void aggregatesOrderAndLimitInsideAreExact() {
            ShardPlan plan = route("SELECT o.order_id, (SELECT SUM(i.price) FROM t_item i WHERE i.user_id ="
                    + " o.user_id AND i.order_id = o.order_id) AS total FROM t_order o ORDER BY total DESC, o.order_id"
                    + " LIMIT 3");
            assertThat(plan.statements()).extracting(NodeStatement::sql).contains("SELECT o.order_id, (SELECT"
                    + " SUM(i.price) FROM t_item_1 i WHERE i.user_id = o.user_id AND i.order_id = o.order_id) AS"
                    + " total FROM t_order_1 o ORDER BY total DESC, o.order_id LIMIT 3");
            assertThat(plan.merge().grouped()).isFalse();
            assertThat(plan.merge().order()).hasSize(2);
        }

        @Test
        void throughSeveralLevelsAndInWrites() {
            assertThat(plan("SELECT * FROM t_order o WHERE EXISTS (SELECT 1 FROM t_dict d WHERE d.k = o.k AND"
                    + " EXISTS (SELECT 1 FROM t_item i WHERE i.user_id = o.user_id AND i.order_id = o.order_id AND"
                    + " EXISTS (SELECT 1 FROM t_order p WHERE p.user_id = i.user_id AND p.order_id = i.order_id)))"))
                    .extracting(NodeStatement::sql).contains("SELECT * FROM t_order_1 o WHERE EXISTS (SELECT 1 FROM"
                            + " t_dict d WHERE d.k = o.k AND EXISTS (SELECT 1 FROM t_item_1 i WHERE i.user_id ="
                            + " o.user_id AND i.order_id = o.order_id AND EXISTS (SELECT 1 FROM t_order_1 p WHERE"
                            + " p.user_id = i.user_id AND p.order_id = i.order_id)))").hasSize(4);
            assertThat(plan("DELETE FROM t_item WHERE user_id = 1 AND EXISTS (SELECT 1 FROM t_order o WHERE"
                    + " o.user_id = t_item.user_id AND o.order_id = t_item.order_id AND o.s = 0)"))
                    .extracting(NodeStatement::sql).containsExactly(
                            "DELETE FROM t_item_0 WHERE user_id = 1 AND EXISTS (SELECT 1 FROM t_order_0 o WHERE"
                                    + " o.user_id = t_item_0.user_id AND o.order_id = t_item_0.order_id AND o.s = 0)",
                            "DELETE FROM t_item_1 WHERE user_id = 1 AND EXISTS (SELECT 1 FROM t_order_1 o WHERE"
                                    + " o.user_id = t_item_1.user_id AND o.order_id = t_item_1.order_id AND o.s = 0)");
            assertThat(plan("SELECT * FROM t_order o WHERE o.user_id = 1 AND o.order_id = 1 AND EXISTS (SELECT 1"
                    + " FROM t_item i WHERE i.user_id = o.user_id AND i.order_id = o.order_id)")).containsExactly(
                    new NodeStatement("ds_1", "SELECT * FROM t_order_1 o WHERE o.user_id = 1 AND o.order_id = 1 AND"
                            + " EXISTS (SELECT 1 FROM t_item_1 i WHERE i.user_id = o.user_id AND i.order_id ="
                            + " o.order_id)"));
        }

        @Test
        void anythingShortOfEverySharingColumnIsRefused() {
            refused("SELECT * FROM t_order o WHERE EXISTS (SELECT 1 FROM t_item i WHERE i.order_id = o.order_id)",
                    "a subquery reads sharded table t_item on 4 shards", "user_id, order_id");
            refused("SELECT * FROM t_order o WHERE EXISTS (SELECT 1 FROM t_item i WHERE i.order_id = o.order_id AND"
                    + " i.user_id = o.user_id OR i.x = 1)", "a subquery");
            refused("SELECT * FROM t_order o WHERE EXISTS (SELECT 1 FROM t_user u WHERE u.order_id = o.order_id AND"
                    + " u.user_id = o.user_id)", "t_user");
            refused("SELECT * FROM t_order o WHERE EXISTS (SELECT 1 FROM t_item o WHERE o.order_id = o.order_id AND"
                    + " o.user_id = o.user_id)", "t_item");
            refused("SELECT * FROM t_order o WHERE EXISTS (SELECT 1 FROM t_item i WHERE i.order_id = o.user_id AND"
                    + " i.user_id = o.order_id)", "t_item");
            refused("SELECT * FROM t_order o JOIN (SELECT * FROM t_item i WHERE i.user_id = 1) x ON x.user_id ="
                    + " o.user_id AND x.order_id = o.order_id", "a derived table reads sharded table t_item");
        }
    }

    @Nested
    class Refusals {
        @Test
        void blocksThatWouldSeeOnlyTheirShardsRows() {
            refused("SELECT * FROM t_order WHERE order_id IN (SELECT order_id FROM t_item)",
                    "a subquery reads sharded table t_item on 4 shards", "broadcast");
            refused("SELECT * FROM t_order WHERE amount > (SELECT AVG(amount) FROM t_order)", "a subquery");
            refused("SELECT * FROM (SELECT * FROM t_order) x", "a derived table reads sharded table t_order");
            refused("WITH x AS (SELECT * FROM t_order WHERE user_id = 1) SELECT * FROM x", "a WITH query",
                    "2 shards");
            refused("SELECT id FROM t_order UNION ALL SELECT id FROM t_item", "a SELECT of a UNION");
            refused("SELECT * FROM t_dict WHERE k IN (SELECT k FROM t_order)", "a subquery reads sharded table");
            refused("SELECT * FROM t_order WHERE k IN (SELECT k FROM t_item WHERE user_id = 1 AND order_id = 1)",
                    "this statement reaches 4 shards of t_order and a subquery in it reads sharded table t_item");
        }

        @Test
        void blocksOnDifferentShards() {
            refused("SELECT * FROM t_order WHERE user_id = 1 AND order_id = 1 AND k IN (SELECT k FROM t_item WHERE"
                    + " user_id = 2 AND order_id = 1)", "different data sources");
            refused("SELECT id FROM t_order WHERE user_id = 1 AND order_id = 1 UNION SELECT id FROM t_order WHERE"
                    + " user_id = 1 AND order_id = 2", "read on two shards (t_order_1 and t_order_0)");
        }

        @Test
        void tablesThatAreNotOnTheShards() {
            refused("SELECT * FROM t_order WHERE user_id = 1 AND order_id = 1 AND k IN (SELECT k FROM t_plain)",
                    "t_plain, which is neither sharded nor broadcast");
            refused("SELECT * FROM t_order o WHERE EXISTS (SELECT 1 FROM t_item i JOIN t_user u ON u.user_id ="
                    + " i.user_id WHERE i.user_id = o.user_id AND i.order_id = o.order_id)", "not bound");
        }

        @Test
        void namesThatWouldBeRenamed() {
            refused("WITH t_order AS (SELECT * FROM t_dict) SELECT * FROM t_item WHERE k IN (SELECT k FROM t_order)",
                    "named t_order, like a sharded table");
            refused("SELECT * FROM t_order o JOIN (SELECT k FROM t_dict) t_dict ON t_dict.k = o.k",
                    "like a broadcast table");
        }

        @Test
        void writesOfOtherTablesReadingShardedRows() {
            refused("UPDATE t_dict SET v = 1 WHERE k IN (SELECT k FROM t_order WHERE user_id = 1 AND order_id = 1)",
                    "writes tables that are not sharded");
            refused("INSERT INTO t_order (user_id, order_id, k) SELECT user_id, order_id, k FROM t_item WHERE"
                    + " user_id = 1 AND order_id = 1", "INSERT ... SELECT");
            refused("INSERT INTO t_order (user_id, order_id, k) VALUES (1, 1, (SELECT MAX(k) FROM t_item))",
                    "reads sharded table t_item");
            refused("INSERT INTO t_dict (k) SELECT order_id FROM t_order WHERE user_id = 1 AND order_id = 1",
                    "reads sharded table t_order");
            assertThat(plan("INSERT INTO t_plain (k) SELECT k FROM t_dict WHERE k IN (SELECT k FROM t_dict)"))
                    .containsExactly(new NodeStatement("ds_0", "INSERT INTO t_plain (k) SELECT k FROM t_dict WHERE"
                            + " k IN (SELECT k FROM t_dict)"));
            assertThat(plan("INSERT INTO t_order (user_id, order_id, k) VALUES (1, 1, (SELECT MAX(k) FROM t_dict))"))
                    .containsExactly(new NodeStatement("ds_1", "INSERT INTO t_order_1 (user_id, order_id, k) VALUES"
                            + " (1, 1, (SELECT MAX(k) FROM t_dict))"));
        }

        @Test
        void updatesAcrossShardsStillMustNotNeedAMerge() {
            refused("DELETE FROM t_order WHERE k IN (SELECT k FROM t_dict) ORDER BY id LIMIT 1", "ORDER BY");
        }
    }

    @Test
    void anOuterJoinKeepingBroadcastRowsAcrossShardsIsRefused() {
        refused("SELECT * FROM t_dict d LEFT JOIN t_order o ON o.k = d.k", "LEFT JOIN", "repeated");
        refused("SELECT * FROM t_order o RIGHT JOIN t_dict d ON o.k = d.k WHERE o.user_id = 1", "RIGHT JOIN");
        assertThat(plan("SELECT * FROM t_dict d LEFT JOIN t_order o ON o.k = d.k WHERE o.user_id = 1 AND"
                + " o.order_id = 1")).as("one shard").hasSize(1);
        assertThat(plan("SELECT * FROM t_order o LEFT JOIN t_dict d ON o.k = d.k")).hasSize(4);
        assertThat(plan("SELECT * FROM t_dict d JOIN t_order o ON o.k = d.k")).hasSize(4);
    }
}
