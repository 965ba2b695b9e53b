#!/usr/bin/env node
/**
 * How much a screening adds to the database, against its upload (issue 12 item 6: target ≤ 1.5× the upload).
 * Starts the built service in-process on a fresh SQLite file and a fresh PostgreSQL schema, uploads a synthetic
 * tenant CSV through POST /api/screenings as a park-admin, waits until it is done, and prints the growth per table.
 *
 *   node scripts/measure-screening-storage.js [--rows 100000] [--store sqlite|postgres|both]
 *
 * PostgreSQL: TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test). Screenings queue no review work
 * (issue 12 item 1); where this tree still has the old wholesale review intake, the script switches it off so that
 * only screening data is measured, and says so.
 */
'use strict';
const { execFileSync } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const arg = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const ROWS = Number(arg('--rows', '100000'));
const STORES = arg('--store', 'both') === 'both' ? ['sqlite', 'postgres'] : [arg('--store')];
const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

execFileSync('node', [path.join(ROOT, 'scripts/build.js'), '--quiet'], { cwd: ROOT, stdio: 'inherit' });
require('reflect-metadata');
const dist = (p) => require(path.join(ROOT, 'dist', p));
const { NestFactory } = require('@nestjs/core');
const { DataSource } = require('typeorm');
const { Client } = require('pg');
const { AppModule } = dist('apps/api/src/app.module');
const { setupApp } = dist('apps/api/src/app.setup');
const { loadConfig } = dist('apps/api/src/config/app-config');
const { UsersService } = dist('apps/api/src/users/users.service');
const { writeSyntheticTenantCsv } = dist('libs/batch/src');

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gdpm-storage-'));
  const csv = path.join(dir, `tenants-${ROWS}.csv`);
  writeSyntheticTenantCsv(csv, { rows: ROWS, badEvery: 997, seed: 42 });
  const upload = fs.statSync(csv).size;
  console.log(`upload: ${ROWS.toLocaleString('en-US')} rows, ${mb(upload)} MB (${csv})`);
  try {
    for (const store of STORES) await measure(store, csv, upload, dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function measure(store, csv, upload, dir) {
  const schema = `m_${randomBytes(5).toString('hex')}`;
  const env =
    store === 'sqlite'
      ? { SQLITE_PATH: path.join(dir, `${store}.sqlite`) }
      : { DATABASE_URL: PG_URL, DB_SCHEMA: schema };
  if (store === 'postgres') await pg((c) => c.query(`CREATE SCHEMA ${schema}`));
  const config = loadConfig({ ...env, LOG_LEVEL: 'error', THROTTLE_LIMIT: '100000' });
  const app = await NestFactory.create(AppModule.register(config), { bodyParser: false, logger: ['error'] });
  setupApp(app, config);
  await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${app.getHttpServer().address().port}`;
  try {
    const note = switchOffWholesaleReviewIntake(app);
    const db = app.get(DataSource);
    const { token } = await app.get(UsersService).create({ name: 'park', role: 'park-admin', parkId: 'park-1' });
    const before = await tableSizes(db, store, schema);
    const t0 = Date.now();
    const form = new FormData();
    form.append('file', new Blob([fs.readFileSync(csv)]), path.basename(csv));
    const res = await fetch(`${url}/api/screenings`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
      body: form,
    });
    if (res.status !== 202) throw new Error(`upload: ${res.status} ${await res.text()}`);
    const { id } = await res.json();
    let status;
    do {
      await new Promise((r) => setTimeout(r, 1000));
      status = await (
        await fetch(`${url}/api/screenings/${id}`, { headers: { Authorization: `Bearer ${token}` } })
      ).json();
    } while (status.status === 'queued' || status.status === 'running');
    if (status.status !== 'done') throw new Error(`screening ${status.status}: ${status.error}`);
    const after = await tableSizes(db, store, schema);
    const total = report(store, upload, before, after, `${((Date.now() - t0) / 1000).toFixed(0)} s`, status, note);
    await perRow(db, store, schema, { total, before, after, screened: status.screened, uploadPerRow: upload / ROWS });
  } finally {
    await app.close();
    if (store === 'postgres') await pg((c) => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
  }
}

/** Until the review-case rewrite lands, screenings still queue every match: measure screening data alone. */
function switchOffWholesaleReviewIntake(app) {
  let intake;
  try {
    const { ReviewIntakeService } = dist('apps/api/src/reviews/review-intake.service');
    intake = app.get(ReviewIntakeService, { strict: false });
  } catch {
    return '';
  }
  if (typeof intake?.recordScreeningRows !== 'function') return '';
  intake.recordScreeningRows = async () => undefined;
  return ' (the wholesale review intake of this tree was switched off: screenings queue no review work)';
}

/** Bytes per table (indexes and TOAST included), as the store accounts them. */
async function tableSizes(db, store, schema) {
  if (store === 'sqlite') {
    await db.query('PRAGMA wal_checkpoint(TRUNCATE)');
    const rows = await db.query('SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name');
    return Object.fromEntries(rows.map((r) => [r.name, Number(r.bytes)]));
  }
  await db.query('ANALYZE');
  const rows = await db.query(
    `SELECT c.relname AS name, pg_total_relation_size(c.oid) AS bytes
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind = 'r'`,
    [schema],
  );
  return Object.fromEntries(rows.map((r) => [r.name, Number(r.bytes)]));
}

function report(store, upload, before, after, took, status, note) {
  const grown = Object.keys(after)
    .map((name) => [name, after[name] - (before[name] ?? 0)])
    .filter(([, bytes]) => bytes > 0)
    .sort((a, b) => b[1] - a[1]);
  const total = grown.reduce((sum, [, bytes]) => sum + bytes, 0);
  console.log(
    `\n${store}: ${status.screened.toLocaleString('en-US')} screened + ${status.rejectedRows} rejected in ${took}${note}`,
  );
  for (const [name, bytes] of grown) console.log(`  ${name.padEnd(40)} ${mb(bytes).padStart(9)} MB`);
  console.log(
    `  ${'total growth'.padEnd(40)} ${mb(total).padStart(9)} MB = ${(total / upload).toFixed(2)}× the upload`,
  );
  return total;
}

/**
 * Per screened tenant: what its row holds (statuses, key columns), its share of the profile blocks (compressed
 * bytes), and what each table grew by, all against the upload's bytes per row.
 */
async function perRow(db, store, schema, { total, before, after, screened, uploadPerRow }) {
  const table = (name) => (store === 'sqlite' ? name : `${schema}.${name}`);
  const bytes = (col) => (store === 'sqlite' ? `length(CAST(${col} AS BLOB))` : `octet_length(${col})`);
  const [r] = await db.query(
    `SELECT avg(${bytes('statuses')}) AS statuses,
            avg(coalesce(${bytes('name')}, 0) + coalesce(${bytes('credit_code')}, 0) + coalesce(${bytes('city')}, 0)
                + coalesce(${bytes('park_id')}, 0)) AS keys
       FROM ${table('screening_tenants')}`,
  );
  const [b] = await db.query(
    `SELECT count(*) AS blocks, sum(${bytes('data')}) AS data FROM ${table('screening_profile_blocks')}`,
  );
  // A table's growth with its indexes (SQLite lists them apart: sqlite_autoindex_<table>_n).
  const grew = (name) =>
    Object.keys(after)
      .filter((n) => n === name || n.startsWith(`sqlite_autoindex_${name}_`))
      .reduce((sum, n) => sum + after[n] - (before[n] ?? 0), 0);
  const f = (v) => Number(v).toFixed(0);
  const per = (v) => f(v / screened);
  let fill = '';
  if (store === 'sqlite') {
    const [p] = await db.query(
      `SELECT SUM(pgsize) AS size, SUM(unused) AS unused FROM dbstat WHERE name = 'screening_tenants'`,
    );
    fill = ` (its pages ${f((100 * (p.size - p.unused)) / p.size)}% used)`;
  }
  console.log(
    `  per tenant row: statuses ${f(r.statuses)} B, name/credit code/city/park ${f(r.keys)} B (+ counts, key, ` +
      `row and page overhead); its profile ${per(Number(b.data))} B compressed (${f(b.blocks)} profile blocks)`,
  );
  console.log(
    `  per screened tenant stored: screening_tenants ${per(grew('screening_tenants'))} B${fill}, ` +
      `screening_profile_blocks ${per(grew('screening_profile_blocks'))} B, all tables ${per(total)} B; ` +
      `the upload: ${f(uploadPerRow)} B per row`,
  );
}

async function pg(fn) {
  const c = new Client({ connectionString: PG_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

const mb = (bytes) => (bytes / (1 << 20)).toFixed(1);

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
