"""The client scenario for Python DB-API drivers, written once and run with a small driver adapter (see
check_pymysql.py and check_mysqldb.py for the adapter interface). Returns a transcript: [(step, data)]."""
import datetime
import decimal
import os
import tempfile

from common import SCHEMA, norm

BLOB = bytes(range(256)) * (3 * 4096 + 7)  # a little over 3 MiB
COLUMNS = "u, b, d, f, g, dt, dtm, ts, tm, y, c, v, tx, bl, j, bt, e, s"
TABLE_DDL = """CREATE TABLE {t} (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  u INT UNSIGNED, b BIGINT, d DECIMAL(20,6), f FLOAT, g DOUBLE,
  dt DATE, dtm DATETIME(6), ts TIMESTAMP(6) NULL DEFAULT NULL, tm TIME(3), y YEAR,
  c CHAR(10), v VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci, tx TEXT, bl MEDIUMBLOB, j JSON,
  bt BIT(8), e ENUM('red','green','blue'), s SET('a','b','c'),
  UNIQUE KEY uk_u (u)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4"""
TEXT_INSERT = """INSERT INTO {t} (%s) VALUES (4294967295, -9223372036854775808, 12345678901234.123456, 1.5,
  2.718281828459045, '2024-02-29', '2024-02-29 23:59:59.123456', '2024-03-01 12:00:00.654321', '-838:59:59.000',
  2024, 'chr', 'héllo 😀 wörld ✓', REPEAT('text ', 1000), REPEAT(X'00FF10', 1048576),
  '{{"k": [1, 2, {{"x": null}}], "s": "😀"}}', b'10100101', 'green', 'a,c')""" % COLUMNS
PARAMS = (4000000000, 9223372036854775807, decimal.Decimal("-99999999999999.999999"), 0.25, -1.0e-300,
          datetime.date(1999, 12, 31), datetime.datetime(2000, 1, 1, 0, 0, 0, 1),
          datetime.datetime(2038, 1, 19, 3, 14, 7, 999999), datetime.timedelta(hours=-1, seconds=1, milliseconds=5),
          1901, "x", "emoji 🐬🚀 ünïcödé ' \" \\ %s", "multi\nline\ttext", BLOB, '{"a": "b"}', b"\x01", "blue",
          "a,b,c")


def run(a, conn, sql, params=None):
    """Executes one statement and records every result set, or the error."""
    cur = conn.cursor()
    results = []
    try:
        cur.execute(sql, params) if params is not None else cur.execute(sql)
        while True:
            results.append(result_of(a, conn, cur))
            if not cur.nextset():
                break
    except a.Error as exc:
        results.append({"error": a.error(conn, exc)})
    finally:
        try:
            cur.close()
        except a.Error as exc:
            results.append({"error_on_close": a.error(conn, exc)})
    return results


def result_of(a, conn, cur):
    result = {"rowcount": cur.rowcount, "lastrowid": cur.lastrowid}
    result.update(norm(a.extra(conn, cur)))
    if cur.description:
        result["columns"] = a.meta(cur)
        result["rows"] = norm(list(cur.fetchall()))
    return result


def connect_error(a, **kwargs):
    try:
        a.connect(**kwargs).close()
        return {"connected": True}
    except a.Error as exc:
        return {"error": a.error(None, exc)}


def login(a, steps, which, target, options):
    """Connects, or records why not (as the step "aborted", which ends the transcript) and returns None."""
    try:
        return a.connect(target=target, **options)
    except a.Error as exc:
        steps.append(("aborted", {"at": which, "user": target["user"], "error": a.error(None, exc)}))
        return None


def scenario(a, target, full=True, **connect_options):
    """The scenario on one target. full=False leaves out the login-failure steps, whose messages name the user.
    A failure outside a recorded statement (a lost connection, a driver exception) ends it with "aborted"."""
    steps = []
    try:
        run_scenario(a, target, full, connect_options, steps)
    except Exception as exc:  # noqa: BLE001 - whatever broke, the comparison must show it, not crash
        steps.append(("aborted", {"after": steps[-1][0] if steps else None, "exception": repr(exc)}))
    return steps


