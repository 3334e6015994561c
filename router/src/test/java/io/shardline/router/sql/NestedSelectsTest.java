package io.shardline.router.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NestedSelectsTest {
    /** The text of the tokens outside nested queries, one space apart. */
    private static String outside(String sql) {
        Tokens tokens = SqlLexer.tokenize(sql);
        NestedSelects nested = NestedSelects.of(tokens);
        List<String> result = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (!nested.contains(i)) {
                result.add(tokens.text(i));
            }
        }
        return String.join(" ", result);
    }

    @Test
    void subqueriesDerivedTablesAndWithQueriesAreNested() {
        assertThat(outside("SELECT (a + 1), f(2) FROM t WHERE b IN (SELECT c FROM (SELECT c FROM u) d) AND"
                + " EXISTS ( select 1 )")).isEqualTo("SELECT ( a + 1 ) , f ( 2 ) FROM t WHERE b IN AND EXISTS");
        assertThat(outside("WITH x AS (SELECT 1 FROM u ORDER BY 1 LIMIT 1) SELECT a FROM x ORDER BY a"))
                .isEqualTo("WITH x AS SELECT a FROM x ORDER BY a");
        assertThat(outside("SELECT a FROM t WHERE b IN ((SELECT 1) UNION (SELECT 2))"))
                .isEqualTo("SELECT a FROM t WHERE b IN ( UNION )");
    }

    @Test
    void aStatementWithoutThemAllocatesNothing() {
        NestedSelects none = NestedSelects.of(SqlLexer.tokenize("SELECT a, `select` FROM t WHERE b IN (1, 2)"));
        assertThat(none.any()).isFalse();
        assertThat(none.contains(3)).isFalse();
        assertThat(NestedSelects.of(SqlLexer.tokenize("SELECT a FROM (SELECT 1")).contains(4))
                .as("an unclosed subquery runs to the end").isTrue();
    }
}
