import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { profileBlockSchema } from '../screenings/entities/screening-profile-block.entity';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/**
 * One place that turns the config into TypeORM options, for the service, the CLI and the migration CLI.
 * Migrations run at start-up; `synchronize` is never on.
 */
export function dataSourceOptions(config: AppConfig): DataSourceOptions {
  const entities = [...ENTITIES, profileBlockSchema(config.database.type)];
  const common = { entities, migrations: MIGRATIONS, migrationsRun: true, synchronize: false } as const;
  if (config.database.type === 'postgres') {
    return { type: 'postgres', url: config.database.url, schema: config.database.schema, ...common };
  }
  const file = path.resolve(config.database.path);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // WAL lets the service read while a screening writes; busyTimeout waits out short write locks.
  return { type: 'sqlite', database: file, enableWAL: true, busyTimeout: 10_000, ...common };
}
