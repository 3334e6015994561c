package io.shardline.router.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardline.router.parse.QueryBlock.ColumnEquality;
import io.shardline.router.parse.QueryBlock.Kind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;
import org.junit.jupiter.api.Test;

class QueryBlocksTest {
    private static Statement parse(String sql) {
        try {
            return CCJSqlParserUtil.parse(sql);
        } catch (JSQLParserException e) {
            throw new AssertionError(e);
        }
    }

    /** Each block as "kind parent tables", in order. */
    private static List<String> outline(QueryBlocks blocks) {
        return blocks.blocks().stream().map(each -> each.kind() + " " + each.parent() + " "
                + each.tables().byQualifier()).toList();
    }

    /** Every table occurrence the blocks list, by name: what TableCounts finds in the same statement. */
    private static Map<String, Integer> occurrences(QueryBlocks blocks) {
        Map<String, Integer> result = new HashMap<>();
        for (QueryBlock block : blocks.blocks()) {
            block.tables().byQualifier().values().forEach(each -> result.merge(each, 1, Integer::sum));
        }
        return result;
    }

    @Test
    void subqueriesAreFoundInEveryPartOfASelect() {
        String sql = "SELECT a, (SELECT 1 FROM t1), COALESCE((SELECT 2 FROM t2), 0),"
                + " CASE WHEN EXISTS (SELECT 1 FROM t3) THEN 1 END"
                + " FROM t0 JOIN (SELECT * FROM t4) d ON d.x = t0.x AND t0.y IN (SELECT y FROM t5)"
                + " JOIN (t6 JOIN t7 ON t6.a = t7.a) ON t6.b = t0.b"
                + " WHERE t0.a = ANY (SELECT a FROM t8) AND NOT t0.b IN (SELECT b FROM t9 UNION SELECT b FROM t10)"
                + " GROUP BY a, (SELECT 3 FROM t11) HAVING COUNT(*) > (SELECT 4 FROM t12) ORDER BY (SELECT 5 FROM t13)";
        QueryBlocks blocks = QueryBlocks.of(parse(sql));
        assertThat(blocks.blocks()).hasSize(12);
        assertThat(blocks.blocks().get(0).kind()).isEqualTo(Kind.MAIN);
        assertThat(blocks.blocks().get(0).tables().byQualifier()).containsOnlyKeys("t0", "t6", "t7");
        assertThat(blocks.blocks().get(0).qualifiers()).containsExactlyInAnyOrder("t0", "d", "t6", "t7");
        assertThat(blocks.blocks().subList(1, 12)).allSatisfy(each -> assertThat(each.parent()).isZero());
        assertThat(blocks.blocks()).filteredOn(each -> each.kind() == Kind.DERIVED_TABLE).hasSize(1);
        assertThat(blocks.blocks()).filteredOn(QueryBlock::setOperand).hasSize(2);
        assertThat(occurrences(blocks)).as("every table, as JSqlParser's finder counts them")
                .isEqualTo(TableCounts.of(parse(sql)));
    }

    @Test
    void unionsDerivedTablesAndWithQueriesNest() {
        QueryBlocks blocks = QueryBlocks.of(parse("WITH w AS (SELECT * FROM t1 WHERE a IN (SELECT a FROM t2))"
                + " SELECT * FROM w JOIN (SELECT * FROM t3 UNION ALL SELECT * FROM w) u ON u.a = w.a"
                + " WHERE EXISTS (SELECT 1 FROM t4 v WHERE v.a = w.a)"));
        assertThat(outline(blocks)).containsExactly("WITH_QUERY -1 {t1=t1}", "SUBQUERY 0 {t2=t2}", "MAIN -1 {}",
                "DERIVED_TABLE 2 {t3=t3}", "DERIVED_TABLE 2 {}", "SUBQUERY 2 {v=t4}");
        assertThat(blocks.main()).isEqualTo(2);
        assertThat(blocks.blocks().get(2).qualifiers()).containsExactlyInAnyOrder("w", "u");
        assertThat(blocks.queryNames()).containsExactlyInAnyOrder("w", "u");

        assertThat(outline(QueryBlocks.of(parse("(SELECT a FROM t1) UNION (SELECT a FROM t2 WHERE b IN (SELECT b"
                + " FROM t3)) ORDER BY a")))).containsExactly("STATEMENT_PART -1 {t1=t1}", "STATEMENT_PART -1 {t2=t2}",
                "SUBQUERY 1 {t3=t3}");
        assertThat(QueryBlocks.of(parse("(SELECT a FROM t1) UNION (SELECT a FROM t2)")).main()).isEqualTo(-1);
    }

