import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

/** The built service (dist/) as a child process: for restarts, signals, RSS and start-up failures. */
export const ROOT = path.resolve(__dirname, '../..');

export function buildOnce(): void {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/build.js'), '--quiet'], { cwd: ROOT, stdio: 'inherit' });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net
      .createServer()
      .listen(0, '127.0.0.1', () => {
        const { port } = server.address() as net.AddressInfo;
        server.close(() => resolve(port));
      })
      .on('error', reject);
  });
}

/** Polls `probe` every 50 ms until it gives a value. */
export async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 120_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export interface ServiceProcess {
  child: ChildProcess;
  /** stdout and stderr so far. */
  log(): string;
  /** Resolves with the exit code (or signal) and the milliseconds from the call to the exit. */
  stop(signal: NodeJS.Signals): Promise<{ code: number | null; ms: number }>;
  exited: Promise<number | null>;
  /** The highest resident set size so far, in MB (VmHWM from /proc). */
  peakRssMb(): number;
  /** The resident set size now, in MB (VmRSS from /proc); 0 once it has exited. */
  rssMb(): number;
}

/**
 * The built service (`npm start`), or with `entry` another entry point of the same build (the worker); `nodeFlags`
 * go to node before the entry point.
 */
export function spawnService(
  env: NodeJS.ProcessEnv,
  entry = 'dist/apps/api/src/main.js',
  nodeFlags: string[] = [],
): ServiceProcess {
  let log = '';
  const child = spawn(process.execPath, [...nodeFlags, entry], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let lastRss = 0;
  return {
    child,
    log: () => log,
    exited,
    stop: async (signal) => {
      const started = Date.now();
      if (child.exitCode !== null || child.signalCode !== null) return { code: child.exitCode, ms: 0 };
      child.kill(signal);
      const timer = signal !== 'SIGKILL' ? setTimeout(() => child.kill('SIGKILL'), 30_000) : undefined;
      const code = await exited;
      clearTimeout(timer);
      return { code, ms: Date.now() - started };
    },
    peakRssMb: () => {
      try {
        const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
        lastRss = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
      } catch {
        // exited: the last figure read
      }
      return lastRss;
    },
    rssMb: () => {
      try {
        const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
        return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
      } catch {
        return 0;
      }
    },
  };
}

/** `npm run worker` (the built worker): resolves once it says it is ready to take jobs. */
export async function startWorker(env: NodeJS.ProcessEnv): Promise<ServiceProcess> {
  const worker = spawnService(env, 'dist/apps/api/src/worker.js');
  await until(
    'the worker to be ready',
    async () => {
      if (worker.child.exitCode !== null) throw new Error(`the worker exited:\n${worker.log()}`);
      return /screening worker \d+ ready/.test(worker.log()) ? true : undefined;
    },
    60_000,
  );
  return worker;
}

/** Starts the service and waits until /health answers 200. */
export async function startService(
  env: NodeJS.ProcessEnv,
  url: string,
  nodeFlags: string[] = [],
): Promise<ServiceProcess> {
  const service = spawnService(env, undefined, nodeFlags);
  await until(
    'the service to listen',
    async () => {
      if (service.child.exitCode !== null) throw new Error(`the service exited:\n${service.log()}`);
      return (await fetch(`${url}/health`)).status === 200 ? true : undefined;
    },
    60_000,
  );
  return service;
}

/** `npm run cli -- …` against the same database as the service. */
export function cli(env: NodeJS.ProcessEnv, ...args: string[]): string {
  return execFileSync(process.execPath, ['dist/apps/cli/src/main.js', ...args], { cwd: ROOT, env, encoding: 'utf8' });
}

/** A park-admin's bearer token, made with the CLI. */
export function parkAdminToken(env: NodeJS.ProcessEnv, name: string, park: string): string {
  return cli(env, 'users', 'create', name, '--role', 'park-admin', '--park', park).trim().split('\n').pop()!;
}
