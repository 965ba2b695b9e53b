import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { AppError } from '../common/errors';
import { AppConfig } from '../config/app-config';

/** The database did not answer this request: 503 with Retry-After (the exception filter), never a 500. */
export class DatabaseUnavailableError extends AppError {
  constructor() {
    super('database-unavailable', 'the database does not answer; try again shortly');
  }
}

/** Seconds a client is asked to wait before retrying after a 503. */
export const RETRY_AFTER_SECONDS = 5;

/** Socket errors and PostgreSQL's "connection lost / server shutting down" SQLSTATEs (class 08, 57P0x). */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  '57P01', // admin_shutdown: pg_terminate_backend
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
]);
const UNREACHABLE_MESSAGES =
  /Connection terminated|connection (is )?closed|Client has encountered a connection error|timeout exceeded when trying to connect|the database system is (starting up|shutting down)/i;

/** True when `e` (or the driver error inside a TypeORM error) says the database cannot be reached. */
export function isDatabaseUnreachable(e: unknown): boolean {
  for (
    let err = e as { code?: unknown; message?: unknown; driverError?: unknown } | undefined, depth = 0;
    err && depth < 3;
    depth++
  ) {
    if (typeof err.code === 'string' && UNREACHABLE_CODES.has(err.code)) return true;
    if (typeof err.message === 'string' && UNREACHABLE_MESSAGES.test(err.message)) return true;
    err = err.driverError as typeof err;
  }
  return false;
}

/**
 * Checks the configured database can be reached before anything else starts, so that a wrong `DATABASE_URL` or
 * `SQLITE_PATH` ends start-up within seconds with one line naming the variable and the host, instead of TypeORM's
 * 28 s of retries and a stack trace. Retries for `waitMs` (a database container may still be starting).
 */
export async function databaseProblem(config: AppConfig, waitMs = 3000): Promise<string | null> {
  if (config.database.type === 'sqlite') return sqliteProblem(config.database.path);
  const url = config.database.url;
  const end = Date.now() + waitMs;
  for (;;) {
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
    client.on('error', () => undefined); // a late socket error after a failed connect
    try {
      await client.connect();
      await client.end();
      return null;
    } catch (e) {
      await client.end().catch(() => undefined);
      const err = e as { code?: string; message?: string };
      const retryable = isDatabaseUnreachable(e) || /timeout/i.test(err.message ?? '');
      if (!retryable || Date.now() + 1000 > end) return `DATABASE_URL: ${describeFailure(url, err, retryable)}`;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

function describeFailure(url: string, err: { code?: string; message?: string }, unreachable: boolean): string {
  const where = hostOf(url);
  const code = err.code ?? (/timeout/i.test(err.message ?? '') ? 'timeout' : 'error');
  return unreachable ? `cannot reach ${where} (${code})` : `${where} refused the connection (${code}: ${err.message})`;
}

/** host:port of a postgres:// URL, without the user or password. */
function hostOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname || 'localhost'}:${u.port || '5432'}`;
  } catch {
    return 'an unparseable URL';
  }
}

function sqliteProblem(file: string): string | null {
  const full = path.resolve(file);
  try {
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.closeSync(fs.openSync(full, 'a'));
    return null;
  } catch (e) {
    return `SQLITE_PATH: cannot open ${full} (${(e as { code?: string }).code ?? (e as Error).message})`;
  }
}
