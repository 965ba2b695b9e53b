import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

/** Environment variables the service reads (CONTRACT §5). Read and validated once, at start-up. */
class EnvironmentVariables {
  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT?: number;

  @IsOptional()
  @IsString()
  SQLITE_PATH?: string;

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must start with postgres:// or postgresql://' })
  DATABASE_URL?: string;

  /** PostgreSQL schema to use (tests give each run its own). */
  @IsOptional()
  @Matches(/^[a-z_][a-z0-9_]*$/)
  DB_SCHEMA?: string;

  @IsOptional()
  @Matches(/^\d+(kb|mb)$/i, { message: 'BODY_LIMIT must look like 100kb or 1mb' })
  BODY_LIMIT?: string;

  @IsOptional()
  @IsIn(['error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL?: string;

  /** Requests per window, route and client IP that each anonymous endpoint accepts (default 600). */
  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt()
  @Min(1)
  THROTTLE_LIMIT?: number;

  /** The rate-limit window in seconds (default 60). */
  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt()
  @Min(1)
  @Max(86400)
  THROTTLE_TTL_SECONDS?: number;

  /** Largest accepted upload (a tenant file), e.g. 50mb; default 200mb. */
  @IsOptional()
  @Matches(/^\d+(kb|mb)$/i, { message: 'UPLOAD_LIMIT must look like 500kb or 10mb' })
  UPLOAD_LIMIT?: string;

  /** How long a web sign-in lasts, in seconds (default 28800: 8 hours). */
  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt()
  @Min(60)
  @Max(30 * 86400)
  SESSION_TTL?: number;

  /**
   * Set when a reverse proxy terminates TLS in front of the service: `true`, a hop count, or a comma-separated list of
   * proxy addresses/subnets (Express's `trust proxy`). The session cookie is then always Secure, and the client's
   * address and protocol are read from X-Forwarded-For / X-Forwarded-Proto.
   */
  @IsOptional()
  @Matches(/^(true|false|[\w.:/]+(\s*,\s*[\w.:/]+)*)$/i, {
    message: 'TRUST_PROXY must be true, false, a hop count, or proxy addresses/subnets separated by commas',
  })
  TRUST_PROXY?: string;

  /** Signed-in requests per window that one user, and one client address, may make (default 1200 per 60 s). */
  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt()
  @Min(1)
  USER_THROTTLE_LIMIT?: number;

  /** Checks of a token not verified lately that one user id may ask for per window (default 10; one address: 5×). */
  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt()
  @Min(1)
  CREDENTIAL_THROTTLE_LIMIT?: number;

  /** Redis for the rate limits and the screening queue (`npm run worker`); without it, both are in-process. */
  @IsOptional()
  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must start with redis:// or rediss://' })
  REDIS_URL?: string;

  /** Prefix of this deployment's keys in Redis (default `gdpm:`); instances that share limits share it. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9:_-]{1,50}$/)
  REDIS_PREFIX?: string;

  /** Finished screenings older than this many days are purged by `screenings purge` (default 90). */
  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt()
  @Min(0)
  @Max(36500)
  SCREENING_RETENTION_DAYS?: number;
  /** smtp://user:pass@host:port (or smtps://): review notifications go out by email; unset = written to the log. */
  @IsOptional()
  @Matches(/^smtps?:\/\/\S+$/, { message: 'SMTP_URL must look like smtp://host:port or smtps://user:pass@host' })
  SMTP_URL?: string;

  /** The From address of notification emails (default noreply@localhost). */
  @IsOptional()
  @Matches(/^[^\s@]+@[^\s@]+$/, { message: 'SMTP_FROM must be an email address' })
  SMTP_FROM?: string;

  /** Rows a screening file may have, blank rows included (default 2,000,000). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  MAX_SCREENING_ROWS?: number;

  /** Decompressed bytes an XLSX upload may expand to, in MB (default 1024). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  MAX_XLSX_MB?: number;

  /** Decompressed bytes of an XLSX's shared strings, held in memory while its sheet is read, in MB (default 32). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  MAX_XLSX_SHARED_STRINGS_MB?: number;

  /** Seconds one screening may run before it fails (default 3600). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  SCREENING_TIME_LIMIT_SECONDS?: number;

  /** Screenings run side by side, taken from the parks in turn (default 2). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  SCREENING_CONCURRENCY?: number;

  /** With REDIS_URL: data rows per queue chunk, the unit a worker screens and commits (default 2,000). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(100_000)
  SCREENING_CHUNK_ROWS?: number;

  /** With REDIS_URL: how long a worker's lock on a job lasts without renewal, in ms (BullMQ lockDuration; 30000). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(600_000)
  SCREENING_LOCK_MS?: number;

  /** With REDIS_URL: how often workers look for jobs whose worker died, in ms (BullMQ stalledInterval; 30000). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(500)
  @Max(600_000)
  SCREENING_STALLED_INTERVAL_MS?: number;
}

export interface AppConfig {
  port: number;
  database: { type: 'sqlite'; path: string } | { type: 'postgres'; url: string; schema?: string };
  bodyLimit: string;
  logLevel: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
  /** Rate limit of the anonymous endpoints, per client IP. */
  throttle: { limit: number; ttlSeconds: number };
  /** Largest accepted upload, in bytes. */
  uploadLimitBytes: number;
  /** Web sign-in lifetime, in seconds. */
  sessionTtlSeconds: number;
  /** Express's `trust proxy` value; false when the service is reached directly. */
  trustProxy: boolean | number | string;
  /** Signed-in routes per user and per client address; token checks per claimed user id and per address. */
  userThrottle: { limit: number; credentialLimit: number };
  /** Redis (shared rate limits, the screening queue); null: in-process. */
  redis: { url: string; prefix: string } | null;
  /** Default age, in days, past which finished screenings are purged. */
  screeningRetentionDays: number;
  /** Where review notifications go: SMTP when a URL is set, else the log. */
  notifications: { smtpUrl: string | null; from: string };

  /** Caps on one screening, checked while its file streams (issue 14). */
  screening: {
    maxRows: number;
    maxXlsxBytes: number;
    maxSharedStringsBytes: number;
    timeLimitSeconds: number;
    /** In-process: screenings side by side. A queue worker: jobs of each queue (split, chunk) side by side. */
    concurrency: number;
    /** The Redis queue (REDIS_URL): rows per chunk, and BullMQ's lock and stalled-check periods in ms. */
    queue: { chunkRows: number; lockMs: number; stalledIntervalMs: number };
  };
}

export class ConfigError extends Error {}

/** Builds the config from an environment (process.env by default); throws ConfigError naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const vars = plainToInstance(EnvironmentVariables, env, { excludeExtraneousValues: false });
  const errors = validateSync(vars, { skipMissingProperties: false, whitelist: false });
  if (errors.length > 0) {
    throw new ConfigError(
      `invalid environment:\n${errors.map((e) => `  ${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`).join('\n')}`,
    );
  }
  return {
    port: vars.PORT ?? 3000,
    database: vars.DATABASE_URL
      ? { type: 'postgres', url: vars.DATABASE_URL, schema: vars.DB_SCHEMA }
      : { type: 'sqlite', path: vars.SQLITE_PATH || 'data/app.sqlite' },
    bodyLimit: vars.BODY_LIMIT ?? '100kb',
    logLevel: (vars.LOG_LEVEL as AppConfig['logLevel']) ?? 'log',
    throttle: { limit: vars.THROTTLE_LIMIT ?? 600, ttlSeconds: vars.THROTTLE_TTL_SECONDS ?? 60 },
    uploadLimitBytes: toBytes(vars.UPLOAD_LIMIT ?? '200mb'), // ~1,000,000 tenant rows of CSV
    sessionTtlSeconds: vars.SESSION_TTL ?? 8 * 60 * 60,
    trustProxy: trustProxyOf(vars.TRUST_PROXY),
    userThrottle: { limit: vars.USER_THROTTLE_LIMIT ?? 1200, credentialLimit: vars.CREDENTIAL_THROTTLE_LIMIT ?? 10 },
    redis: vars.REDIS_URL ? { url: vars.REDIS_URL, prefix: vars.REDIS_PREFIX ?? 'gdpm:' } : null,
    screeningRetentionDays: vars.SCREENING_RETENTION_DAYS ?? 90,
    notifications: { smtpUrl: vars.SMTP_URL ?? null, from: vars.SMTP_FROM ?? 'noreply@localhost' },

    screening: {
      maxRows: vars.MAX_SCREENING_ROWS ?? 2_000_000,
      maxXlsxBytes: (vars.MAX_XLSX_MB ?? 1024) * 1024 * 1024,
      maxSharedStringsBytes: (vars.MAX_XLSX_SHARED_STRINGS_MB ?? 32) * 1024 * 1024,
      timeLimitSeconds: vars.SCREENING_TIME_LIMIT_SECONDS ?? 3600,
      concurrency: vars.SCREENING_CONCURRENCY ?? 2,
      queue: {
        chunkRows: vars.SCREENING_CHUNK_ROWS ?? 2000,
        lockMs: vars.SCREENING_LOCK_MS ?? 30_000,
        stalledIntervalMs: vars.SCREENING_STALLED_INTERVAL_MS ?? 30_000,
      },
    },
  };
}

/** 'true' → true, '2' → 2 hops, 'loopback, 10.0.0.0/8' → as given (Express reads the list); unset/'false' → false. */
function trustProxyOf(value: string | undefined): boolean | number | string {
  const v = value?.trim().toLowerCase();
  if (!v || v === 'false' || v === '0') return false;
  if (v === 'true') return true;
  return /^\d+$/.test(v) ? Number(v) : v;
}

/** '500kb' → 512000, '10mb' → 10485760 (the same units body-parser uses). */
function toBytes(size: string): number {
  const [, n, unit] = /^(\d+)(kb|mb)$/i.exec(size)!;
  return Number(n) * (unit.toLowerCase() === 'mb' ? 1024 * 1024 : 1024);
}

export const APP_CONFIG = Symbol('APP_CONFIG');
