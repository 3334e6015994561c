'use strict';
// The client scenario for Node.js drivers, written once and run with a driver adapter (check_mysql2.js,
// check_mariadb.js). a.query / a.execute return a normalised list of results ({error} on failure); execute is
// the server-side prepared statement path (binary protocol). Returns a transcript: [[step, data]].
const fs = require('fs');
const os = require('os');
const path = require('path');
const { SCHEMA, norm } = require('./common');

const BLOB = Buffer.alloc(3 * 1024 * 1024 + 4099, 0).map((_, i) => i % 251);
const COLUMNS = 'u, b, d, f, g, dt, dtm, ts, tm, y, c, v, tx, bl, j, bt, e, s';
const MARKS = new Array(18).fill('?').join(', ');
const tableDdl = (t) => `CREATE TABLE ${t} (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  u INT UNSIGNED, b BIGINT, d DECIMAL(20,6), f FLOAT, g DOUBLE,
  dt DATE, dtm DATETIME(6), ts TIMESTAMP(6) NULL DEFAULT NULL, tm TIME(3), y YEAR,
  c CHAR(10), v VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci, tx TEXT, bl MEDIUMBLOB, j JSON,
  bt BIT(8), e ENUM('red','green','blue'), s SET('a','b','c'),
  UNIQUE KEY uk_u (u)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`;
const textInsert = (t) => `INSERT INTO ${t} (${COLUMNS}) VALUES (4294967295, -9223372036854775808,
  12345678901234.123456, 1.5, 2.718281828459045, '2024-02-29', '2024-02-29 23:59:59.123456',
  '2024-03-01 12:00:00.654321', '-838:59:59.000', 2024, 'chr', 'héllo 😀 wörld ✓', REPEAT('text ', 1000),
  REPEAT(X'00FF10', 1048576), '{"k": [1, 2, {"x": null}], "s": "😀"}', b'10100101', 'green', 'a,c')`;
// Strings where a driver might pick a lossy JavaScript type (BIGINT, DECIMAL, DATETIME(6), TIME).
const params = (u) => [u, '9223372036854775807', '-99999999999999.999999', 0.25, -1e-300, '1999-12-31',
  '2000-01-01 00:00:00.000001', '2038-01-19 03:14:07.999999', '-00:59:58.995', 1901, 'x',
  'emoji 🐬🚀 ünïcödé \' " \\ ?', 'multi\nline\ttext', BLOB, '{"a": "b"}', Buffer.from([1]), 'blue', 'a,b,c'];

// A step that takes longer than this aborts the scenario (a hung proxy must fail the check, not block it).
const STEP_TIMEOUT_MS = Number(process.env.CHECK_STEP_TIMEOUT_MS || 20000);
class StepTimeout extends Error {}
function timed(name, promise) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new StepTimeout(`${name}: no answer after ${STEP_TIMEOUT_MS} ms`)),
      STEP_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function scenario(a, target, options = {}) {
  const steps = [];
  const state = {};
  try {
    await run(a, target, options, steps, state);
  } catch (e) {
    if (!(e instanceof StepTimeout)) throw e;
    steps.push(['aborted', { timeout: e.message }]);
    if (state.conn) a.destroy(state.conn);
  }
  return steps;
}

