-- The mariadb command-line client scenario (check_mariadb_cli.sh runs it with --force -vvv --show-warnings
-- --column-type-info, directly and through Shardline, and compares the outputs).
\s
SELECT DATABASE() AS db, CURRENT_USER() AS cu, @@character_set_client AS csc, @@character_set_results AS csr,
  @@collation_connection AS coll, @@autocommit AS ac, @@session.time_zone AS tz, @@session.sql_mode AS mode,
  @@in_transaction AS in_tx;
-- session_track_* are left out: Shardline's backend connections track every variable, so these show its own settings (docs/architecture.md, Known limitations)
DROP TABLE IF EXISTS t_cli;
DROP PROCEDURE IF EXISTS p_cli;
DROP TABLE IF EXISTS no_such_table_cli;
CREATE TABLE t_cli (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  u INT UNSIGNED, b BIGINT, d DECIMAL(20,6), f FLOAT, g DOUBLE,
  dt DATE, dtm DATETIME(6), ts TIMESTAMP(6) NULL DEFAULT NULL, tm TIME(3), y YEAR,
  c CHAR(10), v VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci, tx TEXT, bl MEDIUMBLOB, j JSON,
  bt BIT(8), e ENUM('red','green','blue'), s SET('a','b','c'),
  UNIQUE KEY uk_u (u)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
INSERT INTO t_cli (u, b, d, f, g, dt, dtm, ts, tm, y, c, v, tx, bl, j, bt, e, s) VALUES (4294967295,
  -9223372036854775808, 12345678901234.123456, 1.5, 2.718281828459045, '2024-02-29', '2024-02-29 23:59:59.123456',
  '2024-03-01 12:00:00.654321', '-838:59:59.000', 2024, 'chr', 'héllo 😀 wörld ✓', REPEAT('text ', 100),
  REPEAT(X'00FF10', 1048576), '{"k": [1, 2, {"x": null}], "s": "😀"}', b'10100101', 'green', 'a,c');
INSERT INTO t_cli (u) VALUES (NULL), (NULL);
-- SQL-level prepared statements (the CLI has no parameter binding of its own).
PREPARE ins FROM 'INSERT INTO t_cli (u, v, bl) VALUES (?, ?, ?)';
SET @u = 4000000000, @v = 'emoji 🐬🚀', @bl = REPEAT(X'01', 2 * 1024 * 1024);
EXECUTE ins USING @u, @v, @bl;
DEALLOCATE PREPARE ins;
SELECT id, u, b, d, f, g, dt, dtm, ts, tm, y, c, v, LENGTH(tx) AS txlen, LENGTH(bl) AS bllen, SHA2(bl, 256) AS sha,
  j, bt, e, s FROM t_cli ORDER BY id;
SELECT bt, _binary 'ab' AS bin, X'00ff' AS hex FROM t_cli WHERE id = 1;
UPDATE t_cli SET c = 'chr' WHERE id = 1;
UPDATE t_cli SET c = 'changed' WHERE id IN (1, 2);
-- Errors, each followed by a successful statement.
INSERT INTO t_cli (u) VALUES (4294967295);
SELECT 'still usable' AS ok;
SELEC 1;
SELECT * FROM no_such_table_xyz;
SELECT 3 AS ok;
SELECT CAST('12abc' AS SIGNED) AS w, 1/0 AS div0;
SHOW WARNINGS;
INSERT IGNORE INTO t_cli (u) VALUES (4294967295);
-- Transactions.
START TRANSACTION; INSERT INTO t_cli (u) VALUES (101); SELECT @@in_transaction; ROLLBACK;
SELECT COUNT(*) FROM t_cli WHERE u = 101;
BEGIN; INSERT INTO t_cli (u) VALUES (102); COMMIT;
SELECT COUNT(*), @@in_transaction FROM t_cli WHERE u = 102;
INSERT INTO t_cli (u) VALUES (201);
SELECT LAST_INSERT_ID();
-- A stored procedure with two result sets and an OUT parameter.
DELIMITER //
CREATE PROCEDURE p_cli(IN a INT, OUT b INT)
BEGIN
  SELECT a AS first_set;
  SELECT a * 2 AS second_set, 'two' AS label;
  SET b = a * 3;
END //
DELIMITER ;
CALL p_cli(7, @out_b);
SELECT @out_b;
-- Session state.
SET time_zone = '+05:30';
SELECT @@session.time_zone, ts FROM t_cli WHERE id = 1;
SET sql_mode = 'ANSI_QUOTES,NO_ENGINE_SUBSTITUTION';
SELECT @@session.sql_mode, "id" FROM t_cli ORDER BY id LIMIT 1;
INSERT INTO t_cli (u, c) VALUES (300, REPEAT('x', 20));
USE information_schema
SELECT DATABASE();
USE clients_check
source sourced.sql
\s
DROP TABLE t_cli;
DROP PROCEDURE p_cli;
