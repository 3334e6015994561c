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
    void aStatementWithTheFullShardKeyRunsOnOneNode() {
        assertThat(plan("SELECT * FROM t_order WHERE user_id = 3 AND order_id = 4")).containsExactly(
                new NodeStatement("ds_1", "SELECT * FROM t_order_0 WHERE user_id = 3 AND order_id = 4"));
        assertThat(plan("UPDATE t_order SET s = 1 WHERE user_id = ? AND order_id = ?", 2L, 5L)).containsExactly(
                new NodeStatement("ds_0", "UPDATE t_order_1 SET s = 1 WHERE user_id = ? AND order_id = ?"));
    }

    @Test
    void withoutConditionsEveryNodeGetsItsOwnTables() {
        assertThat(new ShardPlanner(10, true).plan("DELETE FROM shop.t_order", SHOP, LexerOptions.DEFAULT, List.of(),
                KEYS::incrementAndGet)).as("with the safety switch off").containsExactly(
                new NodeStatement("ds_0", "DELETE FROM shop.t_order_0"),
                new NodeStatement("ds_0", "DELETE FROM shop.t_order_1"),
                new NodeStatement("ds_1", "DELETE FROM shop_1.t_order_0"),
                new NodeStatement("ds_1", "DELETE FROM shop_1.t_order_1"));
    }

    @Test
    void boundTablesJoinOnTheirMatchingNodes() {
        assertThat(plan("SELECT * FROM t_order o JOIN t_item i ON o.order_id = i.order_id AND i.user_id = o.user_id"
                + " JOIN t_dict d ON d.k = o.k WHERE o.user_id = 1 AND o.order_id = 1")).containsExactly(
                new NodeStatement("ds_1", "SELECT * FROM t_order_1 o JOIN t_item_1 i ON o.order_id = i.order_id AND"
                        + " i.user_id = o.user_id JOIN t_dict d ON d.k = o.k WHERE o.user_id = 1 AND o.order_id = 1"));
    }

    @Test
    void anInsertWithoutAColumnListIsPlacedByTheTablesKnownColumns() {
        ShardPlan plan = PLANNER.route("INSERT INTO t_order VALUES (5, 1, 'a'), (4, 2, 'b')", SHOP,
                LexerOptions.DEFAULT, List.of(), KEYS::incrementAndGet,
                table -> table.equals("t_order") ? List.of("Order_Id", "user_id", "note") : null);
        assertThat(plan.statements()).containsExactly(
                new NodeStatement("ds_1", "INSERT INTO t_order_1 VALUES (5, 1, 'a')"),
                new NodeStatement("ds_0", "INSERT INTO t_order_0 VALUES (4, 2, 'b')"));
    }

    @Test
    void conditionsNoRowCanMeetStillRunOnOneShard() {
        assertThat(plan("SELECT * FROM t_order WHERE user_id = 1 AND user_id = 2")).containsExactly(
                new NodeStatement("ds_0", "SELECT * FROM t_order_0 WHERE user_id = 1 AND user_id = 2"));
    }

    @Test
    void joinsThatDoNotEquateEverySharingColumnAreRefused() {
        assertThatThrownBy(() -> plan("SELECT * FROM t_order o JOIN t_item i ON o.order_id = i.order_id"))
                .isInstanceOf(ShardingException.class).hasMessageContaining("without equating their sharding columns");
        assertThatThrownBy(() -> plan("SELECT * FROM t_order a JOIN t_order b ON a.note = b.note"))
                .as("a table with itself").isInstanceOf(ShardingException.class);
        assertThatThrownBy(() -> plan("SELECT * FROM t_order o JOIN t_item i ON o.order_id = i.order_id"
                + " WHERE o.user_id = i.user_id OR o.x = 1")).as("only AND-joined equalities count")
                .isInstanceOf(ShardingException.class);
        assertThat(plan("SELECT * FROM t_order a JOIN t_order b ON (a.user_id = b.user_id) WHERE"
                + " a.order_id = b.order_id")).hasSize(4);
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

    @Test
    void insertRowsGoToTheirNodesTogether() {
        assertThat(plan("INSERT INTO t_order (user_id, order_id, note) VALUES (1, 1, 'a'), (2, 3, 'b'), (3, 5, 'c'),"
                + " (0, 0, NOW())")).containsExactly(
                new NodeStatement("ds_1", "INSERT INTO t_order_1 (user_id, order_id, note) VALUES (1, 1, 'a'),"
                        + " (3, 5, 'c')"),
                new NodeStatement("ds_0", "INSERT INTO t_order_1 (user_id, order_id, note) VALUES (2, 3, 'b')"),
                new NodeStatement("ds_0", "INSERT INTO t_order_0 (user_id, order_id, note) VALUES (0, 0, NOW())"));
        assertThat(plan("INSERT INTO shop.t_order (order_id, user_id) VALUES (?, ?) ON DUPLICATE KEY UPDATE"
                + " n = n + 1", 4L, 5L)).containsExactly(new NodeStatement("ds_1",
                "INSERT INTO shop_1.t_order_0 (order_id, user_id) VALUES (?, ?) ON DUPLICATE KEY UPDATE n = n + 1"));
    }

    @Test
    void aLeftOutKeyIsGenerated() {
        List<NodeStatement> plan = plan("INSERT INTO t_log (msg) VALUES ('x'), ('y')");
        assertThat(plan).as("consecutive keys alternate between the two tables").hasSize(2);
        java.util.Set<Long> keys = new java.util.HashSet<>();
        for (NodeStatement each : plan) {
            java.util.regex.Matcher m = java.util.regex.Pattern
                    .compile("INSERT INTO t_log_(\\d) \\(msg, id\\) VALUES \\('[xy]', (\\d+)\\)").matcher(each.sql());
            assertThat(m.matches()).as(each.sql()).isTrue();
            long key = Long.parseLong(m.group(2));
            assertThat(Long.parseLong(m.group(1))).as("the table the generated key belongs in").isEqualTo(key % 2);
            keys.add(key);
        }
        assertThat(keys).hasSize(2);
    }

    @Test
    void writesToBroadcastTablesReachEveryDataSource() {
        assertThat(plan("INSERT INTO t_dict (k, v) VALUES (1, 'one')")).as("the second a copy the client is not"
                + " told of").containsExactly(
                new NodeStatement("ds_0", "INSERT INTO t_dict (k, v) VALUES (1, 'one')", false),
                new NodeStatement("ds_1", "INSERT INTO t_dict (k, v) VALUES (1, 'one')", true));
        assertThat(plan("UPDATE t_dict SET v = 'uno' WHERE k = 1")).extracting(NodeStatement::dataSource)
                .containsExactly("ds_0", "ds_1");
        assertThat(plan("SELECT v FROM t_dict WHERE k = 1")).extracting(NodeStatement::dataSource)
                .containsExactly("ds_0");
    }

    @Test
    void writesWithoutWhereAndShardKeyChangesAreRefused() {
        assertThatThrownBy(() -> plan("DELETE FROM t_order")).isInstanceOf(ShardingException.class)
                .hasMessageContaining("without WHERE").hasMessageContaining("allow-full-table-writes");
        assertThatThrownBy(() -> plan("UPDATE t_item SET x = 1")).isInstanceOf(ShardingException.class)
                .hasMessageContaining("UPDATE without WHERE");
        assertThat(plan("DELETE FROM t_order WHERE 1 = 1")).hasSize(4);
        assertThat(plan("UPDATE t_dict SET v = 'x'")).as("broadcast tables have no shards to protect").hasSize(2);
        assertThatThrownBy(() -> plan("UPDATE t_order SET `User_Id` = 4 WHERE order_id = 1"))
                .isInstanceOf(ShardingException.class).hasMessageContaining("changes sharding column user_id");
        assertThatThrownBy(() -> plan("UPDATE t_order o JOIN t_item i ON o.order_id = i.order_id SET i.order_id = 2"
                + " WHERE o.user_id = 1")).isInstanceOf(ShardingException.class)
                .hasMessageContaining("sharding column order_id");
    }

    @Test
    void readsOnSeveralShardsComeWithAMergePlanWritesThatWouldNeedOneAreRefused() {
        ShardPlan ordered = PLANNER.route("SELECT * FROM t_order ORDER BY order_id LIMIT 5, 10", SHOP,
                LexerOptions.DEFAULT, List.of(), KEYS::incrementAndGet);
        assertThat(ordered.statements()).extracting(NodeStatement::sql).containsExactly(
                "SELECT *, order_id FROM t_order_0 ORDER BY order_id LIMIT 15",
                "SELECT *, order_id FROM t_order_1 ORDER BY order_id LIMIT 15",
                "SELECT *, order_id FROM t_order_0 ORDER BY order_id LIMIT 15",
                "SELECT *, order_id FROM t_order_1 ORDER BY order_id LIMIT 15");
        assertThat(ordered.merge().offset()).isEqualTo(5);
        assertThat(PLANNER.route("SELECT * FROM t_order", SHOP, LexerOptions.DEFAULT, List.of(),
                KEYS::incrementAndGet).merge()).as("rows put together need no merge").isNull();
        assertThat(PLANNER.route("SELECT COUNT(*) FROM t_order WHERE user_id = 1 AND order_id = 3 ORDER BY 1", SHOP,
                LexerOptions.DEFAULT, List.of(), KEYS::incrementAndGet).merge()).as("one shard").isNull();
        assertThatThrownBy(() -> plan("DELETE FROM t_order WHERE user_id = 1 ORDER BY order_id LIMIT 1"))
                .isInstanceOf(ShardingException.class).hasMessageContaining("cannot apply across shards");
        assertThatThrownBy(() -> plan("SELECT a, COUNT(*) FROM t_order GROUP BY a HAVING COUNT(*) + 1 > 2"))
                .isInstanceOf(ShardingException.class).hasMessageContaining("HAVING");
        assertThat(plan("SELECT `count`, `order` FROM t_order WHERE note = 'LIMIT 1'")).as("names and strings are"
                + " not clauses").hasSize(4);
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
    void ddlOnAShardedTableRunsOnEveryActualTable() {
        assertThat(plan("CREATE TABLE t_order (id BIGINT PRIMARY KEY, user_id INT, KEY k (user_id))")).containsExactly(
                new NodeStatement("ds_0", "CREATE TABLE t_order_0 (id BIGINT PRIMARY KEY, user_id INT, KEY k (user_id))"),
                new NodeStatement("ds_0", "CREATE TABLE t_order_1 (id BIGINT PRIMARY KEY, user_id INT, KEY k (user_id))"),
                new NodeStatement("ds_1", "CREATE TABLE t_order_0 (id BIGINT PRIMARY KEY, user_id INT, KEY k (user_id))"),
                new NodeStatement("ds_1", "CREATE TABLE t_order_1 (id BIGINT PRIMARY KEY, user_id INT, KEY k (user_id))"));
        assertThat(plan("ALTER TABLE shop.t_order ADD COLUMN x INT")).extracting(NodeStatement::sql).containsExactly(
                "ALTER TABLE shop.t_order_0 ADD COLUMN x INT", "ALTER TABLE shop.t_order_1 ADD COLUMN x INT",
                "ALTER TABLE shop_1.t_order_0 ADD COLUMN x INT", "ALTER TABLE shop_1.t_order_1 ADD COLUMN x INT");
        assertThat(plan("DROP TABLE IF EXISTS t_order")).extracting(NodeStatement::sql).contains(
                "DROP TABLE IF EXISTS t_order_1");
        assertThat(plan("TRUNCATE TABLE t_order")).hasSize(4);
        assertThat(plan("CREATE INDEX i ON t_order (user_id)")).extracting(NodeStatement::sql).contains(
                "CREATE INDEX i ON t_order_0 (user_id)");
        assertThat(plan("DROP INDEX i ON t_order")).extracting(NodeStatement::sql).contains("DROP INDEX i ON t_order_1");
    }

    @Test
    void ddlOnOtherTables() {
        assertThat(plan("CREATE TABLE t_dict (k INT PRIMARY KEY)")).extracting(NodeStatement::dataSource)
                .containsExactly("ds_0", "ds_1");
        assertThat(plan("CREATE TABLE t_plain (k INT)")).containsExactly(
                new NodeStatement("ds_0", "CREATE TABLE t_plain (k INT)"));
        assertThatThrownBy(() -> plan("DROP TABLE t_order, t_plain")).hasMessageContaining("one statement per table");
        assertThatThrownBy(() -> plan("RENAME TABLE t_order TO t_old")).hasMessageContaining("rules");
    }

    @Test
    void conditionsOnABoundTableNarrowTheRouteToo() {
        assertThat(plan("SELECT * FROM t_order o JOIN t_item i USING (x) WHERE o.order_id = i.order_id AND"
                + " o.user_id = i.user_id AND i.user_id = 1 AND i.order_id = 1")).extracting(NodeStatement::dataSource)
                .containsExactly("ds_1");
        assertThat(plan("SELECT * FROM t_order o JOIN t_item i ON o.order_id = i.order_id AND o.user_id = i.user_id"
                + " WHERE o.user_id = 1 AND i.order_id = 0")).extracting(NodeStatement::sql).containsExactly(
                "SELECT * FROM t_order_0 o JOIN t_item_0 i ON o.order_id = i.order_id AND o.user_id = i.user_id"
                        + " WHERE o.user_id = 1 AND i.order_id = 0");
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
