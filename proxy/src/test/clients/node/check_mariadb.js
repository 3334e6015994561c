'use strict';
// MariaDB Connector/Node.js (npm "mariadb") through Shardline vs directly against MariaDB. Run: node
// check_mariadb.js (after npm ci; ports and users from the environment, see common.js). query() interpolates
// parameters client-side; execute() uses server-side prepared statements; batch() and reset() are extra steps.
// caching_sha2_password over plain TCP needs allowPublicKeyRetrieval.
const mariadb = require('mariadb');
const { HOST, SCHEMA, norm, main } = require('./common');
const { scenario, connectError } = require('./scenario');

function columns(meta) {
  return (meta || []).map((m) => norm({ db: m.db(), table: m.table(), orgTable: m.orgTable(), name: m.name(),
    orgName: m.orgName(), collation: m.collation ? m.collation.index : null, columnLength: m.columnLength,
    columnType: m.columnType, type: m.type, flags: m.flags, scale: m.scale, dataTypeName: m.dataTypeName,
    dataTypeFormat: m.dataTypeFormat }));
}

function resultSet(r) {
  return Array.isArray(r) ? { columns: columns(r.meta), rows: norm([...r]) } : { ok: norm({ ...r }) };
}

// A single result set is an array carrying .meta; a multi-statement or CALL gives an array of result sets.
function results(res) {
  if (Array.isArray(res) && !res.meta) return res.map(resultSet);
  return [resultSet(res)];
}

const adapter = {
  name: 'mariadb',
  async connect(target, { tls = false, db = SCHEMA } = {}) {
    return mariadb.createConnection({ host: HOST, port: target.port, user: target.user, password: target.password,
      database: db, multipleStatements: true, connectTimeout: 20000, allowPublicKeyRetrieval: true, permitLocalInfile: true,
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
    const v = conn.info.serverVersion;
    return { serverVersion: conn.serverVersion(), parsedVersion: `${v.major}.${v.minor}.${v.patch}`,
      isMariaDB: conn.info.isMariaDB(), capabilities: norm(conn.info.serverCapabilities),
      clientCapabilities: norm(conn.info.clientCapabilities), collation: conn.info.collation && conn.info.collation.name };
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
  loadLocal: (conn, sql) => adapter.query(conn, sql),
  begin: (conn) => conn.beginTransaction(),
  commit: (conn) => conn.commit(),
  rollback: (conn) => conn.rollback(),
  ping: (conn) => conn.ping(),
  changeUser: (conn, target) => conn.changeUser({ user: target.user, password: target.password, database: SCHEMA }),
  async extraSteps(conn, steps, t) {
    // batch(): several parameter sets in one call (bulk protocol where the server offers it).
    try {
      const res = await conn.batch(`INSERT INTO ${t} (u, v) VALUES (?, ?)`, [[501, 'b1'], [502, 'b2'], [503, null]]);
      steps.push(['batch_insert', norm({ ...res })]);
    } catch (e) {
      steps.push(['batch_insert', { error: adapter.error(e) }]);
    }
    steps.push(['batch_rows', await adapter.query(conn, `SELECT u, v FROM ${t} WHERE u > 500 ORDER BY u`)]);
    // reset(): COM_RESET_CONNECTION; session variables and temporary tables are gone afterwards.
    await adapter.query(conn, 'SET @after_reset = 1, time_zone = \'+02:00\'');
    try {
      await conn.reset();
      steps.push(['reset', 'ok']);
    } catch (e) {
      steps.push(['reset', { error: adapter.error(e) }]);
    }
    steps.push(['after_reset', await adapter.query(conn, 'SELECT @after_reset AS v, @@session.time_zone AS tz, '
      + 'DATABASE() AS db')]);
  },
};

main('mariadb', (target, options) => scenario(adapter, target, options),
  (target, options) => connectError(adapter, target, options),
  { tls: true, sha2Rsa: true, sha2Tls: true })
  .catch((e) => {
    console.error(e);
    process.exitCode = 2;
  })
  .finally(() => process.exit()); // a connection left hanging by a failed step must not keep node alive