def run_scenario(a, target, full, connect_options, steps):
    t = "t_" + a.name
    proc = "p_" + a.name

    def step(name, conn, sql, params=None):
        steps.append((name, run(a, conn, sql, params)))

    conn = login(a, steps, "first login", target, connect_options)
    if conn is None:
        return
    steps.append(("handshake", norm(a.handshake(conn))))
    step("session_defaults", conn, "SELECT DATABASE() AS db, CURRENT_USER() AS cu, @@character_set_client AS csc, "
         "@@character_set_connection AS csn, @@character_set_results AS csr, @@collation_connection AS coll, "
         "@@autocommit AS ac, @@session.time_zone AS tz, @@session.sql_mode AS mode, @@tx_isolation AS iso, "
         # session_track_* are left out: Shardline's backend connections track every variable, so these show its own settings (docs/architecture.md, Known limitations)
         "@@in_transaction AS in_tx")
    run(a, conn, "DROP TABLE IF EXISTS " + t)
    run(a, conn, "DROP PROCEDURE IF EXISTS " + proc)
    step("drop_missing_table_note", conn, "DROP TABLE IF EXISTS no_such_table_" + a.name)
    step("show_warnings_note", conn, "SHOW WARNINGS")
    step("create_table", conn, TABLE_DDL.format(t=t))
    step("insert_text", conn, TEXT_INSERT.format(t=t))
    step("insert_params", conn, "INSERT INTO %s (%s) VALUES (%s)" % (t, COLUMNS, ", ".join(["%s"] * 18)), PARAMS)
    step("insert_null_params", conn, "INSERT INTO %s (%s) VALUES (%s)" % (t, COLUMNS, ", ".join(["%s"] * 18)),
         (None,) * 18)
    cur = conn.cursor()
    try:
        cur.executemany("INSERT INTO " + t + " (u, v) VALUES (%s, %s)", [(10, "ten"), (11, "eleven"), (12, None)])
        steps.append(("insert_executemany", result_of(a, conn, cur)))
    except a.Error as exc:
        steps.append(("insert_executemany", {"error": a.error(conn, exc)}))
    cur.close()
    step("select_all", conn, "SELECT * FROM %s ORDER BY id" % t)
    step("select_checks", conn, "SELECT id, LENGTH(bl) AS len, SHA2(bl, 256) AS sha, CHAR_LENGTH(v) AS chars, "
         "HEX(v) AS hexv, JSON_TYPE(j) AS jt, bt + 0 AS bits, e + 0 AS enum_index, s + 0 AS set_bits, "
         "CAST(ts AS CHAR) AS ts_text FROM %s ORDER BY id" % t)
    step("select_literals", conn, "SELECT 1 AS i, 1.5 AS dec_lit, 1.5e0 AS dbl, 'str' AS s, NULL AS n, "
         "18446744073709551615 AS ubig, CAST(-1 AS SIGNED) AS neg, X'00ff' AS bin, _latin1 'caf\xe9' AS latin, "
         "DATE '2020-01-02' AS d, TIME '-12:34:56.789' AS tm, CAST('2020-01-02 03:04:05.6' AS DATETIME(1)) AS dtm")
    step("update_same_value", conn, "UPDATE %s SET c = 'chr' WHERE id = 1" % t)
    step("update_changed", conn, "UPDATE %s SET c = 'changed' WHERE id IN (1, 2)" % t)
    step("delete_none", conn, "DELETE FROM %s WHERE id = 999" % t)
    # Errors, each followed by a successful query on the same connection.
    step("error_duplicate_key", conn, "INSERT INTO %s (u) VALUES (4294967295)" % t)
    step("after_duplicate_key", conn, "SELECT 'still usable' AS ok")
    step("error_syntax", conn, "SELEC 1")
    step("after_syntax", conn, "SELECT 2 AS ok")
    step("error_unknown_table", conn, "SELECT * FROM no_such_table_xyz")
    step("after_unknown_table", conn, "SELECT 3 AS ok")
    step("error_unknown_column", conn, "SELECT nope FROM %s" % t)
    step("error_param_type", conn, "INSERT INTO %s (u) VALUES (%%s)" % t, (-5,))
    # Warnings.
    step("warning_cast", conn, "SELECT CAST('12abc' AS SIGNED) AS w, 1/0 AS div0")
    step("show_warnings", conn, "SHOW WARNINGS")
    step("warning_count_var", conn, "SELECT @@warning_count AS wc, @@error_count AS ec")
    step("insert_ignore_dup", conn, "INSERT IGNORE INTO %s (u) VALUES (4294967295)" % t)
    step("show_warnings_after_ignore", conn, "SHOW WARNINGS")
    # Transactions through the driver API and through SQL.
    conn.begin()
    step("tx1_insert", conn, "INSERT INTO %s (u) VALUES (101)" % t)
    step("tx1_state", conn, "SELECT @@in_transaction AS in_tx, COUNT(*) AS n FROM %s WHERE u = 101" % t)
    conn.rollback()
    step("tx1_after_rollback", conn, "SELECT @@in_transaction AS in_tx, COUNT(*) AS n FROM %s WHERE u = 101" % t)
    conn.begin()
    step("tx2_insert", conn, "INSERT INTO %s (u) VALUES (102)" % t)
    conn.commit()
    step("tx2_after_commit", conn, "SELECT @@in_transaction AS in_tx, COUNT(*) AS n FROM %s WHERE u = 102" % t)
    step("tx3_start", conn, "START TRANSACTION")
    step("tx3_insert", conn, "INSERT INTO %s (u) VALUES (103)" % t)
    step("tx3_rollback", conn, "ROLLBACK")
    step("tx3_count", conn, "SELECT COUNT(*) AS n FROM %s WHERE u = 103" % t)
    # LAST_INSERT_ID and insert ids.
    step("insert_for_id", conn, "INSERT INTO %s (u) VALUES (201)" % t)
    step("last_insert_id", conn, "SELECT LAST_INSERT_ID() AS id")
    step("insert_two_rows", conn, "INSERT INTO %s (u) VALUES (202), (203)" % t)
    step("last_insert_id_multi", conn, "SELECT LAST_INSERT_ID() AS id")
    step("last_insert_id_set", conn, "SELECT LAST_INSERT_ID(1000) AS id")
    step("last_insert_id_after_set", conn, "SELECT LAST_INSERT_ID() AS id")
    # A stored procedure with two result sets and an OUT parameter.
    step("create_procedure", conn, "CREATE PROCEDURE %s(IN a INT, OUT b INT) BEGIN SELECT a AS first_set; "
         "SELECT a * 2 AS second_set, 'two' AS label; SET b = a * 3; END" % proc)
    step("call_sql", conn, "CALL %s(7, @out_b)" % proc)
    step("call_sql_out", conn, "SELECT @out_b AS b")
    cur = conn.cursor()
    try:
        cur.callproc(proc, (5, 0))
        sets = []
        while True:
            sets.append(result_of(a, conn, cur))
            if not cur.nextset():
                break
        steps.append(("callproc", sets))
    except a.Error as exc:
        steps.append(("callproc", {"error": a.error(conn, exc)}))
    cur.close()
    step("callproc_out", conn, "SELECT @_%s_0 AS a, @_%s_1 AS b" % (proc, proc))
    # Multi-statement text (the connection was opened with multi-statements enabled).
    step("multi_statement", conn, "SELECT 1 AS a, 'x' AS b; UPDATE %s SET c = 'multi' WHERE id = 1; "
         "SELECT c FROM %s WHERE id = 1; DO 1" % (t, t))
    step("multi_statement_error", conn, "SELECT 'before' AS a; SELEC oops; SELECT 'never' AS c")
    step("after_multi_error", conn, "SELECT 'after' AS a")
    # Session state: time zone, sql_mode, user variables, temporary tables, schema changes.
    step("set_time_zone", conn, "SET time_zone = '+05:30'")
    step("read_time_zone", conn, "SELECT @@session.time_zone AS tz, CAST(ts AS CHAR) AS ts FROM %s WHERE id = 1" % t)
    step("set_sql_mode", conn, "SET sql_mode = 'ANSI_QUOTES,NO_ENGINE_SUBSTITUTION'")
    step("read_sql_mode", conn, "SELECT @@session.sql_mode AS mode")
    step("ansi_quotes_identifier", conn, 'SELECT "id" FROM %s ORDER BY id LIMIT 1' % t)
    step("non_strict_truncation", conn, "INSERT INTO %s (u, c) VALUES (300, REPEAT('x', 20))" % t)
    step("show_warnings_truncation", conn, "SHOW WARNINGS")
    step("user_variable", conn, "SET @greeting = 'hello 😀'")
    step("temp_table", conn, "CREATE TEMPORARY TABLE tmp_%s (a INT)" % a.name)
    step("temp_table_insert", conn, "INSERT INTO tmp_%s VALUES (1), (2)" % a.name)
    step("session_state", conn, "SELECT @greeting AS g, (SELECT COUNT(*) FROM tmp_%s) AS tmp_rows" % a.name)
    step("use_other_schema", conn, "USE information_schema")
    step("database_after_use", conn, "SELECT DATABASE() AS db")
    conn.select_db(SCHEMA)
    step("database_after_select_db", conn, "SELECT DATABASE() AS db")
    conn.ping()
    step("ping_then_query", conn, "SELECT 'pinged' AS p")
    if hasattr(a, "change_user"):  # COM_CHANGE_USER to the same account: the server resets the session
        try:
            a.change_user(conn, target)
            steps.append(("change_user", "ok"))
        except a.Error as exc:
            steps.append(("change_user", {"error": a.error(conn, exc)}))
        step("after_change_user", conn, "SELECT @@session.time_zone AS tz, @@session.sql_mode AS mode, "
             "@greeting AS g, DATABASE() AS db, @@in_transaction AS in_tx")
        step("temp_table_after_change_user", conn, "SELECT * FROM tmp_%s" % a.name)
    conn.close()
    # A new connection must start clean: nothing of the previous session may leak through pooled backends.
    conn = login(a, steps, "second login", target, connect_options)
    if conn is None:
        return
    step("fresh_session", conn, "SELECT @@session.time_zone AS tz, @@session.sql_mode AS mode, @greeting AS g, "
         "@out_b AS b, DATABASE() AS db, @@in_transaction AS in_tx, LAST_INSERT_ID() AS lid")
    step("fresh_session_temp_table", conn, "SELECT * FROM tmp_%s" % a.name)
    step("cleanup", conn, "DROP TABLE %s" % t)
    step("cleanup_procedure", conn, "DROP PROCEDURE %s" % proc)
    conn.close()
    # LOAD DATA LOCAL INFILE, on a connection of its own (a failure here may break it): the client sends the file
    # when the server asks. A short net_read_timeout makes a server that never gets the data give up in seconds.
    conn = login(a, steps, "local infile login", target, connect_options)
    if conn is None:
        return
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as csv:
        csv.write('1,one\n2,two\n3,"three, with comma"\n')
    step("local_infile_timeout", conn, "SET SESSION net_read_timeout = 5")
    step("local_infile_table", conn, "CREATE TEMPORARY TABLE li (a INT, b TEXT)")
    step("local_infile", conn, "LOAD DATA LOCAL INFILE '%s' INTO TABLE li FIELDS TERMINATED BY ',' "
         "OPTIONALLY ENCLOSED BY '\"'" % csv.name)
    step("after_local_infile", conn, "SELECT * FROM li ORDER BY a")
    os.unlink(csv.name)
    try:
        conn.close()
    except a.Error:
        pass
    if full:
        wrong = dict(target, password="wrong-password")
        steps.append(("wrong_password", connect_error(a, target=wrong, **connect_options)))
        steps.append(("unknown_schema", connect_error(a, target=target, db="no_such_schema", **connect_options)))


