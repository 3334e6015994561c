package io.shardline.router.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardline.router.algorithm.AlgorithmSpec;
import io.shardline.router.algorithm.Algorithms;
import io.shardline.router.parse.ConditionExtractor;
import io.shardline.router.parse.TableNames;
import io.shardline.router.rule.DataNode;
import io.shardline.router.rule.DataNodeExpression;
import io.shardline.router.rule.TableRule;
import io.shardline.router.sql.Digest;
import io.shardline.router.sql.Literal;
import java.util.List;
import java.util.Map;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.update.Update;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SQL in, data nodes out: digest, JSqlParser on the shape, conditions bound with the literals, the table's rule. */
class NodeRouterTest {
    /**
     * t_order: data source by user_id % 2 (inline: -1 % 2 is -1, no data source, so user_id = -1 reaches both),
     * table by order_id % 4 (mod, never negative); t_range: by amount ranges; t_pair: by (a + b) % 4.
     */
    private static final TableRule ORDERS = new TableRule("t_order",
            DataNodeExpression.parse("ds_${0..1}.t_order_${0..3}").nodes(),
            Algorithms.create(new AlgorithmSpec("inline", List.of("user_id"), Map.of("expression", "ds_${user_id % 2}"))),
            Algorithms.create(new AlgorithmSpec("mod", List.of("order_id"), Map.of("count", "4"))), null);
    private static final TableRule RANGES = new TableRule("t_range",
            DataNodeExpression.parse("ds_0.t_range_${0..2}").nodes(), null,
            Algorithms.create(new AlgorithmSpec("range", List.of("amount"), Map.of("boundaries", "[100, 200]"))), null);
    private static final TableRule PAIRS = new TableRule("t_pair",
            DataNodeExpression.parse("ds_0.t_pair_${0..3}").nodes(), null,
            Algorithms.create(new AlgorithmSpec("complex", List.of("a", "b"), Map.of("expression",
                    "t_pair_${(a + b) % 4}"))), null);

