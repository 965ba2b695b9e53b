import 'reflect-metadata';
import { Logger, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from './config/app-config';
import { databaseProblem } from './database/database-faults';
import { queuePrefix } from './screenings/queue/screening-queue';
import { ScreeningWorkerModule } from './screenings/queue/screening-queue.module';

const LEVELS: LogLevel[] = ['error', 'warn', 'log', 'debug', 'verbose'];
/** SIGTERM: the worker takes no new job, lets a running chunk commit, hands a running split back; past this, it exits. */
const SHUTDOWN_DEADLINE_MS = 9000;

/**
 * `npm run worker`: a screening worker. The service's build and configuration (the same environment as `npm start`),
 * no HTTP: a Nest application context that takes split and chunk jobs from the Redis queue (REDIS_URL, REDIS_PREFIX)
 * and writes to the service's database. Run as many as the screening load needs, beside the API instances.
 */
async function bootstrap(): Promise<void> {
  const config = loadConfig();
  if (!config.redis) {
    console.error('REDIS_URL: a screening worker takes its jobs from Redis; set REDIS_URL (redis://host:6379)');
    process.exit(1);
  }
  const unreachable = await databaseProblem(config);
  if (unreachable) {
    console.error(unreachable);
    process.exit(1);
  }
  process.once('SIGTERM', () => {
    setTimeout(() => {
      console.error(`the worker did not stop within ${SHUTDOWN_DEADLINE_MS} ms of SIGTERM: exiting`);
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
  });
  const app = await NestFactory.createApplicationContext(ScreeningWorkerModule.register(config), {
    logger: LEVELS.slice(0, LEVELS.indexOf(config.logLevel) + 1),
  });
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  const { concurrency, queue } = config.screening;
  Logger.log(
    `screening worker ${process.pid} ready: queues ${queuePrefix(config)}:screening-{split,chunk}, ` +
      `${concurrency} jobs of each side by side, ${queue.chunkRows} rows per chunk, lock ${queue.lockMs} ms, ` +
      `stalled check every ${queue.stalledIntervalMs} ms`,
    'Worker',
  );
}

bootstrap().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
