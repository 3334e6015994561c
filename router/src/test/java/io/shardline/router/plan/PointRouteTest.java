package io.shardline.router.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardline.router.algorithm.AlgorithmSpec;
import io.shardline.router.algorithm.Algorithms;
import io.shardline.router.parse.ConditionExtractor;
import io.shardline.router.parse.TableNames;
import io.shardline.router.rewrite.TableRenamer;
import io.shardline.router.route.NodeRouter;
import io.shardline.router.rule.DataNode;
import io.shardline.router.rule.DataNodeExpression;
import io.shardline.router.rule.SchemaRules;
import io.shardline.router.rule.TableRule;
import io.shardline.router.sql.Digest;
import io.shardline.router.sql.LexerOptions;
import io.shardline.router.sql.SqlLexer;
import io.shardline.router.sql.Tokens;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.select.PlainSelect;
import org.junit.jupiter.api.Test;

/**
 * A shape's point route must place every statement where the general route (its conditions read, then routed by
 * NodeRouter) places it: the same node, the same text, for keys of every kind the planner meets, under
 * algorithms of every single-column kind.
 */
class PointRouteTest {
    private static TableRule rule(String nodes, AlgorithmSpec database, AlgorithmSpec table) {
        return new TableRule("t_order", DataNodeExpression.parse(nodes).nodes(),
                database == null ? null : Algorithms.create(database), table == null ? null : Algorithms.create(table),
                null);
    }

    private static final List<TableRule> RULES = List.of(
            rule("ds_${0..1}.t_order", new AlgorithmSpec("mod", List.of("id"), Map.of("count", "2")), null),
            rule("ds_${0..1}.t_order_${0..1}", new AlgorithmSpec("hash-mod", List.of("user_id"), Map.of("count", "2")),
                    new AlgorithmSpec("mod", List.of("id"), Map.of("count", "2"))),
            rule("ds_${0..2}.t_order", new AlgorithmSpec("range", List.of("id"), Map.of("boundaries", "[10, 100]")),
                    null),
            rule("ds_0.t_order_${0..3}", null, new AlgorithmSpec("mod", List.of("id"), Map.of("count", "4"))),
            rule("ds_${0..1}.t_order_${0..1}", new AlgorithmSpec("mod", List.of("user_id"), Map.of("count", "2")),
                    new AlgorithmSpec("inline", List.of("id"), Map.of("expression", "t_order_${id % 2}"))),
            rule("ds_${0..1}.t_order_${0..3}", new AlgorithmSpec("mod", List.of("user_id"), Map.of("count", "2")),
                    new AlgorithmSpec("complex", List.of("user_id", "id"),
                            Map.of("expression", "t_order_${(user_id + id) % 4}"))));

    private static final List<String> STATEMENTS = List.of(
            "SELECT c FROM t_order WHERE id = ? AND user_id = ?",
            "SELECT c FROM t_order o WHERE o.user_id = ? AND o.id = ? AND o.k > 3",
            "UPDATE t_order SET c = 'x' WHERE id = ? AND user_id = ?",
            "DELETE FROM t_order WHERE user_id = ? AND id = ?",
            "SELECT c FROM t_order WHERE id = ? OR user_id = ?",
            "SELECT c FROM t_order WHERE id IN (?, ?) AND user_id = 7",
            "SELECT c FROM t_order WHERE id = ? AND id = ? AND user_id = 3",
            "SELECT c FROM t_order WHERE id > ? AND user_id = ?");

    private static final List<Object> KEYS = Arrays.asList(0L, 1L, 7L, 42L, -3L, 99L, 100L, 150L,
            new BigInteger("18446744073709551615"), new BigDecimal("5.0"), new BigDecimal("5.5"), "7", "abc", null);

    @Test
    void everyStatementGoesWhereTheGeneralRouteSendsIt() throws Exception {
        int compared = 0;
        for (TableRule rule : RULES) {
            SchemaRules schema = new SchemaRules("shop", "ds_0", Map.of("t_order", rule), List.of(), Set.of(),
                    Map.of("ds_1", "shop_1"));
            ShardPlanner planner = new ShardPlanner(100);
            for (String sql : STATEMENTS) {
                for (Object first : KEYS) {
                    for (Object second : List.of(1L, 2L, 10L)) {
                        List<Object> values = Arrays.asList(first, second);
                        List<NodeStatement> planned = planner.plan(sql, schema, LexerOptions.DEFAULT, values, () -> 1L);
                        assertThat(planned).as("%s %s %s", rule.dataNodes(), sql, values)
                                .isEqualTo(generalRoute(sql, schema, rule, values));
                        compared++;
                    }
                }
            }
        }
        assertThat(compared).isEqualTo(RULES.size() * STATEMENTS.size() * KEYS.size() * 3);
    }

    /** What the planner gives without a point route: the conditions read and routed, each node's text renamed. */
    private static List<NodeStatement> generalRoute(String sql, SchemaRules schema, TableRule rule,
                                                    List<Object> values) throws Exception {
        Tokens tokens = SqlLexer.tokenize(sql, LexerOptions.DEFAULT);
        Digest digest = Digest.of(tokens, LexerOptions.DEFAULT);
        var statement = CCJSqlParserUtil.parse(digest.shape());
        var where = statement instanceof PlainSelect select ? select.getWhere()
                : statement instanceof net.sf.jsqlparser.statement.update.Update update ? update.getWhere()
                : ((net.sf.jsqlparser.statement.delete.Delete) statement).getWhere();
        List<DataNode> nodes = NodeRouter.route(rule,
                new ConditionExtractor(TableNames.of(statement), digest.values(values)).extract(where));
        if (nodes.isEmpty()) {
            nodes = List.of(rule.dataNodes().get(0));
        }
        if (nodes.size() > 1) {
            return new ShardPlanner(10).plan(sql, schema, LexerOptions.DEFAULT, values, () -> 1L);
        }
        DataNode only = nodes.get(0);
        List<NodeStatement> result = new ArrayList<>();
        result.add(new NodeStatement(only.dataSource(), TableRenamer.rename(tokens, Map.of("t_order", only.table()),
                "shop", schema.actualDatabase(only.dataSource()))));
        return result;
    }
}