    private static String route(TableRule rule, String sql) throws Exception {
        Digest digest = Digest.of(sql);
        Statement statement = CCJSqlParserUtil.parse(digest.shape());
        Expression where = statement instanceof PlainSelect select ? select.getWhere()
                : statement instanceof Update update ? update.getWhere() : ((Delete) statement).getWhere();
        List<Object> values = digest.literals().stream().map(Literal::value).toList();
        ShardConditions conditions = new ConditionExtractor(TableNames.of(statement), values).extract(where);
        List<DataNode> nodes = NodeRouter.route(rule, conditions);
        return nodes.size() == rule.dataNodes().size() ? "ALL"
                : String.join(" ", nodes.stream().map(DataNode::toString).toList());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            SELECT * FROM t_order WHERE user_id = 7 AND order_id = 10              | ds_1.t_order_2
            SELECT * FROM t_order WHERE order_id = 10 AND user_id = 7              | ds_1.t_order_2
            SELECT * FROM t_order WHERE user_id = 7                                | ds_1.t_order_0 ds_1.t_order_1 ds_1.t_order_2 ds_1.t_order_3
            SELECT * FROM t_order WHERE order_id = 10                              | ds_0.t_order_2 ds_1.t_order_2
            SELECT * FROM t_order WHERE order_id IN (1, 2) AND user_id IN (3, 4)   | ds_0.t_order_1 ds_0.t_order_2 ds_1.t_order_1 ds_1.t_order_2
            SELECT * FROM t_order WHERE user_id = 7 AND order_id = 10 OR user_id = 8 AND order_id = 11 | ds_0.t_order_3 ds_1.t_order_2
            SELECT * FROM t_order WHERE (user_id = 7 OR user_id = 9) AND order_id = 1 | ds_1.t_order_1
            SELECT * FROM t_order WHERE user_id = 7 OR order_id = 1                | ds_0.t_order_1 ds_1.t_order_0 ds_1.t_order_1 ds_1.t_order_2 ds_1.t_order_3
            SELECT * FROM t_order WHERE user_id = 7 OR status = 1                  | ALL
            SELECT * FROM t_order WHERE order_id BETWEEN 5 AND 6 AND user_id = 2   | ds_0.t_order_1 ds_0.t_order_2
            SELECT * FROM t_order WHERE order_id > 4 AND order_id < 7 AND user_id = 2 | ds_0.t_order_1 ds_0.t_order_2
            SELECT * FROM t_order WHERE 10 = order_id AND 7 = user_id              | ds_1.t_order_2
            SELECT * FROM t_order o WHERE o.user_id = 7 AND o.order_id = 10        | ds_1.t_order_2
            SELECT * FROM t_order WHERE user_id = 7 AND order_id = 10 AND order_id = 11 | 
            SELECT * FROM t_order WHERE user_id <> 7                               | ALL
            SELECT * FROM t_order WHERE NOT (user_id = 7)                          | ALL
            SELECT * FROM t_order WHERE user_id + 0 = 7                            | ALL
            SELECT * FROM t_order WHERE user_id = order_id                         | ALL
            SELECT * FROM t_order WHERE user_id IN (SELECT id FROM t_user)         | ALL
            SELECT * FROM t_order WHERE user_id = '7' AND order_id = 10            | ds_0.t_order_2 ds_1.t_order_2
            SELECT * FROM t_order WHERE user_id = -1 AND order_id = -1             | ds_0.t_order_3 ds_1.t_order_3
            SELECT * FROM t_order                                                  | ALL
            UPDATE t_order SET status = 'x' WHERE user_id = 7 AND order_id = 10    | ds_1.t_order_2
            DELETE FROM t_order WHERE user_id = 8 AND order_id = 4                 | ds_0.t_order_0
            SELECT * FROM t_order o JOIN t_item i ON o.order_id = i.order_id WHERE o.user_id = 7 AND o.order_id = 1 | ds_1.t_order_1
            SELECT * FROM t_order o JOIN t_item i ON o.order_id = i.order_id WHERE user_id = 7 | ALL
            SELECT * FROM t_order o JOIN t_item i ON o.order_id = i.order_id WHERE i.user_id = 7 | ALL
            """)
    void ordersRouteByTheirConditions(String sql, String expected) throws Exception {
        assertThat(route(ORDERS, sql)).isEqualTo(expected == null ? "" : expected);
    }

    @Test
    void rangesTouchOnlyTheShardsTheyOverlap() throws Exception {
        assertThat(route(RANGES, "SELECT * FROM t_range WHERE amount >= 150")).isEqualTo("ds_0.t_range_1 ds_0.t_range_2");
        assertThat(route(RANGES, "SELECT * FROM t_range WHERE amount < 100")).isEqualTo("ds_0.t_range_0");
        assertThat(route(RANGES, "SELECT * FROM t_range WHERE 100 > amount")).isEqualTo("ds_0.t_range_0");
        assertThat(route(RANGES, "SELECT * FROM t_range WHERE amount BETWEEN 50 AND 150")).isEqualTo(
                "ds_0.t_range_0 ds_0.t_range_1");
        assertThat(route(RANGES, "SELECT * FROM t_range WHERE amount = 250.5")).isEqualTo("ds_0.t_range_2");
    }

    @Test
    void multiColumnStrategiesNeedEveryColumn() throws Exception {
        assertThat(route(PAIRS, "SELECT * FROM t_pair WHERE a = 1 AND b = 2")).isEqualTo("ds_0.t_pair_3");
        assertThat(route(PAIRS, "SELECT * FROM t_pair WHERE a IN (1, 2) AND b = 2")).isEqualTo(
                "ds_0.t_pair_0 ds_0.t_pair_3");
        assertThat(route(PAIRS, "SELECT * FROM t_pair WHERE a = 1")).isEqualTo("ALL");
        assertThat(route(PAIRS, "SELECT * FROM t_pair WHERE a = 1 AND b > 2")).isEqualTo("ALL");
    }
}