    @Test
    void updatesAndDeletesAreTheMainBlock() {
        assertThat(outline(QueryBlocks.of(parse("UPDATE t0 o JOIN t1 i ON i.a = o.a SET o.b = (SELECT MAX(b) FROM"
                + " t2), o.c = 1 WHERE o.d IN (SELECT d FROM t3)")))).containsExactly("MAIN -1 {o=t0, i=t1}",
                "SUBQUERY 0 {t2=t2}", "SUBQUERY 0 {t3=t3}");
        assertThat(outline(QueryBlocks.of(parse("DELETE FROM t0 WHERE EXISTS (SELECT 1 FROM t1 WHERE t1.a = t0.a)"))))
                .containsExactly("MAIN -1 {t0=t0}", "SUBQUERY 0 {t1=t1}");
        assertThat(QueryBlocks.of(parse("INSERT INTO t0 SELECT * FROM t1")).blocks()).isEmpty();
    }

    @Test
    void namesThatAreNotTables() {
        QueryBlocks blocks = QueryBlocks.of(parse("WITH RECURSIVE r AS (SELECT 1 AS n FROM DUAL UNION ALL SELECT n + 1"
                + " FROM r WHERE n < 3) SELECT * FROM r, shop.r"));
        assertThat(outline(blocks)).containsExactly("WITH_QUERY -1 {}", "WITH_QUERY -1 {}", "MAIN -1 {r=r}");
    }

    @Test
    void columnsAreResolvedThroughSubqueriesOnly() {
        QueryBlocks blocks = QueryBlocks.of(parse("SELECT * FROM t0 o JOIN (SELECT * FROM t1 WHERE EXISTS (SELECT 1"
                + " FROM t2 WHERE t2.a = o.a)) d ON 1 = 1 WHERE EXISTS (SELECT 1 FROM t3 i WHERE EXISTS (SELECT 1"
                + " FROM t4 WHERE t4.a = o.a AND t4.b = i.b))"));
        assertThat(outline(blocks)).containsExactly("MAIN -1 {o=t0}", "DERIVED_TABLE 0 {t1=t1}", "SUBQUERY 1 {t2=t2}",
                "SUBQUERY 0 {i=t3}", "SUBQUERY 3 {t4=t4}");
        assertThat(blocks.definingBlock(2, "o")).as("a derived table sees no outer column").isEqualTo(-1);
        assertThat(blocks.definingBlock(2, "t1")).isEqualTo(1);
        assertThat(blocks.definingBlock(4, "o")).isZero();
        assertThat(blocks.definingBlock(4, "i")).isEqualTo(3);
        assertThat(blocks.definingBlock(4, "t4")).isEqualTo(4);
        assertThat(blocks.definingBlock(3, "t4")).isEqualTo(-1);
    }

    @Test
    void equalitiesAreTheColumnComparisonsAndedAtTheTopOfWhere() {
        QueryBlock block = QueryBlocks.of(parse("SELECT * FROM t WHERE (t.a = o.a AND `B` = o.b) AND c = 1 AND"
                + " (d = e OR f = g) AND NOT h = i")).blocks().get(0);
        assertThat(block.equalities()).containsExactly(new ColumnEquality("t", "a", "o", "a"),
                new ColumnEquality(null, "b", "o", "b"));
    }
}
