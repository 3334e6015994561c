package io.shardline.proxy.it;

import java.util.List;

/**
 * Statements whose outcomes must be the same through Shardline as on the server directly. Run in order on one
 * connection; each run starts by recreating its tables, so auto-increment values and contents repeat exactly.
 * Covers every column type, errors followed by further use, warnings, transactions, session variables, user
 * variables, temporary tables, LAST_INSERT_ID/FOUND_ROWS/ROW_COUNT, stored procedures with several result sets.
 */
final class BehaviourKit {
    private BehaviourKit() {}

    static List<String> statements(String suffix) {
        String types = "kit_types_" + suffix;
        String auto = "kit_auto_" + suffix;
        String proc = "kit_proc_" + suffix;
        return List.of(
                "DROP TABLE IF EXISTS " + types,
                "DROP TABLE IF EXISTS " + auto,
                "DROP PROCEDURE IF EXISTS " + proc,
                "CREATE TABLE " + types + " (id INT PRIMARY KEY, ti TINYINT, si SMALLINT UNSIGNED, mi MEDIUMINT,"
                        + " i INT UNSIGNED, bi BIGINT, bu BIGINT UNSIGNED, d DECIMAL(30,10), f FLOAT, db DOUBLE,"
                        + " dt DATE, dtm DATETIME(6), ts TIMESTAMP(6) NULL, tm TIME(6), y YEAR, c CHAR(5),"
                        + " vc VARCHAR(100), tx TEXT, bl BLOB, lb LONGBLOB, j JSON, bt BIT(10), e ENUM('a','b'),"
                        + " st SET('x','y'), bn BINARY(4), vb VARBINARY(10)) DEFAULT CHARSET utf8mb4",
                "INSERT INTO " + types + " VALUES (1, -128, 65535, -8388608, 4294967295, -9223372036854775808,"
                        + " 18446744073709551615, 12345678901234567890.0123456789, 3.25, -2.5e-300, '2024-02-29',"
                        + " '2024-02-29 23:59:59.123456', '2038-01-19 03:14:07.999999', '-838:59:59.000000', 2155,"
                        + " 'ab', 'emoji \uD83D\uDE00 ✓ ünïcödé', REPEAT('text ', 1000), X'00FF10',"
                        + " REPEAT(X'DEADBEEF', 800000), '{\"a\": [1, 2, {\"b\": null}]}', b'1010101010', 'b', 'x,y',"
                        + " X'01020304', X'0A0B')",
                "INSERT INTO " + types + " (id) VALUES (2)",
                "SELECT * FROM " + types + " ORDER BY id",
                "SELECT id, LENGTH(lb), MD5(lb), HEX(bt), j->>'$.a[2]' FROM " + types + " ORDER BY id",
                "SELECT 1/0, CAST('12abc' AS SIGNED), 'x' + 1",
                "SHOW WARNINGS",
                "SELECT * FROM kit_no_such_table",
                "SELEC 1",
                "INSERT INTO " + types + " (id) VALUES (1)",
                "SHOW WARNINGS",
                "SELECT COUNT(*) FROM " + types,
                "SET @kit_var = 42",
                "SELECT @kit_var, @kit_var + 1, @kit_unset",
                "SET time_zone = '+05:30'",
                "SELECT @@time_zone, FROM_UNIXTIME(0), CONVERT_TZ('2020-01-01 00:00:00', '+00:00', @@time_zone)",
                "SET sql_mode = 'ANSI_QUOTES,NO_BACKSLASH_ESCAPES'",
                "SELECT 'a\\b', \"id\" FROM " + types + " WHERE id = 1",
                "SET sql_mode = DEFAULT",
                "SELECT @@sql_mode = @@global.sql_mode",
                "SET NAMES latin1",
                "SELECT @@character_set_client, @@character_set_results, @@collation_connection, 'caf\u00e9'",
                "SET NAMES utf8mb4 COLLATE utf8mb4_unicode_ci",
                "SELECT @@collation_connection, 'a' = 'A', 'ß' = 'ss'",
                "SET NAMES utf8mb4",
                "CREATE TABLE " + auto + " (id INT AUTO_INCREMENT PRIMARY KEY, v VARCHAR(10))",
                "INSERT INTO " + auto + " (v) VALUES ('a'), ('b'), ('c')",
                "SELECT LAST_INSERT_ID()",
                "SELECT SQL_CALC_FOUND_ROWS * FROM " + auto + " ORDER BY id LIMIT 1",
                "SELECT FOUND_ROWS()",
                "UPDATE " + auto + " SET v = 'z' WHERE id >= 2",
                "SELECT ROW_COUNT()",
                "BEGIN",
                "INSERT INTO " + auto + " (v) VALUES ('rolled')",
                "ROLLBACK",
                "START TRANSACTION",
                "INSERT INTO " + auto + " (v) VALUES ('kept')",
                "COMMIT",
                "SELECT id, v FROM " + auto + " ORDER BY id",
                "SET autocommit = 0",
                "DELETE FROM " + auto + " WHERE v = 'kept'",
                "ROLLBACK",
                "SET autocommit = 1",
                "SELECT COUNT(*) FROM " + auto,
                "CREATE TEMPORARY TABLE kit_tmp_" + suffix + " (a INT)",
                "INSERT INTO kit_tmp_" + suffix + " VALUES (1), (2)",
                "SELECT SUM(a) FROM kit_tmp_" + suffix,
                "DROP TEMPORARY TABLE kit_tmp_" + suffix,
                "SELECT GET_LOCK('kit_" + suffix + "', 0), IS_FREE_LOCK('kit_" + suffix + "'), RELEASE_LOCK('kit_"
                        + suffix + "')",
                "CREATE PROCEDURE " + proc + "(IN n INT) BEGIN SELECT n AS first; SELECT n + 1 AS second, 'two' AS t;"
                        + " END",
                "CALL " + proc + "(7)",
                "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED",
                "SELECT @@tx_isolation",
                "SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ",
                "SELECT DATABASE(), SCHEMA()",
                "USE mysql",
                "SELECT DATABASE()",
                "USE " + ProxyFixture.SCHEMA,
                "SELECT DATABASE()",
                "DO 1",
                "SHOW COLUMNS FROM " + auto,
                "EXPLAIN SELECT * FROM " + auto + " WHERE id = 1",
                "SELECT 1; SELECT 2, 'multi'",
                "DROP PROCEDURE " + proc,
                "DROP TABLE " + types + ", " + auto);
    }
}
