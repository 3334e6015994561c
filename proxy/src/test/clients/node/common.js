'use strict';
// Shared parts of the Node.js client checks: where to connect, value normalisation, transcript comparison, a
// TLS sniffer, and the main flow (direct vs proxy, proxy over TLS, caching_sha2_password logins).
// Settings come from the environment (run-all.sh sets them); the defaults match it.
const crypto = require('crypto');
const fs = require('fs');
const net = require('net');
const path = require('path');

const env = process.env;
const HOST = env.CHECK_HOST || '127.0.0.1';
const SCHEMA = env.CHECK_SCHEMA || 'clients_check';
const DIRECT = { port: Number(env.DIRECT_PORT || 29316), user: env.DIRECT_USER || 'shardline',
  password: env.DIRECT_PASSWORD || 'shardline' };
const PROXY = { port: Number(env.PROXY_PORT || 29307), user: env.PROXY_USER || 'shardline',
  password: env.PROXY_PASSWORD || 'shardline' };
const SHA2_PASSWORD = env.SHA2_PASSWORD || 'sha2pass';

// Deliberate, documented differences in Shardline: printed as NOTE, never failing.
const ALLOWED = {
  'handshake.serverVersion': "Shardline greets with '5.7.19-<backend version>' (ServerVersions.java)",
  'handshake.capabilities': 'Shardline offers its own capability set, CLIENT_MYSQL set, no compression '
    + '(Capabilities.PROXY_OFFERED); the sandbox MariaDB has TLS disabled',
  'handshake.clientCapabilities': 'follows from the capabilities Shardline offers',
  // The Node.js mariadb connector reads the first version number ("5.7.19") and turns off what needs MariaDB
  // 10.2+: conn.reset() and bulk batches. The version is Shardline's documented trade-off for Connector/J.
  'handshake.parsedVersion': 'the greeting version (docs/architecture.md, "The greeting\'s version string")',
  'reset': 'the connector refuses reset() below MariaDB 10.2.4 (version trade-off)',
  'batch_insert.affectedRows': 'no bulk batches below MariaDB 10.2.7 in this connector (version trade-off)',
  'batch_insert.insertId': 'no bulk batches below MariaDB 10.2.7 in this connector (version trade-off)',
  'batch_insert.warningStatus': 'no bulk batches below MariaDB 10.2.7 in this connector (version trade-off)',
  'batch_insert.0': 'no bulk batches below MariaDB 10.2.7 in this connector (version trade-off)',
  'batch_insert.1': 'no bulk batches below MariaDB 10.2.7 in this connector (version trade-off)',
  'batch_insert.2': 'no bulk batches below MariaDB 10.2.7 in this connector (version trade-off)',
};

