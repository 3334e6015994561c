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

/**
 * What MergeRewriter alone sees. Its rewrites and refusals, as the planner applies them, are plan cases:
 * proxy/src/test/resources/plan/merge.cases.
 */
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
    void aHavingConditionItCannotEvaluateIsRefused() {
        assertThatThrownBy(() -> rewrite("SELECT a FROM t GROUP BY a HAVING MAX(b) > (SELECT 1)"))
                .isInstanceOf(ShardingException.class).hasMessageContaining("HAVING");
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
                + " (SELECT MIN(m) FROM c) GROUP BY a ORDER BY a LIMIT 3");
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
    void aGroupingInKeyOrderStreamsWithTheShardsSortingByTheKeys() {
        MergeRewriter.Rewrite r = rewrite("SELECT b, COUNT(*), AVG(v) FROM t WHERE v > 0 GROUP BY LOWER(a), 1;");
        assertThat(r.sql()).isEqualTo("SELECT b, COUNT(*), SUM(v) AS `AVG(v)`, COUNT(v), LOWER(a) FROM t WHERE v > 0"
                + " GROUP BY LOWER(a), 1 ORDER BY LOWER(a), 1;");
        assertThat(r.plan().streamOrder()).containsExactly(new SortKey(Slot.hidden(1), false),
                new SortKey(Slot.visible(0), false));

        r = rewrite("SELECT a, b, MAX(c) FROM t GROUP BY a, b HAVING MAX(c) > 1 ORDER BY a DESC, b LIMIT 5");
        assertThat(r.sql()).as("the client's ORDER BY is the shards' already; HAVING keeps the LIMIT off them")
                .isEqualTo("SELECT a, b, MAX(c) FROM t GROUP BY a, b ORDER BY a DESC, b");
        assertThat(r.plan().streamOrder()).containsExactly(new SortKey(Slot.visible(0), true),
                new SortKey(Slot.visible(1), false));

        r = rewrite("SELECT DISTINCT a, b + 1 FROM t WHERE c = 1 LIMIT 2, 3 FOR UPDATE");
        assertThat(r.sql()).isEqualTo("SELECT DISTINCT a, b + 1 FROM t WHERE c = 1 ORDER BY 1, 2 LIMIT 5 FOR UPDATE");
        assertThat(r.plan().streamOrder()).containsExactly(new SortKey(Slot.visible(0), false),
                new SortKey(Slot.visible(1), false));
    }

    @Test
    void otherGroupingsCollectAndTheShardsKeepTheirText() {
        for (String sql : List.of("SELECT COUNT(*), SUM(b) FROM t", "SELECT a, COUNT(DISTINCT b) FROM t GROUP BY a",
                "SELECT a, COUNT(*) FROM t GROUP BY a ORDER BY COUNT(*)", "SELECT a, b FROM t GROUP BY a, b ORDER BY a",
                "SELECT a, b FROM t GROUP BY a, b ORDER BY b, a", "SELECT DISTINCT a, COUNT(*) FROM t GROUP BY a",
                "SELECT DISTINCT * FROM t", "SELECT DISTINCT a, b FROM t ORDER BY b, a",
                "SELECT DISTINCT a, b FROM t ORDER BY a")) {
            MergeRewriter.Rewrite r = rewrite(sql);
            assertThat(r.plan().streamOrder()).as(sql).isEmpty();
            assertThat(r.sql()).as(sql).doesNotContain("ORDER BY a, b").doesNotContain("ORDER BY 1");
        }
    }
}
