package io.shardline.router.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardline.router.algorithm.AlgorithmSpec;
import io.shardline.router.algorithm.Algorithms;
import io.shardline.router.rule.DataNodeExpression;
import io.shardline.router.rule.SchemaRules;
import io.shardline.router.rule.TableRule;
import io.shardline.router.sql.LexerOptions;
import io.shardline.router.sql.SqlLexer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MetadataRewriteTest {
    private static final TableRule ORDER = new TableRule("t_order",
            DataNodeExpression.parse("ds_${0..1}.t_order_${0..1}").nodes(),
            Algorithms.create(new AlgorithmSpec("mod", List.of("user_id"), Map.of("count", "2"))),
            Algorithms.create(new AlgorithmSpec("mod", List.of("order_id"), Map.of("count", "2"))), null);
    private static final TableRule FAR = new TableRule("t_far", DataNodeExpression.parse("ds_1.t_far_${0..1}").nodes(),
            null, Algorithms.create(new AlgorithmSpec("mod", List.of("id"), Map.of("count", "2"))), null);
    private static final SchemaRules SHOP = new SchemaRules("shop", "ds_0", Map.of("t_order", ORDER, "t_far", FAR),
            List.of(), Set.of(), Map.of());

    private static MetadataRewrite of(String sql) {
        return MetadataRewrite.of(SqlLexer.tokenize(sql, LexerOptions.DEFAULT), SHOP, "ds_0");
    }

    private static List<byte[][]> rows(String... names) {
        List<byte[][]> result = new ArrayList<>();
        for (String each : names) {
            result.add(new byte[][] {each.getBytes(StandardCharsets.UTF_8)});
        }
        return result;
    }

    private static List<String> names(List<byte[][]> rows) {
        return rows.stream().map(row -> new String(row[0], StandardCharsets.UTF_8)).toList();
    }

    @Test
    void showTablesListsEachLogicalTableOnceAndFiltersByItsName() {
        MetadataRewrite all = of("SHOW TABLES");
        assertThat(names(all.apply(List.of("Tables_in_shop"), rows("t_order_0", "t_order_1", "t_user"))))
                .containsExactly("t_far", "t_order", "t_user");
        MetadataRewrite like = of("SHOW TABLES LIKE 't_o%'");
        assertThat(like.sql()).isEqualTo("SHOW TABLES");
        assertThat(like.label(0, "Tables_in_shop")).isEqualTo("Tables_in_shop (t_o%)");
        assertThat(names(like.apply(List.of("Tables_in_shop"), rows("t_order_0", "t_order_1", "t_user"))))
                .containsExactly("t_order");
    }

    @Test
    void informationSchemaAsksForTheFirstActualTableAndShowsTheLogicalOne() {
        MetadataRewrite query = of("SELECT TABLE_NAME, COLUMN_NAME FROM information_schema.COLUMNS"
                + " WHERE TABLE_NAME IN ('t_order', \"t_user\")");
        assertThat(query.sql()).isEqualTo("SELECT TABLE_NAME, COLUMN_NAME FROM information_schema.COLUMNS"
                + " WHERE TABLE_NAME IN ('t_order_0', \"t_user\")");
        List<byte[][]> rows = List.of(new byte[][] {"t_order_0".getBytes(), "id".getBytes()},
                new byte[][] {"t_order_1".getBytes(), "id".getBytes()},
                new byte[][] {"t_user".getBytes(), "id".getBytes()});
        assertThat(names(query.apply(List.of("TABLE_NAME", "COLUMN_NAME"), rows))).containsExactly("t_order",
                "t_user");
        assertThat(of("SELECT 1")).isNull();
        assertThat(of("SHOW VARIABLES")).isNull();
    }

    @Test
    void likeFollowsSqlWildcardsAndEscapes() {
        assertThat(MetadataRewrite.likePattern("t\\_o%").matcher("t_order").matches()).isTrue();
        assertThat(MetadataRewrite.likePattern("t\\_o%").matcher("txorder").matches()).isFalse();
        assertThat(MetadataRewrite.likePattern("t_o.der").matcher("txo.der").matches()).isTrue();
    }
}
