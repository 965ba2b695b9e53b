import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';

/** Environment variables the service reads (CONTRACT §5). Read and validated once, at start-up. */
class EnvironmentVariables {
  @IsOptional() @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt() @Min(0) @Max(65535)
  PORT?: number;

  @IsOptional() @IsString()
  SQLITE_PATH?: string;

  @IsOptional() @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must start with postgres:// or postgresql://' })
  DATABASE_URL?: string;

  /** PostgreSQL schema to use (tests give each run its own). */
  @IsOptional() @Matches(/^[a-z_][a-z0-9_]*$/)
  DB_SCHEMA?: string;

  @IsOptional() @Matches(/^\d+(kb|mb)$/i, { message: 'BODY_LIMIT must look like 100kb or 1mb' })
  BODY_LIMIT?: string;

  @IsOptional() @IsIn(['error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL?: string;
}

export interface AppConfig {
  port: number;
  database: { type: 'sqlite'; path: string } | { type: 'postgres'; url: string; schema?: string };
  bodyLimit: string;
  logLevel: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
}

export class ConfigError extends Error {}

/** Builds the config from an environment (process.env by default); throws ConfigError naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const vars = plainToInstance(EnvironmentVariables, env, { excludeExtraneousValues: false });
  const errors = validateSync(vars, { skipMissingProperties: false, whitelist: false });
  if (errors.length > 0) {
    throw new ConfigError(`invalid environment:\n${errors.map((e) => `  ${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`).join('\n')}`);
  }
  return {
    port: vars.PORT ?? 3000,
    database: vars.DATABASE_URL
      ? { type: 'postgres', url: vars.DATABASE_URL, schema: vars.DB_SCHEMA }
      : { type: 'sqlite', path: vars.SQLITE_PATH || 'data/app.sqlite' },
    bodyLimit: vars.BODY_LIMIT ?? '100kb',
    logLevel: (vars.LOG_LEVEL as AppConfig['logLevel']) ?? 'log',
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
