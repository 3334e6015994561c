package io.shardline.router.merge;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardline.router.algorithm.ShardingException;
import io.shardline.router.sql.LexerOptions;
import io.shardline.router.sql.SqlLexer;
import io.shardline.router.sql.Tokens;
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
}
