import 'reflect-metadata';
import { Logger, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { setupApp } from './app.setup';
import { loadConfig } from './config/app-config';
import { databaseProblem } from './database/database-faults';

const LEVELS: LogLevel[] = ['error', 'warn', 'log', 'debug', 'verbose'];

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const unreachable = await databaseProblem(config);
  if (unreachable) {
    console.error(unreachable); // one line naming the variable and the host, within seconds
    process.exit(1);
  }
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config), {
    bodyParser: false, // setupApp installs the JSON parser with the configured size limit
    logger: LEVELS.slice(0, LEVELS.indexOf(config.logLevel) + 1),
  });
  setupApp(app, config);
  await app.listen(config.port);
  const where = config.database.type === 'sqlite' ? `SQLite ${config.database.path}` : 'PostgreSQL';
  Logger.log(`listening on http://localhost:${config.port} (${where}); API docs at /api/docs`, 'Bootstrap');
}

bootstrap().catch((e: unknown) => {
  // A bad rule pack or config lands here: print the reason plainly and stop.
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