def main(a):
    """Direct vs proxy (plain), then proxy over TLS and the caching_sha2_password logins, each against direct."""
    from common import DIRECT, PROXY, SHA2_PASSWORD, Outcome, TlsSniffer, sha2_user
    out = Outcome(a.name)
    direct = scenario(a, DIRECT)
    out.compare("proxy", direct, scenario(a, PROXY))
    core = [s for s in direct if s[0] not in ("wrong_password", "unknown_schema")]
    wrong = dict(direct)["wrong_password"]

    def sha2_login_failure(label, target, **options):
        expected = {"error": dict(wrong["error"], message=wrong["error"]["message"].replace(
            "'%s'" % DIRECT["user"], "'%s'" % target["user"]))} if "error" in wrong else wrong
        got = connect_error(a, target=dict(target, password="wrong-password"), **options)
        out.compare(label, [("wrong_password", expected)], [("wrong_password", got)])

    if a.tls:
        sniffer = TlsSniffer(PROXY["port"])
        out.compare("proxy-tls", core, scenario(a, dict(PROXY, port=sniffer.port), full=False, tls=True))
        out.check("proxy-tls: the connections used TLS", sniffer.used_tls())
    if a.sha2_rsa:
        rsa = {"port": PROXY["port"], "user": sha2_user("rsa", a.name), "password": SHA2_PASSWORD}
        sniffer = TlsSniffer(PROXY["port"])
        rsa["port"] = sniffer.port
        out.compare("sha2-rsa", core, scenario(a, rsa, full=False))  # full auth with RSA, then the fast path
        out.check("sha2-rsa: the connections stayed plain TCP", sniffer.used_plain())
        sha2_login_failure("sha2-rsa", rsa)
    if a.sha2_tls:
        sniffer = TlsSniffer(PROXY["port"])
        tls_user = {"port": sniffer.port, "user": sha2_user("tls", a.name), "password": SHA2_PASSWORD}
        out.compare("sha2-tls", core, scenario(a, tls_user, full=False, tls=True))
        out.check("sha2-tls: the connections used TLS", sniffer.used_tls())
        sha2_login_failure("sha2-tls", tls_user, tls=True)
    out.finish()