async function run(a, target, { full = false, tls = false }, steps, state) {
  const t = `t_${a.name}`;
  const proc = `p_${a.name}`;
  let conn;
  const step = async (name, sql, values) => steps.push([name, await timed(name, a.query(conn, sql, values))]);
  const exec = async (name, sql, values) => {
    if (a.execute) steps.push([name, await timed(name, a.execute(conn, sql, values))]);
  };
  const login = async (which) => {
    try {
      state.conn = await timed(which, a.connect(target, { tls }));
      return state.conn;
    } catch (e) {
      if (e instanceof StepTimeout) throw e;
      steps.push(['aborted', { at: which, user: target.user, error: a.error(e) }]);
      return null;
    }
  };
  const api = async (name, fn) => {
    try {
      steps.push([name, norm(await timed(name, fn()))]);
    } catch (e) {
      if (e instanceof StepTimeout) throw e;
      steps.push([name, { error: a.error(e) }]);
    }
  };

  if (!(conn = await login('first login'))) return steps;
  steps.push(['handshake', norm(a.handshake(conn))]);
  await step('session_defaults', 'SELECT DATABASE() AS db, CURRENT_USER() AS cu, @@character_set_client AS csc, '
    + '@@character_set_connection AS csn, @@character_set_results AS csr, @@collation_connection AS coll, '
    + '@@autocommit AS ac, @@session.time_zone AS tz, @@session.sql_mode AS mode, @@tx_isolation AS iso, '
    // session_track_* are left out: Shardline's backend connections track every variable, so these show its own settings (docs/architecture.md, Known limitations)
    + '@@in_transaction AS in_tx');
  await a.query(conn, `DROP TABLE IF EXISTS ${t}`);
  await a.query(conn, `DROP PROCEDURE IF EXISTS ${proc}`);
  await step('drop_missing_table_note', `DROP TABLE IF EXISTS no_such_table_${a.name}`);
  await step('show_warnings_note', 'SHOW WARNINGS');
  await step('create_table', tableDdl(t));
  await step('insert_text', textInsert(t));
  await step('insert_params', `INSERT INTO ${t} (${COLUMNS}) VALUES (${MARKS})`, params(4000000000));
  await step('insert_null_params', `INSERT INTO ${t} (${COLUMNS}) VALUES (${MARKS})`, new Array(18).fill(null));
  await exec('execute_insert', `INSERT INTO ${t} (${COLUMNS}) VALUES (${MARKS})`, params(4000000001));
  await exec('execute_insert_nulls', `INSERT INTO ${t} (${COLUMNS}) VALUES (${MARKS})`, new Array(18).fill(null));
  await step('select_all', `SELECT * FROM ${t} ORDER BY id`);
  await exec('execute_select_all', `SELECT * FROM ${t} WHERE id > ? ORDER BY id`, [0]);
  await step('select_checks', 'SELECT id, LENGTH(bl) AS len, SHA2(bl, 256) AS sha, CHAR_LENGTH(v) AS chars, '
    + 'HEX(v) AS hexv, JSON_TYPE(j) AS jt, bt + 0 AS bits, e + 0 AS enum_index, s + 0 AS set_bits, '
    + `CAST(ts AS CHAR) AS ts_text, CAST(tm AS CHAR) AS tm_text, CAST(dtm AS CHAR) AS dtm_text FROM ${t} ORDER BY id`);
  const literals = 'SELECT 1 AS i, 1.5 AS dec_lit, 1.5e0 AS dbl, \'str\' AS s, NULL AS n, '
    + '18446744073709551615 AS ubig, CAST(-1 AS SIGNED) AS neg, X\'00ff\' AS bin, _latin1 \'caf\\xe9\' AS latin, '
    + 'DATE \'2020-01-02\' AS d, TIME \'-12:34:56.789\' AS tm, CAST(\'2020-01-02 03:04:05.6\' AS DATETIME(1)) AS dtm';
  await step('select_literals', literals);
  await exec('execute_literals', literals);
  await step('update_same_value', `UPDATE ${t} SET c = 'chr' WHERE id = 1`);
  await step('update_changed', `UPDATE ${t} SET c = 'changed' WHERE id IN (1, 2)`);
  await exec('execute_update', `UPDATE ${t} SET c = ? WHERE id = ?`, ['exec', 2]);
  await step('delete_none', `DELETE FROM ${t} WHERE id = 999`);
  // Errors, each followed by a successful query on the same connection.
  await step('error_duplicate_key', `INSERT INTO ${t} (u) VALUES (4294967295)`);
  await step('after_duplicate_key', 'SELECT \'still usable\' AS ok');
  await step('error_syntax', 'SELEC 1');
  await step('after_syntax', 'SELECT 2 AS ok');
  await step('error_unknown_table', 'SELECT * FROM no_such_table_xyz');
  await step('after_unknown_table', 'SELECT 3 AS ok');
  await step('error_unknown_column', `SELECT nope FROM ${t}`);
  await step('error_param_type', `INSERT INTO ${t} (u) VALUES (?)`, [-5]);
  await exec('execute_error_duplicate', `INSERT INTO ${t} (u) VALUES (?)`, [4294967295]);
  await exec('execute_error_prepare', 'SELECT * FROM no_such_table_xyz WHERE a = ?', [1]);
  await exec('execute_after_errors', 'SELECT ? AS echo, ? AS n', ['ok', 42]);
  // Warnings.
  await step('warning_cast', 'SELECT CAST(\'12abc\' AS SIGNED) AS w, 1/0 AS div0');
  await step('show_warnings', 'SHOW WARNINGS');
  await step('warning_count_var', 'SELECT @@warning_count AS wc, @@error_count AS ec');
  await step('insert_ignore_dup', `INSERT IGNORE INTO ${t} (u) VALUES (4294967295)`);
  await step('show_warnings_after_ignore', 'SHOW WARNINGS');
  // Transactions through the driver API and through SQL.
  await api('tx1_begin', () => a.begin(conn));
  await step('tx1_insert', `INSERT INTO ${t} (u) VALUES (101)`);
  await step('tx1_state', `SELECT @@in_transaction AS in_tx, COUNT(*) AS n FROM ${t} WHERE u = 101`);
  await api('tx1_rollback', () => a.rollback(conn));
  await step('tx1_after_rollback', `SELECT @@in_transaction AS in_tx, COUNT(*) AS n FROM ${t} WHERE u = 101`);
  await api('tx2_begin', () => a.begin(conn));
  await step('tx2_insert', `INSERT INTO ${t} (u) VALUES (102)`);
  await api('tx2_commit', () => a.commit(conn));
  await step('tx2_after_commit', `SELECT @@in_transaction AS in_tx, COUNT(*) AS n FROM ${t} WHERE u = 102`);
  await step('tx3_start', 'START TRANSACTION');
  await step('tx3_insert', `INSERT INTO ${t} (u) VALUES (103)`);
  await step('tx3_rollback', 'ROLLBACK');
  await step('tx3_count', `SELECT COUNT(*) AS n FROM ${t} WHERE u = 103`);
  // LAST_INSERT_ID and insert ids.
  await step('insert_for_id', `INSERT INTO ${t} (u) VALUES (201)`);
  await step('last_insert_id', 'SELECT LAST_INSERT_ID() AS id');
  await step('insert_two_rows', `INSERT INTO ${t} (u) VALUES (202), (203)`);
  await step('last_insert_id_multi', 'SELECT LAST_INSERT_ID() AS id');
  await exec('execute_insert_id', `INSERT INTO ${t} (u) VALUES (?)`, [204]);
  await step('last_insert_id_set', 'SELECT LAST_INSERT_ID(1000) AS id');
  await step('last_insert_id_after_set', 'SELECT LAST_INSERT_ID() AS id');
  // A stored procedure with two result sets and an OUT parameter.
  await step('create_procedure', `CREATE PROCEDURE ${proc}(IN a INT, OUT b INT) BEGIN SELECT a AS first_set; `
    + 'SELECT a * 2 AS second_set, \'two\' AS label; SET b = a * 3; END');
  await step('call_sql', `CALL ${proc}(7, @out_b)`);
  await step('call_sql_out', 'SELECT @out_b AS b');
  await exec('execute_call', `CALL ${proc}(?, @out_c)`, [5]);
  await step('execute_call_out', 'SELECT @out_c AS c');
  // Multi-statement text (the connection has multipleStatements on).
  await step('multi_statement', `SELECT 1 AS a, 'x' AS b; UPDATE ${t} SET c = 'multi' WHERE id = 1; `
    + `SELECT c FROM ${t} WHERE id = 1; DO 1`);
  await step('multi_statement_error', 'SELECT \'before\' AS a; SELEC oops; SELECT \'never\' AS c');
  await step('after_multi_error', 'SELECT \'after\' AS a');
  // Session state: time zone, sql_mode, user variables, temporary tables, schema changes.
  await step('set_time_zone', 'SET time_zone = \'+05:30\'');
  await step('read_time_zone', `SELECT @@session.time_zone AS tz, CAST(ts AS CHAR) AS ts FROM ${t} WHERE id = 1`);
  await step('set_sql_mode', 'SET sql_mode = \'ANSI_QUOTES,NO_ENGINE_SUBSTITUTION\'');
  await step('read_sql_mode', 'SELECT @@session.sql_mode AS mode');
  await step('ansi_quotes_identifier', `SELECT "id" FROM ${t} ORDER BY id LIMIT 1`);
  await step('non_strict_truncation', `INSERT INTO ${t} (u, c) VALUES (300, REPEAT('x', 20))`);
  await step('show_warnings_truncation', 'SHOW WARNINGS');
  await step('user_variable', 'SET @greeting = \'hello 😀\'');
  await step('temp_table', `CREATE TEMPORARY TABLE tmp_${a.name} (a INT)`);
  await step('temp_table_insert', `INSERT INTO tmp_${a.name} VALUES (1), (2)`);
  await step('session_state', `SELECT @greeting AS g, (SELECT COUNT(*) FROM tmp_${a.name}) AS tmp_rows`);
  await exec('execute_session_state', 'SELECT @greeting AS g, @@session.time_zone AS tz, ? AS p', ['param']);
  await step('use_other_schema', 'USE information_schema');
  await step('database_after_use', 'SELECT DATABASE() AS db');
  await step('use_back', `USE ${SCHEMA}`);
  await api('ping', () => a.ping(conn));
  await step('after_ping', 'SELECT \'pinged\' AS p');
  // COM_CHANGE_USER (same account): the server resets the session.
  await api('change_user', () => a.changeUser(conn, target));
  await step('after_change_user', 'SELECT @@session.time_zone AS tz, @@session.sql_mode AS mode, @greeting AS g, '
    + `DATABASE() AS db, @@in_transaction AS in_tx`);
  await step('temp_table_after_change_user', `SELECT * FROM tmp_${a.name}`);
  if (a.extraSteps) await timed('extra steps', a.extraSteps(conn, steps, t));
  await timed('close', a.close(conn));
  // A new connection must start clean: nothing of the previous session may leak through pooled backends.
  if (!(conn = await login('second login'))) return steps;
  await step('fresh_session', 'SELECT @@session.time_zone AS tz, @@session.sql_mode AS mode, @greeting AS g, '
    + '@out_b AS b, DATABASE() AS db, @@in_transaction AS in_tx, LAST_INSERT_ID() AS lid');
  await step('cleanup', `DROP TABLE ${t}`);
  await step('cleanup_procedure', `DROP PROCEDURE ${proc}`);
  await timed('close', a.close(conn));
  // LOAD DATA LOCAL INFILE, on a connection of its own (a failure here may break it): the client sends the file
  // when the server asks. A short net_read_timeout makes a server that never gets the data give up in seconds.
  if (!(conn = await login('local infile login'))) return;
  const csv = path.join(os.tmpdir(), `shardline-${a.name}-${process.pid}.csv`);
  fs.writeFileSync(csv, '1,one\n2,two\n3,"three, with comma"\n');
  await step('local_infile_setup', 'SET SESSION net_read_timeout = 5; CREATE TEMPORARY TABLE li (a INT, b TEXT)');
  steps.push(['local_infile', await timed('local_infile', a.loadLocal(conn, `LOAD DATA LOCAL INFILE '${csv}' INTO `
    + 'TABLE li FIELDS TERMINATED BY \',\' OPTIONALLY ENCLOSED BY \'"\'', csv))]);
  await step('after_local_infile', 'SELECT * FROM li ORDER BY a');
  fs.unlinkSync(csv);
  await timed('close', a.close(conn).catch(() => null));
  state.conn = null;
  if (full) {
    steps.push(['wrong_password', await timed('wrong password', connectError(a, { ...target,
      password: 'wrong-password' }, { tls }))]);
    steps.push(['unknown_schema', await timed('unknown schema', connectError(a, target, { tls,
      db: 'no_such_schema' }))]);
  }
}

async function connectError(a, target, options) {
  try {
    await a.close(await a.connect(target, options));
    return { connected: true };
  } catch (e) {
    return { error: a.error(e) };
  }
}

module.exports = { scenario, connectError };
