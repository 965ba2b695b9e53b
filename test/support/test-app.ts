import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Client } from 'pg';
import { AppModule } from '../../apps/api/src/app.module';
import { setupApp } from '../../apps/api/src/app.setup';
import { AppConfig, loadConfig } from '../../apps/api/src/config/app-config';
import { checkFor, conformanceRecorder, failOnViolations } from './response-conformance';
import type { OpenApiResponseCheck } from './openapi-response-check';

export type TestDb = 'sqlite' | 'postgres';
/** CI runs PostgreSQL at 127.0.0.1:5432 with trust auth; override with TEST_DATABASE_URL. */
export const TEST_PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestApp {
  app: NestExpressApplication;
  url: string;
  config: AppConfig;
  close(): Promise<void>;
}

export interface TestAppOptions {
  db?: TestDb;
  /** Extra environment for loadConfig (e.g. BODY_LIMIT). */
  env?: Record<string, string>;
}

/**
 * Boots the real service on a random port: a fresh SQLite file in a temp folder, or a fresh PostgreSQL
 * schema that is dropped again on close. Nothing is shared between test apps. Every response it sends is
 * checked against the /api/docs-json it serves (response-conformance.ts): a mismatch fails the test.
 */
export async function startTestApp(opts: TestAppOptions = {}): Promise<TestApp> {
  const db = opts.db ?? 'sqlite';
  const store = db === 'postgres' ? await createPgSchema() : createSqliteFile();
  const config = loadConfig({ ...store.env, ...opts.env, LOG_LEVEL: 'error' });
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config), {
    bodyParser: false,
    logger: ['error'],
  });
  let check: OpenApiResponseCheck | null = null;
  app.use(conformanceRecorder(() => check));
  setupApp(app, config);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  check = checkFor(await (await fetch(`${url}/api/docs-json`)).text());
  return {
    app,
    config,
    url,
    close: async () => {
      await app.close();
      await store.dispose();
      failOnViolations('sent outside a test (beforeAll, afterAll)');
    },
  };
}

export function createSqliteFile(): { env: Record<string, string>; dispose(): Promise<void> } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gdpm-test-'));
  return {
    env: { SQLITE_PATH: path.join(dir, 'app.sqlite') },
    dispose: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

export async function createPgSchema(): Promise<{
  env: Record<string, string>;
  schema: string;
  dispose(): Promise<void>;
}> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const client = new Client({ connectionString: TEST_PG_URL });
  await client.connect();
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.end();
  return {
    schema,
    env: { DATABASE_URL: TEST_PG_URL, DB_SCHEMA: schema },
    dispose: async () => {
      const c = new Client({ connectionString: TEST_PG_URL });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.end();
      // The service's upload folder for this schema (ScreeningFiles: data/uploads/<schema>; it never removes it).
      fs.rmSync(path.resolve('data', 'uploads', schema), { recursive: true, force: true });
    },
  };
}

/** Both stores the service supports; the e2e suites run once per store. */
export const TEST_DBS: TestDb[] = ['sqlite', 'postgres'];
