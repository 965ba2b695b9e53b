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
  /** Caps on one screening, checked while its file streams (issue 14). */
  screening: {
    maxRows: number;
    maxXlsxBytes: number;
    maxSharedStringsBytes: number;
    timeLimitSeconds: number;
    concurrency: number;
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
    screening: {
      maxRows: vars.MAX_SCREENING_ROWS ?? 2_000_000,
      maxXlsxBytes: (vars.MAX_XLSX_MB ?? 1024) * 1024 * 1024,
      maxSharedStringsBytes: (vars.MAX_XLSX_SHARED_STRINGS_MB ?? 32) * 1024 * 1024,
      timeLimitSeconds: vars.SCREENING_TIME_LIMIT_SECONDS ?? 3600,
      concurrency: vars.SCREENING_CONCURRENCY ?? 2,
    },
  };
}

/** '500kb' → 512000, '10mb' → 10485760 (the same units body-parser uses). */
function toBytes(size: string): number {
  const [, n, unit] = /^(\d+)(kb|mb)$/i.exec(size)!;
  return Number(n) * (unit.toLowerCase() === 'mb' ? 1024 * 1024 : 1024);
}

export const APP_CONFIG = Symbol('APP_CONFIG');
