package io.shardline.router.bench;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.shardline.router.algorithm.AlgorithmSpec;
import io.shardline.router.algorithm.Algorithms;
import io.shardline.router.parse.ConditionExtractor;
import io.shardline.router.parse.TableNames;
import io.shardline.router.route.NodeRouter;
import io.shardline.router.rule.DataNode;
import io.shardline.router.rule.DataNodeExpression;
import io.shardline.router.rule.TableRule;
import io.shardline.router.sql.Digest;
import io.shardline.router.sql.Literal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.PlainSelect;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A sharded point select's routing: the statement's shape and values (tokenizing), the parsed shape from a cache
 * (JSqlParser runs once per shape), and the nodes its condition reaches; beside what parsing every statement
 * would cost instead.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class ShardRoutingBenchmark {
    private final String pointSelect = "SELECT c FROM sbtest1 WHERE id=50123";
    /** Data source by id mod 2, table by (id mod 4) / 2: every id has one node. */
    private final TableRule rule = new TableRule("sbtest1",
            DataNodeExpression.parse("ds_${0..1}.sbtest1_${0..1}").nodes(),
            Algorithms.create(new AlgorithmSpec("mod", List.of("id"), Map.of("count", "2"))),
            Algorithms.create(new AlgorithmSpec("inline", List.of("id"), Map.of("expression", "sbtest1_${id % 4 / 2}"))),
            null);
    private final Cache<String, Statement> shapes = Caffeine.newBuilder().maximumSize(10_000).build();

    @Benchmark
    public Digest digest() {
        return Digest.of(pointSelect);
    }

    @Benchmark
    public List<DataNode> digestCachedShapeAndRoute() {
        Digest digest = Digest.of(pointSelect);
        Statement statement = shapes.get(digest.shape(), ShardRoutingBenchmark::parse);
        List<Object> values = digest.literals().stream().map(Literal::value).toList();
        PlainSelect select = (PlainSelect) statement;
        return NodeRouter.route(rule, new ConditionExtractor(TableNames.of(select), values).extract(select.getWhere()));
    }

    private final io.shardline.router.rule.SchemaRules schema = new io.shardline.router.rule.SchemaRules("sbtest",
            "ds_0", Map.of("sbtest1", rule), List.of(), java.util.Set.of(), Map.of());
    private final io.shardline.router.plan.ShardPlanner planner = new io.shardline.router.plan.ShardPlanner(10_000);

    /** What the proxy runs per sharded statement: the whole plan, rewritten text for the one node included. */
    @Benchmark
    public io.shardline.router.plan.ShardPlan planPointSelect() {
        return planner.route(pointSelect, schema, io.shardline.router.sql.LexerOptions.DEFAULT, List.of(), () -> 1L);
    }

    private final String correlatedSelect = "SELECT c FROM sbtest1 a WHERE a.id = 50123 AND EXISTS (SELECT 1 FROM"
            + " sbtest1 b WHERE b.id = a.id AND b.k > a.k)";

    /** The sysbench layout of docs/benchmarks.md: data source by id mod 2, one table named sbtest1 on each. */
    private final io.shardline.router.rule.SchemaRules bySysbenchKey = new io.shardline.router.rule.SchemaRules(
            "sbtest", "ds_0", Map.of("sbtest1", new TableRule("sbtest1",
                    DataNodeExpression.parse("ds_${0..1}.sbtest1").nodes(),
                    Algorithms.create(new AlgorithmSpec("mod", List.of("id"), Map.of("count", "2"))), null, null)),
            List.of(), java.util.Set.of(), Map.of());
    private final io.shardline.router.sql.Tokens pointSelectTokens =
            io.shardline.router.sql.SqlLexer.tokenize(pointSelect, io.shardline.router.sql.LexerOptions.DEFAULT);

    /**
     * What the proxy runs per sharded point select of the sysbench benchmark: the digest, the cached shape and its
     * point route (WHERE id = ? under a mod algorithm), the client's text kept (the node's table has its name);
     * the statement comes tokenized, as the proxy's classifier leaves it.
     */
    @Benchmark
    public io.shardline.router.plan.ShardPlan planPointSelectByKey() {
        return planner.route(pointSelectTokens, bySysbenchKey, io.shardline.router.sql.LexerOptions.DEFAULT,
                List.of(), () -> 1L, table -> null);
    }

    /** A statement nesting a query: its query blocks come with the cached parse, only their routing runs. */
    @Benchmark
    public io.shardline.router.plan.ShardPlan planCorrelatedSubquery() {
        return planner.route(correlatedSelect, schema, io.shardline.router.sql.LexerOptions.DEFAULT, List.of(),
                () -> 1L);
    }

    @Benchmark
    public Statement parseEveryTime() {
        return parse(pointSelect);
    }

    private static Statement parse(String sql) {
        try {
            return CCJSqlParserUtil.parse(sql);
        } catch (JSQLParserException e) {
            throw new IllegalStateException(e);
        }
    }
}
