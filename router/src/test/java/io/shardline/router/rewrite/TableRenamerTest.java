package io.shardline.router.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardline.router.sql.SqlLexer;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TableRenamerTest {
    private static final Map<String, String> NODE = Map.of("t_order", "t_order_3", "t_item", "t_item_3");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            SELECT * FROM t_order WHERE id = 1                                  | SELECT * FROM t_order_3 WHERE id = 1
            select t_order.id, o.x from T_ORDER o where t_order.id > 0          | select t_order_3.id, o.x from t_order_3 o where t_order_3.id > 0
            SELECT * FROM `t_order` JOIN t_item ON `t_order`.id = t_item.oid    | SELECT * FROM `t_order_3` JOIN t_item_3 ON `t_order_3`.id = t_item_3.oid
            SELECT * FROM t_order o, t_item i WHERE o.id = i.oid                | SELECT * FROM t_order_3 o, t_item_3 i WHERE o.id = i.oid
            SELECT t_order, a, b FROM x WHERE t_order = 1 ORDER BY t_order      | SELECT t_order, a, b FROM x WHERE t_order = 1 ORDER BY t_order
            SELECT a, t_item FROM t_order                                       | SELECT a, t_item FROM t_order_3
            SELECT * FROM shop.t_order WHERE shop.t_order.id = 1                | SELECT * FROM shop_1.t_order_3 WHERE shop_1.t_order_3.id = 1
            SELECT * FROM t_order WHERE id IN (SELECT oid FROM t_item, t_other) | SELECT * FROM t_order_3 WHERE id IN (SELECT oid FROM t_item_3, t_other)
            UPDATE t_order SET status = 'x' WHERE id = 2                        | UPDATE t_order_3 SET status = 'x' WHERE id = 2
            DELETE FROM t_order WHERE id = 2                                    | DELETE FROM t_order_3 WHERE id = 2
            INSERT INTO t_order (id, t_item) VALUES (1, 't_order')              | INSERT INTO t_order_3 (id, t_item) VALUES (1, 't_order')
            DROP TABLE t_order, t_item                                          | DROP TABLE t_order_3, t_item_3
            DESCRIBE t_order                                                    | DESCRIBE t_order_3
            CREATE INDEX i ON t_order (user_id)                                 | CREATE INDEX i ON t_order_3 (user_id)
            DROP INDEX i ON t_order                                             | DROP INDEX i ON t_order_3
            DROP TABLE IF EXISTS t_order                                        | DROP TABLE IF EXISTS t_order_3
            CREATE TABLE IF NOT EXISTS t_order (id INT)                         | CREATE TABLE IF NOT EXISTS t_order_3 (id INT)
            SELECT * FROM x WHERE EXISTS t_order                                | SELECT * FROM x WHERE EXISTS t_order
            SELECT * FROM a JOIN b ON t_order = 1                               | SELECT * FROM a JOIN b ON t_order = 1
            ALTER TABLE t_order ADD INDEX k (t_order)                           | ALTER TABLE t_order_3 ADD INDEX k (t_order)
            SELECT * FROM t_order /* t_order */ -- FROM t_order                 | SELECT * FROM t_order_3 /* t_order */ -- FROM t_order
            SELECT "t_order" FROM t_order                                       | SELECT "t_order" FROM t_order_3
            SELECT * FROM (SELECT a FROM t_x) d, t_order o                      | SELECT * FROM (SELECT a FROM t_x) d, t_order_3 o
            SELECT * FROM t_x, (SELECT a FROM t_item WHERE b IN (1, 2)) i, t_order | SELECT * FROM t_x, (SELECT a FROM t_item_3 WHERE b IN (1, 2)) i, t_order_3
            WITH x AS (SELECT * FROM t_order) SELECT * FROM x, t_item WHERE x.id IN (SELECT id FROM t_order) | WITH x AS (SELECT * FROM t_order_3) SELECT * FROM x, t_item_3 WHERE x.id IN (SELECT id FROM t_order_3)
            SELECT a FROM t_order WHERE b IN (SELECT c FROM d), t_item          | SELECT a FROM t_order_3 WHERE b IN (SELECT c FROM d), t_item
            """)
    void renamesTablesWhereTheyStandForTables(String sql, String expected) {
        assertThat(TableRenamer.rename(SqlLexer.tokenize(sql), NODE, "shop", "shop_1")).isEqualTo(expected);
    }
}
