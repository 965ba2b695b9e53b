import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';

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

  /**
   * Behind a load balancer: how many proxy hops to trust for the client address (X-Forwarded-For), or the proxies'
   * addresses/CIDRs, comma-separated. Unset = trust none (the peer address is the client).
   */
  @IsOptional()
  @Matches(/^[\w.:/]+(\s*,\s*[\w.:/]+)*$/, {
    message: 'TRUST_PROXY must be a hop count (e.g. 1) or proxy addresses/CIDRs (or loopback) separated by commas',
  })
  TRUST_PROXY?: string;

  /** Largest accepted upload (a tenant file), e.g. 50mb; default 200mb. */
  @IsOptional()
  @Matches(/^\d+(kb|mb)$/i, { message: 'UPLOAD_LIMIT must look like 500kb or 10mb' })
  UPLOAD_LIMIT?: string;
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
  /** Express's `trust proxy`: false, a hop count, or proxy addresses (TRUST_PROXY). */
  trustProxy: false | number | string;
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
    trustProxy: trustProxy(vars.TRUST_PROXY),
  };
}

/** TRUST_PROXY as Express takes it: a hop count as a number, addresses as the string, unset as false. */
function trustProxy(value: string | undefined): AppConfig['trustProxy'] {
  if (value === undefined || value === '') return false;
  return /^\d+$/.test(value) ? Number(value) : value;
}

/** '500kb' → 512000, '10mb' → 10485760 (the same units body-parser uses). */
function toBytes(size: string): number {
  const [, n, unit] = /^(\d+)(kb|mb)$/i.exec(size)!;
  return Number(n) * (unit.toLowerCase() === 'mb' ? 1024 * 1024 : 1024);
}

export const APP_CONFIG = Symbol('APP_CONFIG');
