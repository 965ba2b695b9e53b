import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

/** The built service (dist/), started as `npm start` would start it, on a temporary SQLite file. */
const MAIN = path.resolve(__dirname, '../../../api/src/main.js');
/** Preloaded when profiling: lets the bench stop the service with a normal exit, so V8 writes the profile. */
const EXIT_ON_SIGUSR2 = path.resolve(__dirname, 'exit-on-sigusr2.js');
/** Starts `workers` copies of the service on one port (node:cluster). */
const CLUSTER = path.resolve(__dirname, 'cluster-service.js');

export interface ServiceOptions {
  /** Write a V8 CPU profile of the service into this folder (node --cpu-prof). */
  cpuProfDir?: string;
  /** Extra environment (settings under test). */
  env?: Record<string, string>;
  /** Another build's dist/apps/api/src/main.js, to compare builds under the same conditions. */
  main?: string;
  /** Processes sharing the port (node:cluster, cluster-service.ts); 1: the service as `npm start` runs it. */
  workers?: number;
}

export interface RunningService {
  url: string;
  pid: number;
  /** CPU time (user + system) the service's processes have used so far, in ms (Linux /proc; null elsewhere). */
  cpuMs(): number | null;
  /** The same, kernel time alone (system: socket writes, page faults …). */
  systemCpuMs(): number | null;
  /** Resident set size now, in MB, of all its processes (Linux /proc; null elsewhere). */
  rssMb(): number | null;
  stop(): Promise<void>;
}

/**
 * Starts `node dist/apps/api/src/main.js` with a fresh SQLite file and the anonymous rate limit lifted
 * (THROTTLE_LIMIT far above what one run can send, over a 1 s window), and waits until /health answers.
 */
export async function startService(opts: ServiceOptions = {}): Promise<RunningService> {
  const main = opts.main ?? MAIN;
  if (!fs.existsSync(main)) throw new Error(`${main} is missing: run npm run build`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gdpm-bench-api-'));
  const port = await freePort();
  const nodeArgs = opts.cpuProfDir
    ? ['--cpu-prof', `--cpu-prof-dir=${opts.cpuProfDir}`, '--require', EXIT_ON_SIGUSR2]
    : [];
  // The embedded store, whatever the caller's shell points at.
  const inherited = { ...process.env };
  delete inherited.DATABASE_URL;
  delete inherited.REDIS_URL;
  const workers = opts.workers ?? 1;
  // With workers, the node options (profiling) go to the workers: the primary only hands out connections.
  const args = workers > 1 ? [CLUSTER, main, String(workers)] : [...nodeArgs, main];
  const child = spawn(process.execPath, args, {
    env: {
      ...inherited,
      GDPM_BENCH_WORKER_NODE_ARGS: JSON.stringify(nodeArgs),
      PORT: String(port),
      SQLITE_PATH: path.join(dir, 'app.sqlite'),
      THROTTLE_LIMIT: '1000000000',
      // The limit is lifted for one address, so the in-memory storage (@nestjs/throttler 6) would keep every hit of the
      // TTL — ~47,000 at 780 req/s over the default 60 s — and filter and copy that list on every request (~0.1 ms and
      // ~0.4 MB of garbage each). A 1 s window keeps ~800, the order of what one real address can hold (THROTTLE_LIMIT,
      // 600 by default, then it is refused).
      THROTTLE_TTL_SECONDS: '1',
      LOG_LEVEL: 'warn',
      ...opts.env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, child);
  if (workers > 1) await waitForFile(path.join(dir, 'app.sqlite.ready'), child);
  const pids = () => [child.pid!, ...childPids(child.pid!)];
  const sum = (read: (pid: number) => number | null) => {
    const values = pids().map(read);
    return values.includes(null) ? null : values.reduce((a, b) => a! + b!, 0);
  };
  return {
    url,
    pid: child.pid!,
    cpuMs: () => sum((pid) => procCpuMs(pid)),
    systemCpuMs: () => sum((pid) => procCpuMs(pid, 'system')),
    rssMb: () => sum(procRssMb),
    stop: async () => {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill(opts.cpuProfDir ? 'SIGUSR2' : 'SIGTERM');
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitForFile(file: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (!fs.existsSync(file)) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the service's workers did not all start`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function waitForHealth(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the service exited with code ${child.exitCode} while starting`);
    try {
      if ((await fetch(`${url}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error('the service did not answer /health within 120 s');
}

/** utime + stime (or stime alone) of a process, from /proc/<pid>/stat (fields 14 and 15, in clock ticks of 10 ms). */
export function procCpuMs(pid: number, which: 'all' | 'system' = 'all'): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((which === 'all' ? Number(fields[11]) : 0) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/** The processes whose parent is `pid` (the cluster's workers), from /proc/<n>/stat; none off Linux. */
function childPids(pid: number): number[] {
  try {
    return fs
      .readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .filter((name) => {
        try {
          const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
          return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
        } catch {
          return false; // gone meanwhile
        }
      })
      .map(Number);
  } catch {
    return [];
  }
}

function procRssMb(pid: number): number | null {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 1024) : null;
  } catch {
    return null;
  }
}
