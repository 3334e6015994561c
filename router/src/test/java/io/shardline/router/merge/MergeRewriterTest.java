package io.shardline.router.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardline.router.algorithm.ShardingException;
import io.shardline.router.sql.LexerOptions;
import io.shardline.router.sql.SqlLexer;
import io.shardline.router.sql.Tokens;
import java.util.List;
import java.util.Map;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.select.PlainSelect;
import org.junit.jupiter.api.Test;

class MergeRewriterTest {

    private static MergeRewriter.Rewrite rewrite(String sql) {
        Tokens tokens = SqlLexer.tokenize(sql, LexerOptions.DEFAULT);
        try {
            return MergeRewriter.of(tokens, (PlainSelect) CCJSqlParserUtil.parse(sql), "t");
        } catch (net.sf.jsqlparser.JSQLParserException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void rowsThatOnlyNeedPuttingTogetherNeedNoPlan() {
        assertThat(rewrite("SELECT a, b FROM t WHERE a > 1 FOR UPDATE")).isNull();
    }

    @Test
    void orderKeysResolveToPositionsAliasesItemsOrHiddenColumns() {
        MergeRewriter.Rewrite r = rewrite("SELECT a, b AS bee, c + 1 FROM t ORDER BY 1, bee DESC, c + 1, t.a, d");
        assertThat(r.plan().order()).containsExactly(new SortKey(Slot.visible(0), false),
                new SortKey(Slot.visible(1), true), new SortKey(Slot.visible(2), false),
                new SortKey(Slot.visible(0), false), new SortKey(Slot.hidden(0), false));
        assertThat(r.sql()).isEqualTo("SELECT a, b AS bee, c + 1, d FROM t ORDER BY 1, bee DESC, c + 1, t.a, d");
        assertThat(r.plan().hiddenColumns()).isEqualTo(1);
    }

    @Test
    void limitsBecomeOffsetPlusCountOnEachShard() {
        MergeRewriter.Rewrite r = rewrite("SELECT * FROM t ORDER BY x LIMIT 10, 5");
        assertThat(r.sql()).isEqualTo("SELECT *, x FROM t ORDER BY x LIMIT 15");
        assertThat(r.plan().offset()).isEqualTo(10);
        assertThat(r.plan().limit()).isEqualTo(5);
        assertThat(rewrite("SELECT a FROM t LIMIT 3 OFFSET 4").sql()).isEqualTo("SELECT a FROM t LIMIT 7");
        assertThat(rewrite("SELECT a FROM t ORDER BY a LIMIT 2 FOR UPDATE").sql())
                .isEqualTo("SELECT a FROM t ORDER BY a LIMIT 2 FOR UPDATE");
    }

    @Test
    void aggregatesMergeAndAverageTravelsAsSumAndCount() {
        MergeRewriter.Rewrite r = rewrite("SELECT status, COUNT(*), avg(amount), MAX(amount) AS top FROM t"
                + " GROUP BY status ORDER BY SUM(amount) DESC LIMIT 3");
        assertThat(r.sql()).isEqualTo("SELECT status, COUNT(*), SUM(amount) AS `avg(amount)`, MAX(amount) AS top,"
                + " COUNT(amount), SUM(amount) FROM t GROUP BY status ORDER BY SUM(amount) DESC");
        MergePlan plan = r.plan();
        assertThat(plan.grouped()).isTrue();
        assertThat(plan.groupKeys()).containsExactly(Slot.visible(0));
        assertThat(plan.aggregates()).isEqualTo(Map.of(Slot.visible(1), Aggregate.COUNT, Slot.visible(2),
                Aggregate.AVG, Slot.visible(3), Aggregate.MAX, Slot.hidden(0), Aggregate.COUNT, Slot.hidden(1),
                Aggregate.SUM));
        assertThat(plan.averageCounts()).isEqualTo(Map.of(Slot.visible(2), Slot.hidden(0)));
        assertThat(plan.order()).containsExactly(new SortKey(Slot.hidden(1), true));
        assertThat(plan.limit()).isEqualTo(3);
    }

    @Test
    void havingIsTakenFromTheShardsAndEvaluatedOnTheMergedGroups() {
        MergeRewriter.Rewrite r = rewrite("SELECT status, COUNT(*) AS n FROM t GROUP BY status HAVING n > 1 AND"
                + " (SUM(amount) >= 10.5 OR MIN(note) = 'x' OR MAX(amount) IS NULL) ORDER BY status LIMIT 5");
        assertThat(r.sql()).isEqualTo("SELECT status, COUNT(*) AS n, SUM(amount), MIN(note), MAX(amount) FROM t"
                + " GROUP BY status ORDER BY status");
        assertThat(r.plan().having()).isEqualTo(new Condition.And(
                new Condition.Compare(Condition.Comparison.GREATER, new Condition.Column(Slot.visible(1)),
                        new Condition.Literal(new java.math.BigDecimal("1"))),
                new Condition.Or(new Condition.Or(
                        new Condition.Compare(Condition.Comparison.GREATER_OR_EQUAL,
                                new Condition.Column(Slot.hidden(0)),
                                new Condition.Literal(new java.math.BigDecimal("10.5"))),
                        new Condition.Compare(Condition.Comparison.EQUAL, new Condition.Column(Slot.hidden(1)),
                                new Condition.Literal("x"))),
                        new Condition.IsNull(new Condition.Column(Slot.hidden(2)), false))));
        assertThat(r.plan().aggregates()).containsEntry(Slot.hidden(0), Aggregate.SUM)
                .containsEntry(Slot.hidden(1), Aggregate.MIN).containsEntry(Slot.hidden(2), Aggregate.MAX);
    }

    @Test
    void countDistinctHasTheShardsGroupByItsValue() {
        MergeRewriter.Rewrite grouped = rewrite("SELECT status, COUNT(DISTINCT user_id) FROM t GROUP BY status"
                + " ORDER BY 2 DESC");
        assertThat(grouped.sql()).isEqualTo("SELECT status, COUNT(DISTINCT user_id), user_id FROM t GROUP BY status,"
                + " user_id ORDER BY 2 DESC");
        assertThat(grouped.plan().groupKeys()).containsExactly(Slot.visible(0));
        assertThat(grouped.plan().aggregates()).containsEntry(Slot.visible(1), Aggregate.COUNT_DISTINCT);
        assertThat(grouped.plan().distinctValues()).isEqualTo(Map.of(Slot.visible(1), Slot.hidden(0)));
        assertThat(rewrite("SELECT COUNT(DISTINCT user_id) FROM t WHERE a = 1").sql())
                .isEqualTo("SELECT COUNT(DISTINCT user_id), user_id FROM t WHERE a = 1 GROUP BY user_id");
        assertThat(rewrite("SELECT COUNT(DISTINCT user_id) AS n FROM t LIMIT 1 FOR UPDATE").sql())
                .isEqualTo("SELECT COUNT(DISTINCT user_id) AS n, user_id FROM t GROUP BY user_id FOR UPDATE");
    }

    @Test
    void subqueriesKeepTheirOwnClausesAndAggregates() {
        MergeRewriter.Rewrite r = rewrite("SELECT a, (SELECT COUNT(*) FROM d WHERE d.k = t.a) AS n FROM t WHERE b IN"
                + " (SELECT k FROM d GROUP BY k ORDER BY k LIMIT 2) ORDER BY n DESC LIMIT 1, 5");
        assertThat(r.sql()).isEqualTo("SELECT a, (SELECT COUNT(*) FROM d WHERE d.k = t.a) AS n FROM t WHERE b IN"
                + " (SELECT k FROM d GROUP BY k ORDER BY k LIMIT 2) ORDER BY n DESC LIMIT 6");
        assertThat(r.plan().grouped()).isFalse();
        assertThat(r.plan().order()).containsExactly(new SortKey(Slot.visible(1), true));
        assertThat(r.plan().offset()).isEqualTo(1);

        r = rewrite("WITH c AS (SELECT MAX(k) AS m FROM d GROUP BY k ORDER BY 1 LIMIT 9) SELECT a, SUM(b) FROM t"
                + " WHERE a > (SELECT MIN(m) FROM c) GROUP BY a ORDER BY a LIMIT 3");
        assertThat(r.sql()).as("the statement's own SELECT comes after its WITH clause").isEqualTo("WITH c AS"
                + " (SELECT MAX(k) AS m FROM d GROUP BY k ORDER BY 1 LIMIT 9) SELECT a, SUM(b) FROM t WHERE a >"
                + " (SELECT MIN(m) FROM c) GROUP BY a ORDER BY a");
        assertThat(r.plan().groupKeys()).containsExactly(Slot.visible(0));
        assertThat(r.plan().aggregates()).isEqualTo(Map.of(Slot.visible(1), Aggregate.SUM));

        assertThat(rewrite("SELECT a FROM t WHERE a IN (SELECT k FROM (SELECT k, ROW_NUMBER() OVER (ORDER BY k) AS r"
                + " FROM d) x WHERE r = 1)")).as("a window function of a subquery").isNull();
        assertThat(rewrite("SELECT a, b FROM t JOIN (SELECT DISTINCT k FROM d LIMIT 3) x ON x.k = t.a")).isNull();
        MergeRewriter.Rewrite hidden = rewrite("SELECT a FROM t ORDER BY (SELECT MAX(v) FROM d WHERE d.k = t.a)");
        assertThat(hidden.sql()).as("a subquery as a hidden sort key").isEqualTo("SELECT a, (SELECT MAX(v) FROM d"
                + " WHERE d.k = t.a) FROM t ORDER BY (SELECT MAX(v) FROM d WHERE d.k = t.a)");
        for (String each : List.of("SELECT (ROW_NUMBER() OVER (ORDER BY a)) FROM t",
                "SELECT (SELECT 1) + COUNT(*) FROM t", "SELECT COUNT(*) FROM t HAVING COUNT(*) > (SELECT 1)")) {
            assertThatThrownBy(() -> rewrite(each)).as(each).isInstanceOf(ShardingException.class);
        }
    }

    @Test
    void whatTheMergeCannotComputeIsRefused() {
        for (String each : List.of("SELECT COUNT(DISTINCT a, b) FROM t", "SELECT SUM(DISTINCT a) FROM t", "SELECT a, COUNT(*) FROM t GROUP BY a HAVING"
                + " COUNT(*) * 2 > 1", "SELECT a FROM t GROUP BY a HAVING MAX(b) > (SELECT 1)",
                "SELECT SUM(a) / COUNT(*) FROM t", "SELECT GROUP_CONCAT(a) FROM t",
                "SELECT a FROM t GROUP BY a WITH ROLLUP", "SELECT *, COUNT(*) FROM t",
                "SELECT DISTINCT a FROM t ORDER BY b", "SELECT SQL_CALC_FOUND_ROWS a FROM t LIMIT 1")) {
            assertThatThrownBy(() -> rewrite(each)).as(each).isInstanceOf(ShardingException.class);
        }
    }
}
