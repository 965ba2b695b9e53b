import cluster from 'node:cluster';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * `node cluster-service.js <main.js> <workers>`: the service as `workers` processes sharing one port (node:cluster;
 * the primary hands connections out round-robin), for `npm run bench:api -- --workers <n>`: what one process per core
 * gives on this machine. Each worker gets its own SQLite file (SQLITE_PATH + `.<n>`: migrations at start-up must not
 * race on one file) and keeps its own in-memory rate-limit counts — a bench arrangement, not a deployment (several
 * instances share limits through Redis and a store through PostgreSQL: docs/deployment.md).
 */
const [main, count] = process.argv.slice(2);

if (cluster.isPrimary) {
  const workers = Number(count);
  cluster.setupPrimary({ execArgv: JSON.parse(process.env.GDPM_BENCH_WORKER_NODE_ARGS ?? '[]') as string[] });
  for (let i = 1; i <= workers; i++) {
    cluster.fork({ SQLITE_PATH: `${process.env.SQLITE_PATH}.${i}`, GDPM_BENCH_WORKER: String(i) });
  }
  // The bench waits for this file: /health answers as soon as the first worker listens.
  let listening = 0;
  cluster.on('listening', () => {
    if (++listening === workers) fs.writeFileSync(`${process.env.SQLITE_PATH}.ready`, '');
  });
  let exited = 0;
  cluster.on('exit', () => {
    if (++exited === workers) process.exit(0);
  });
  for (const signal of ['SIGTERM', 'SIGUSR2'] as const) {
    process.on(signal, () => {
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    });
  }
} else {
  require(path.resolve(main)); // eslint-disable-line @typescript-eslint/no-require-imports -- the built service
}