// A path is allowed when it, or a step it belongs to ("after_reset" for "after_reset[0].rows"), is listed.
function allowedReason(fieldPath) {
  if (ALLOWED[fieldPath]) return ALLOWED[fieldPath];
  const step = fieldPath.split(/[.[]/)[0];
  return STEP_ALLOWED[step];
}

// Whole steps whose differences follow from a deliberate one.
const STEP_ALLOWED = {
  after_reset: 'follows from reset() being refused by the connector (version trade-off)',
};

// A JSON-friendly, type-revealing form of a value as the driver returned it.
function norm(value) {
  if (value === null || value === undefined) return value === null ? null : '<undefined>';
  if (typeof value === 'bigint') return `bigint:${value}`;
  if (typeof value === 'number') return Number.isInteger(value) ? value : `float:${value}`;
  if (typeof value === 'string') {
    return value.length > 300 ? `str[${value.length}] sha256=${sha(value)}` : value;
  }
  if (typeof value === 'boolean') return value;
  if (Buffer.isBuffer(value)) {
    return value.length > 64 ? `buffer[${value.length}] sha256=${sha(value)}` : `buffer:${value.toString('hex')}`;
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Date:Invalid' : `Date:${value.toISOString()}`;
  if (Array.isArray(value)) return value.map(norm);
  if (typeof value === 'object') {
    const out = {};
    for (const key of Object.keys(value)) out[key] = norm(value[key]);
    return out;
  }
  return `${typeof value}:${String(value)}`;
}

function sha(data) {
  return crypto.createHash('sha256').update(data).digest('hex').slice(0, 16);
}

function short(value) {
  const text = JSON.stringify(value);
  return text === undefined ? 'undefined' : text.length <= 400 ? text : `${text.slice(0, 400)}...`;
}

// Paths where two normalised values differ, as readable lines.
function differences(direct, proxy, where) {
  const isObj = (v) => v !== null && typeof v === 'object';
  if (Array.isArray(direct) && Array.isArray(proxy)) {
    const lines = direct.length === proxy.length ? []
      : [`${where}: direct has ${direct.length} items, proxy has ${proxy.length}`];
    for (let i = 0; i < Math.min(direct.length, proxy.length); i++) {
      lines.push(...differences(direct[i], proxy[i], `${where}[${i}]`));
    }
    return lines;
  }
  if (isObj(direct) && isObj(proxy) && !Array.isArray(direct) && !Array.isArray(proxy)) {
    const keys = [...new Set([...Object.keys(direct), ...Object.keys(proxy)])];
    return keys.flatMap((k) => differences(k in direct ? direct[k] : '<absent>', k in proxy ? proxy[k] : '<absent>',
      `${where}.${k}`));
  }
  return JSON.stringify(direct) === JSON.stringify(proxy) ? []
    : [`${where}: direct=${short(direct)} proxy=${short(proxy)}`];
}

class Outcome {
  constructor(driver) {
    this.driver = driver;
    this.passed = 0;
    this.failed = 0;
    this.fields = new Map(); // differing field (path without step and indexes) -> count, for the summary
  }

  // Compares two transcripts ([[step, data]]) step by step.
  compare(label, direct, proxy) {
    if (env.CHECK_OUT_DIR) {
      fs.mkdirSync(env.CHECK_OUT_DIR, { recursive: true });
      for (const [name, steps] of [['direct', direct], [label, proxy]]) {
        fs.writeFileSync(path.join(env.CHECK_OUT_DIR, `${this.driver}-${name}.json`), JSON.stringify(steps, null, 1));
      }
    }
    const proxySteps = new Map(proxy);
    const aborted = proxySteps.get('aborted');
    proxySteps.delete('aborted');
    for (const [step, data] of direct) {
      if (aborted !== undefined && !proxySteps.has(step)) {
        this.check(`${label}: ${step}`, [`the scenario stopped before this step: ${short(aborted)}`]);
        break;
      }
      const other = proxySteps.has(step) ? proxySteps.get(step) : '<step missing>';
      proxySteps.delete(step);
      const lines = differences(data, other, step);
      const allowed = lines.filter((line) => allowedReason(line.split(':')[0]));
      for (const line of allowed) {
        console.log(`NOTE  ${label}: ${line}\n        (deliberate: ${allowedReason(line.split(':')[0])})`);
      }
      this.check(`${label}: ${step}`, lines.filter((line) => !allowed.includes(line)));
    }
    for (const step of proxySteps.keys()) this.check(`${label}: ${step}`, ['step only in the proxy transcript']);
  }

  check(name, problems) {
    if (problems.length) {
      this.failed++;
      for (const line of problems) {
        const field = line.split(':')[0].replace(/\[\d+\]/g, '').split('.').slice(1).join('.') || line.split(':')[0];
        this.fields.set(field, (this.fields.get(field) || 0) + 1);
      }
      console.log(`FAIL  ${name}`);
      for (const line of problems.slice(0, 25)) console.log(`        ${line}`);
      if (problems.length > 25) console.log(`        ... ${problems.length - 25} more differences`);
    } else {
      this.passed++;
      console.log(`PASS  ${name}`);
    }
  }

  finish() {
    if (this.fields.size) {
      console.log('Differences by field, all steps (most frequent first):');
      for (const [field, n] of [...this.fields].sort((x, y) => y[1] - x[1])) console.log(`  ${n}x  ${field}`);
    }
    console.log(`${this.driver}: ${this.passed} passed, ${this.failed} failed`);
    process.exitCode = this.failed ? 1 : 0;
  }
}

// A TCP relay to Shardline noting, per connection, whether the client sent an SSLRequest (32-byte handshake
// response with CLIENT_SSL) followed by a TLS ClientHello: proof of TLS that does not rely on the driver.
class TlsSniffer {
  constructor(targetPort) {
    this.seen = [];
    this.server = net.createServer((client) => {
      const seen = { sslRequest: false, clientHello: false };
      this.seen.push(seen);
      const upstream = net.connect(targetPort, '127.0.0.1');
      let first = true;
      let helloPending = false;
      client.on('data', (data) => {
        if (first && data.length >= 8) {
          const length = data[0] | (data[1] << 8) | (data[2] << 16);
          seen.sslRequest = length === 32 && data[3] === 1 && (data.readUInt32LE(4) & 0x800) !== 0;
          if (seen.sslRequest && data.length > 36) seen.clientHello = data[36] === 0x16;
          helloPending = seen.sslRequest && data.length === 36;
        } else if (helloPending) {
          seen.clientHello = data[0] === 0x16;
          helloPending = false;
        }
        first = false;
        upstream.write(data);
      });
      upstream.on('data', (data) => client.write(data));
      for (const [a, b] of [[client, upstream], [upstream, client]]) {
        a.on('end', () => b.end());
        a.on('error', () => b.destroy());
      }
    });
  }

  async listen() {
    await new Promise((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = this.server.address().port;
    return this;
  }

  close() {
    this.server.close();
    this.server.unref();
  }

  usedTls() {
    if (!this.seen.length) return ['no connection went through the TLS sniffer'];
    return this.seen.map((s, i) => (s.sslRequest && s.clientHello ? null
      : `connection ${i + 1}: SSLRequest=${s.sslRequest}, TLS ClientHello=${s.clientHello}`)).filter(Boolean);
  }

  usedPlain() {
    if (!this.seen.length) return ['no connection went through the TLS sniffer'];
    return this.seen.map((s, i) => (s.sslRequest ? `connection ${i + 1} sent an SSLRequest` : null)).filter(Boolean);
  }
}

const sha2User = (kind, driver) => `sha2_${kind}_${driver}`;

// Direct vs proxy (plain), then the proxy over TLS and the caching_sha2_password logins, each against direct.
// scenario(target, {full, tls}) returns a transcript; connectError(target, {tls}) the login-failure record.
async function main(driver, scenario, connectError, features) {
  const out = new Outcome(driver);
  const direct = await scenario(DIRECT, { full: true });
  out.compare('proxy', direct, await scenario(PROXY, { full: true }));
  const core = direct.filter(([step]) => step !== 'wrong_password' && step !== 'unknown_schema');
  const wrong = new Map(direct).get('wrong_password');
  const sha2LoginFailure = async (label, target, options) => {
    const expected = wrong.error ? { error: { ...wrong.error, message: wrong.error.message
      .replace(`'${DIRECT.user}'`, `'${target.user}'`) } } : wrong;
    const got = await connectError({ ...target, password: 'wrong-password' }, options);
    out.compare(label, [['wrong_password', expected]], [['wrong_password', got]]);
  };
  const sniffed = async (label, target, options, expectTls) => {
    const sniffer = await new TlsSniffer(PROXY.port).listen();
    const via = { ...target, port: sniffer.port };
    out.compare(label, core, await scenario(via, options));
    out.check(`${label}: the connections ${expectTls ? 'used TLS' : 'stayed plain TCP'}`,
      expectTls ? sniffer.usedTls() : sniffer.usedPlain());
    await sha2LoginFailureIf(label, via, options);
    sniffer.close();
  };
  const sha2LoginFailureIf = async (label, target, options) => {
    if (target.user !== PROXY.user) await sha2LoginFailure(label, target, options);
  };
  if (features.tls) await sniffed('proxy-tls', PROXY, { full: false, tls: true }, true);
  if (features.sha2Rsa) {
    await sniffed('sha2-rsa', { user: sha2User('rsa', driver), password: SHA2_PASSWORD }, { full: false }, false);
  }
  if (features.sha2Tls) {
    await sniffed('sha2-tls', { user: sha2User('tls', driver), password: SHA2_PASSWORD },
      { full: false, tls: true }, true);
  }
  out.finish();
}

module.exports = { HOST, SCHEMA, DIRECT, PROXY, norm, main };
