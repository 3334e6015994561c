// The client scenario for go-sql-driver/mysql (see check_go_mysql.go); returns a transcript of named steps.
package main

import (
	"bytes"
	"fmt"
	"os"
)

const columnList = "u, b, d, f, g, dt, dtm, ts, tm, y, c, v, tx, bl, j, bt, e, s"
const marks = "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?"

var blob = bytes.Repeat([]byte{0, 1, 2, 250, 251, 255}, 3*1024*1024/6+5)

func params(u int64) []interface{} {
	return []interface{}{u, int64(9223372036854775807), "-99999999999999.999999", 0.25, -1e-300, "1999-12-31",
		"2000-01-01 00:00:00.000001", "2038-01-19 03:14:07.999999", "-00:59:58.995", 1901, "x",
		"emoji 🐬🚀 ünïcödé ' \" \\ ?", "multi\nline\ttext", blob, `{"a": "b"}`, []byte{1}, "blue", "a,b,c"}
}

func scenario(t target, tls bool, full bool) (steps []step) {
	table, proc := "t_go", "p_go"
	add := func(name string, data interface{}) {
		trace("step " + name)
		steps = append(steps, step{name, data})
	}
	textPool, text, err := pinned(dsn(t, schema, true, tls))
	if err != nil {
		add("aborted", map[string]interface{}{"at": "text login", "error": errorOf(err)})
		return
	}
	binPool, bin, err := pinned(dsn(t, schema, false, tls))
	if err != nil {
		add("aborted", map[string]interface{}{"at": "binary login", "error": errorOf(err)})
		return
	}
	q := func(name, sqlText string, args ...interface{}) { add(name, query(text, sqlText, args...)) }
	qb := func(name, sqlText string, args ...interface{}) { add(name, query(bin, sqlText, args...)) }
	x := func(name, sqlText string, args ...interface{}) { add(name, exec(text, sqlText, args...)) }
	xb := func(name, sqlText string, args ...interface{}) { add(name, exec(bin, sqlText, args...)) }

	q("session_defaults", "SELECT DATABASE() AS db, CURRENT_USER() AS cu, @@character_set_client AS csc, "+
		"@@character_set_connection AS csn, @@character_set_results AS csr, @@collation_connection AS coll, "+
		"@@autocommit AS ac, @@session.time_zone AS tz, @@session.sql_mode AS mode, @@tx_isolation AS iso, "+
		// session_track_* are left out: Shardline's backend connections track every variable, so these show its own settings (docs/architecture.md, Known limitations)
		"@@in_transaction AS in_tx, @@max_allowed_packet AS map")
	exec(text, "DROP TABLE IF EXISTS "+table)
	exec(text, "DROP PROCEDURE IF EXISTS "+proc)
	x("drop_missing_table_note", "DROP TABLE IF EXISTS no_such_table_go")
	q("show_warnings_note", "SHOW WARNINGS")
	x("create_table", `CREATE TABLE `+table+` (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  u INT UNSIGNED, b BIGINT, d DECIMAL(20,6), f FLOAT, g DOUBLE,
  dt DATE, dtm DATETIME(6), ts TIMESTAMP(6) NULL DEFAULT NULL, tm TIME(3), y YEAR,
  c CHAR(10), v VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci, tx TEXT, bl MEDIUMBLOB, j JSON,
  bt BIT(8), e ENUM('red','green','blue'), s SET('a','b','c'),
  UNIQUE KEY uk_u (u)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`)
	x("insert_text", "INSERT INTO "+table+" ("+columnList+") VALUES (4294967295, -9223372036854775808, "+
		"12345678901234.123456, 1.5, 2.718281828459045, '2024-02-29', '2024-02-29 23:59:59.123456', "+
		"'2024-03-01 12:00:00.654321', '-838:59:59.000', 2024, 'chr', 'héllo 😀 wörld ✓', REPEAT('text ', 1000), "+
		"REPEAT(X'00FF10', 1048576), '{\"k\": [1, 2, {\"x\": null}], \"s\": \"😀\"}', b'10100101', 'green', 'a,c')")
	x("insert_interpolated", "INSERT INTO "+table+" ("+columnList+") VALUES ("+marks+")", params(4000000000)...)
	xb("insert_prepared_long_data", "INSERT INTO "+table+" ("+columnList+") VALUES ("+marks+")", params(4000000001)...)
	nulls := make([]interface{}, 18)
	xb("insert_prepared_nulls", "INSERT INTO "+table+" ("+columnList+") VALUES ("+marks+")", nulls...)
	q("select_all_text", "SELECT * FROM "+table+" ORDER BY id")
	qb("select_all_binary", "SELECT * FROM "+table+" WHERE id > ? ORDER BY id", 0)
	q("select_checks", "SELECT id, LENGTH(bl) AS len, SHA2(bl, 256) AS sha, HEX(v) AS hexv, JSON_TYPE(j) AS jt, "+
		"bt + 0 AS bits, CAST(ts AS CHAR) AS ts_text, CAST(tm AS CHAR) AS tm_text FROM "+table+" ORDER BY id")
	literals := "SELECT 1 AS i, 1.5 AS dec_lit, 1.5e0 AS dbl, 'str' AS s, NULL AS n, 18446744073709551615 AS ubig, " +
		"CAST(-1 AS SIGNED) AS neg, X'00ff' AS bin, DATE '2020-01-02' AS d, TIME '-12:34:56.789' AS tm"
	q("select_literals_text", literals)
	qb("select_literals_binary", literals+", ? AS p", "param")
	x("update_same_value", "UPDATE "+table+" SET c = 'chr' WHERE id = 1")
	xb("update_prepared", "UPDATE "+table+" SET c = ? WHERE id IN (?, ?)", "changed", 1, 2)
	// Errors, each followed by a successful query on the same connection, in both protocols.
	x("error_duplicate_key", "INSERT INTO "+table+" (u) VALUES (4294967295)")
	q("after_duplicate_key", "SELECT 'still usable' AS ok")
	q("error_syntax", "SELEC 1")
	q("error_unknown_table", "SELECT * FROM no_such_table_xyz")
	q("after_errors", "SELECT 3 AS ok")
	xb("error_prepared_duplicate", "INSERT INTO "+table+" (u) VALUES (?)", 4294967295)
	qb("error_prepare_unknown_table", "SELECT * FROM no_such_table_xyz WHERE a = ?", 1)
	qb("after_prepared_errors", "SELECT ? AS echo", "ok")
	// Warnings.
	q("warning_cast", "SELECT CAST('12abc' AS SIGNED) AS w, 1/0 AS div0")
	q("show_warnings", "SHOW WARNINGS")
	// Transactions through the driver API and through SQL.
	tx, err := text.BeginTx(ctx, nil)
	if err == nil {
		add("tx1_insert", exec(tx, "INSERT INTO "+table+" (u) VALUES (101)"))
		add("tx1_state", query(tx, "SELECT @@in_transaction AS in_tx, COUNT(*) AS n FROM "+table+" WHERE u = 101"))
		add("tx1_rollback", fmt.Sprint(tx.Rollback()))
	}
	q("tx1_after_rollback", "SELECT @@in_transaction AS in_tx, COUNT(*) AS n FROM "+table+" WHERE u = 101")
	if tx, err = bin.BeginTx(ctx, nil); err == nil {
		add("tx2_insert_prepared", exec(tx, "INSERT INTO "+table+" (u) VALUES (?)", 102))
		add("tx2_commit", fmt.Sprint(tx.Commit()))
	}
	q("tx2_after_commit", "SELECT COUNT(*) AS n FROM "+table+" WHERE u = 102")
	q("tx3_sql", "START TRANSACTION; INSERT INTO "+table+" (u) VALUES (103); ROLLBACK; SELECT COUNT(*) AS n FROM "+
		table+" WHERE u = 103")
	// LAST_INSERT_ID and insert ids.
	x("insert_for_id", "INSERT INTO "+table+" (u) VALUES (201)")
	q("last_insert_id", "SELECT LAST_INSERT_ID() AS id")
	xb("insert_prepared_two_rows", "INSERT INTO "+table+" (u) VALUES (?), (?)", 202, 203)
	qb("last_insert_id_prepared", "SELECT LAST_INSERT_ID() AS id, ? AS p", 1)
	// A stored procedure with two result sets and an OUT parameter; multi-statements.
	x("create_procedure", "CREATE PROCEDURE "+proc+"(IN a INT, OUT b INT) BEGIN SELECT a AS first_set; "+
		"SELECT a * 2 AS second_set, 'two' AS label; SET b = a * 3; END")
	q("call_text", "CALL "+proc+"(7, @out_b)")
	q("call_out", "SELECT @out_b AS b")
	qb("call_prepared", "CALL "+proc+"(?, @out_c)", 5)
	q("call_prepared_out", "SELECT @out_c AS c")
	q("multi_statement", "SELECT 1 AS a, 'x' AS b; UPDATE "+table+" SET c = 'multi' WHERE id = 1; SELECT c FROM "+
		table+" WHERE id = 1")
	// No multi-statement with an error in the middle here: driver v1.5.0 then waits for a result that never
	// comes (readTimeout), directly against MariaDB as much as through Shardline.
	// Session state, and a reused prepared statement.
	x("set_time_zone", "SET time_zone = '+05:30'")
	q("read_time_zone", "SELECT @@session.time_zone AS tz, ts FROM "+table+" WHERE id = 1")
	x("set_sql_mode", "SET sql_mode = 'ANSI_QUOTES,NO_ENGINE_SUBSTITUTION'")
	q("read_sql_mode", "SELECT @@session.sql_mode AS mode, \"id\" FROM "+table+" ORDER BY id LIMIT 1")
	x("non_strict_truncation", "INSERT INTO "+table+" (u, c) VALUES (300, REPEAT('x', 20))")
	q("show_warnings_truncation", "SHOW WARNINGS")
	if stmt, err := bin.PrepareContext(ctx, "SELECT id, u FROM "+table+" WHERE id <= ? ORDER BY id"); err == nil {
		add("prepared_reuse_1", query(stmt2q{stmt}, "", 2))
		add("prepared_reuse_2", query(stmt2q{stmt}, "", 1))
		add("prepared_close", fmt.Sprint(stmt.Close()))
	} else {
		add("prepared_reuse_1", map[string]interface{}{"error": errorOf(err)})
	}
	add("ping", fmt.Sprint(bin.PingContext(ctx)))
	text.Close()
	bin.Close()
	textPool.Close()
	binPool.Close()
	// A new connection must start clean: nothing of the previous session may leak through pooled backends.
	pool, fresh, err := pinned(dsn(t, schema, true, tls))
	if err != nil {
		add("aborted", map[string]interface{}{"at": "second login", "error": errorOf(err)})
		return
	}
	add("fresh_session", query(fresh, "SELECT @@session.time_zone AS tz, @@session.sql_mode AS mode, @out_b AS b, "+
		"DATABASE() AS db, @@in_transaction AS in_tx"))
	add("cleanup", exec(fresh, "DROP TABLE "+table+"; DROP PROCEDURE "+proc))
	fresh.Close()
	pool.Close()
	// LOAD DATA LOCAL INFILE (allowAllFiles=true) on a connection of its own, as a failure may break it; a short
	// net_read_timeout makes a server that never gets the data give up in seconds.
	if pool, infile, err := pinned(dsn(t, schema, true, tls)); err == nil {
		if csv, err := os.CreateTemp("", "shardline-go-*.csv"); err == nil {
			csv.WriteString("1,one\n2,two\n3,\"three, with comma\"\n")
			csv.Close()
			add("local_infile_setup", exec(infile, "SET SESSION net_read_timeout = 5; CREATE TEMPORARY TABLE li (a INT, b TEXT)"))
			add("local_infile", exec(infile, "LOAD DATA LOCAL INFILE '"+csv.Name()+"' INTO TABLE li FIELDS TERMINATED BY ','"+
				" OPTIONALLY ENCLOSED BY '\"'"))
			add("after_local_infile", query(infile, "SELECT * FROM li ORDER BY a"))
			os.Remove(csv.Name())
		}
		infile.Close()
		pool.Close()
	}
	if full {
		add("wrong_password", loginError(target{t.port, t.user, "wrong-password"}, schema, tls))
		add("unknown_schema", loginError(t, "no_such_schema", tls))
	}
	return
}
