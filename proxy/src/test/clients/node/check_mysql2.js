'use strict';
// mysql2 through Shardline vs directly against MariaDB. Run: node check_mysql2.js (after npm ci; ports and users
// from the environment, see common.js). query() interpolates parameters client-side; execute() uses server-side
// prepared statements (COM_STMT_PREPARE / EXECUTE, binary rows). caching_sha2_password over plain TCP makes mysql2
// request the server's RSA key itself.
const fs = require('fs');
const mysql = require('mysql2/promise');
const { HOST, SCHEMA, norm, main } = require('./common');
const { scenario, connectError } = require('./scenario');

const COLUMN_KEYS = ['catalog', 'schema', 'table', 'orgTable', 'name', 'orgName', 'characterSet', 'encoding',
  'columnLength', 'columnType', 'flags', 'decimals', 'extendedTypeName', 'extendedFormat'];

function columns(fields) {
  return fields.map((f) => Object.fromEntries(COLUMN_KEYS.map((k) => [k, norm(f[k])])));
}

// [results, fields] from mysql2 -> a list of result sets (one per statement of a multi-statement or CALL).
function results([res, fields]) {
  const multi = Array.isArray(fields) ? fields.length > 0 && (fields[0] === undefined || Array.isArray(fields[0]))
    : Array.isArray(res) && res.length > 0 && !Array.isArray(res[0]) && res[0].constructor.name === 'ResultSetHeader';
  const sets = multi ? res.map((r, i) => [r, fields ? fields[i] : undefined]) : [[res, fields]];
  return sets.map(([r, f]) => (f ? { columns: columns(f), rows: norm(r) } : { ok: norm({ ...r }) }));
}

const adapter = {
  name: 'mysql2',
  async connect(target, { tls = false, db = SCHEMA } = {}) {
    return mysql.createConnection({ host: HOST, port: target.port, user: target.user, password: target.password,
      database: db, multipleStatements: true, charset: 'UTF8MB4_UNICODE_CI',
      ssl: tls ? { rejectUnauthorized: false } : undefined });
  },
  async close(conn) {
    await conn.end();
  },
  destroy(conn) {
    conn.destroy();
  },
  error(e) {
    return { code: e.code, errno: e.errno, sqlState: e.sqlState, message: e.sqlMessage || e.message, fatal: e.fatal };
  },
  handshake(conn) {
    const h = conn.connection._handshakePacket || {};
    return { serverVersion: h.serverVersion, capabilities: h.capabilityFlags, protocol: h.protocolVersion,
      characterSet: h.characterSet, statusFlags: h.statusFlags, authPlugin: h.authPluginName,
      isMariaDB: conn.connection._isMariaDB, extendedMetadata: conn.connection._mariadbExtendedMetadata };
  },
  async query(conn, sql, values) {
    try {
      return results(await conn.query({ sql, rowsAsArray: true }, values));
    } catch (e) {
      return [{ error: adapter.error(e) }];
    }
  },
  async execute(conn, sql, values) {
    try {
      return results(await conn.execute({ sql, rowsAsArray: true }, values));
    } catch (e) {
      return [{ error: adapter.error(e) }];
    }
  },
  async loadLocal(conn, sql, file) {
    try {
      return results(await conn.query({ sql, rowsAsArray: true, infileStreamFactory: () => fs.createReadStream(file) }));
    } catch (e) {
      return [{ error: adapter.error(e) }];
    }
  },
  begin: (conn) => conn.beginTransaction(),
  commit: (conn) => conn.commit(),
  rollback: (conn) => conn.rollback(),
  ping: (conn) => conn.ping(),
  changeUser: (conn, target) => conn.changeUser({ user: target.user, password: target.password, database: SCHEMA }),
  async extraSteps(conn, steps, t) {
    // An explicit prepare / execute twice / close, and a statement executed after its table changed shape.
    try {
      const statement = await conn.prepare(`SELECT id, u, v FROM ${t} WHERE id <= ? ORDER BY id`);
      const first = await statement.execute([2]);
      const second = await statement.execute([1]);
      steps.push(['prepare_reuse', norm({ params: statement.parameters.length, columns: columns(statement.columns),
        first: first[0], second: second[0] })]);
      await statement.close();
    } catch (e) {
      steps.push(['prepare_reuse', { error: adapter.error(e) }]);
    }
    steps.push(['execute_after_close', await adapter.execute(conn, 'SELECT ? + 1 AS n', [41])]);
  },
};

main('mysql2', (target, options) => scenario(adapter, target, options),
  (target, options) => connectError(adapter, target, options),
  { tls: true, sha2Rsa: true, sha2Tls: true })
  .catch((e) => {
    console.error(e);
    process.exitCode = 2;
  })
  .finally(() => process.exit()); // a connection left hanging by a failed step must not keep node alive
