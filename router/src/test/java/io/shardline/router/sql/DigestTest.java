package io.shardline.router.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class DigestTest {
    private static List<Object> values(Digest digest) {
        return digest.literals().stream().map(Literal::value).toList();
    }

    @Test
    void statementsThatDifferOnlyInValuesAndSpacingShareAShape() {
        Digest one = Digest.of("SELECT c FROM sbtest1 WHERE id=5");
        Digest two = Digest.of("select c  from sbtest1\n where id = 123456 /* note */");
        assertThat(one.shape()).isEqualTo("SELECT c FROM sbtest1 WHERE id = ?");
        assertThat(two.shape()).isEqualTo("select c from sbtest1 where id = ?");
        assertThat(values(one)).containsExactly(5L);
        assertThat(values(two)).containsExactly(123456L);
        assertThat(Digest.of("SELECT c FROM sbtest1 WHERE id = 7").hash()).isEqualTo(one.hash());
        assertThat(Digest.of("SELECT c FROM sbtest1 WHERE k = 7").hash()).isNotEqualTo(one.hash());
    }

    @Test
    void literalsKeepTheirTextPositionAndValue() {
        String sql = "INSERT INTO t (a, b, c, d) VALUES (-12, 'it''s', 1.50, 18446744073709551616)";
        Digest digest = Digest.of(sql);
        assertThat(digest.shape()).isEqualTo("INSERT INTO t ( a , b , c , d ) VALUES ( ? , ? , ? , ? )");
        assertThat(values(digest)).containsExactly(-12L, "it's", new BigDecimal("1.50"),
                new BigInteger("18446744073709551616"));
        Literal minus = digest.literals().get(0);
        assertThat(sql.substring(minus.start(), minus.end())).isEqualTo("-12");
        assertThat(minus.text()).isEqualTo("-12");
        assertThat(digest.literals().get(1).text()).isEqualTo("'it''s'");
    }

    @Test
    void aMinusBetweenOperandsStaysAnOperator() {
        Digest digest = Digest.of("SELECT a - 1, a -1, (-2), x IN (-3, -4) FROM t WHERE b = -5");
        assertThat(digest.shape()).isEqualTo("SELECT a - ? , a - ? , ( ? ) , x IN ( ? , ? ) FROM t WHERE b = ?");
        assertThat(values(digest)).containsExactly(1L, 1L, -2L, -3L, -4L, -5L);
    }

    @Test
    void stringsFollowMySqlEscapingRules() {
        assertThat(values(Digest.of("SELECT 'a\\nb', 'c\\'d', \"e\"\"f\", 'x%\\%'"))).containsExactly("a\nb", "c'd",
                "e\"f", "x%\\%");
        assertThat(values(Digest.of("SELECT 'a' 'b' 'c'"))).as("adjacent strings are one").containsExactly("abc");
        Tokens noEscapes = SqlLexer.tokenize("SELECT 'a\\nb'", new LexerOptions(true, false));
        assertThat(values(Digest.of(noEscapes, new LexerOptions(true, false)))).containsExactly("a\\nb");
    }

    @Test
    void literalsThatShapeTheStatementStayInIt() {
        assertThat(Digest.of("SELECT a, b FROM t ORDER BY 2, 1 DESC LIMIT 10").shape())
                .isEqualTo("SELECT a , b FROM t ORDER BY 2 , 1 DESC LIMIT ?");
        assertThat(Digest.of("SELECT a, COUNT(*) FROM t GROUP BY 1 HAVING COUNT(*) > 3").shape())
                .isEqualTo("SELECT a , COUNT ( * ) FROM t GROUP BY 1 HAVING COUNT ( * ) > ?");
        assertThat(Digest.of("SELECT a FROM t ORDER BY a + 1").shape()).as("an expression, not a position")
                .isEqualTo("SELECT a FROM t ORDER BY a + ?");
        assertThat(Digest.of("SELECT CAST(x AS DECIMAL(10, 2)), CAST(y AS CHAR(3)) FROM t WHERE z = 4").shape())
                .isEqualTo("SELECT CAST ( x AS DECIMAL ( 10 , 2 ) ) , CAST ( y AS CHAR ( 3 ) ) FROM t WHERE z = ?");
        assertThat(Digest.of("SELECT 0x1F, X'0A', _utf8mb4'a', N'b' FROM t").literals()).isEmpty();
        assertThat(Digest.of("SELECT * FROM (SELECT a FROM t ORDER BY 1) d WHERE a > 5").shape())
                .isEqualTo("SELECT * FROM ( SELECT a FROM t ORDER BY 1 ) d WHERE a > ?");
    }

    @Test
    void placeholdersCommentsAndHints() {
        Digest digest = Digest.of("/*+ shardline:replica */ SELECT c FROM t WHERE id = ? AND k = 3 -- tail");
        assertThat(digest.shape()).isEqualTo("SELECT c FROM t WHERE id = ? AND k = ?");
        assertThat(values(digest)).containsExactly(3L);
        assertThat(digest.placeholders()).containsExactly(true, false);
    }

    @Test
    void aPreparedStatementsParametersFillTheClientsPlaceholders() {
        Digest digest = Digest.of("SELECT c FROM t WHERE a = ? AND b = 'x' AND c IN (?, 7)");
        assertThat(digest.values(List.of(10L, 20L))).containsExactly(10L, "x", 20L, 7L);
        assertThat(Digest.of("SELECT 1, 'a'").values(List.of())).containsExactly(1L, "a");
    }
}
