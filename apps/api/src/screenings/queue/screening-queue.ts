import { Logger } from '@nestjs/common';
import type { Cell, ColumnPlan } from '@app/batch';
import type { RegisterQueueOptions } from '@nestjs/bullmq';
import type { JobsOptions, QueueOptions } from 'bullmq';
import type { AppConfig } from '../../config/app-config';

/**
 * The screening queue (REDIS_URL), in two BullMQ queues so that a long split never holds a slot a chunk needs:
 * - `screening-split`: one job per upload (job id = screening id). It counts the rows under the caps (a bomb ends the
 *   screening `failed` there), then reads the file and enqueues its data rows in chunks.
 * - `screening-chunk`: one job per chunk of `chunk_rows` data rows (job id `<screening id>-<chunk no>`, so a split run
 *   again adds nothing twice; BullMQ refuses ':' in a custom id). Priority = chunk no + 1: the first chunks of every
 *   screening go before the later chunks of a big one, so a small file never waits behind a big file.
 * Every process of a deployment uses the same REDIS_PREFIX: the queues' keys are `<REDIS_PREFIX>bull:<queue>:…`.
 */
export const SPLIT_QUEUE = 'screening-split';
export const CHUNK_QUEUE = 'screening-chunk';

export interface SplitJobData {
  screeningId: string;
}

export interface ChunkJobData {
  screeningId: string;
  chunkNo: number;
  /** The pack the split cut it under: a chunk of a screening since started over under another pack is skipped. */
  rulePackVersion: string;
  /** The file's columns (header row), to read the cells with. */
  columns: ColumnPlan;
  /** [row number, cells] of each data row of the chunk, in file order (blank rows are counted by the split). */
  rows: [number, Cell[]][];
}

export const chunkJobId = (screeningId: string, chunkNo: number): string => `${screeningId}-${chunkNo}`;

/** BullMQ's lowest priority; chunks past it share it. */
const LOWEST_PRIORITY = 2_097_151;
export const chunkPriority = (chunkNo: number): number => Math.min(chunkNo + 1, LOWEST_PRIORITY);

/** The queues' key prefix: under REDIS_PREFIX, beside the rate-limit counters. */
export function queuePrefix(config: AppConfig): string {
  return `${config.redis!.prefix.replace(/:?$/, ':')}bull`;
}

/**
 * BullModule.forRoot options. An API instance only adds jobs and fails fast when Redis is away (the upload is then
 * answered 503); a worker waits for Redis to come back (BullMQ's blocking connections need that).
 */
export function bullRootOptions(config: AppConfig, role: 'api' | 'worker'): QueueOptions {
  const url = config.redis!.url;
  const connection =
    role === 'api'
      ? { url, enableOfflineQueue: false, retryStrategy: (attempt: number) => Math.min(attempt * 200, 2000) }
      : { url };
  return { connection, prefix: queuePrefix(config) };
}

/** Retries with backoff (a database or Redis that stopped answering); finished chunks leave Redis at once. */
export const SPLIT_JOB_OPTIONS: JobsOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 24 * 3600 }, // kept a day: a re-add of the same screening (worker start-up) is a no-op
  removeOnFail: { age: 7 * 24 * 3600 },
};
export const CHUNK_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: true, // its rows and marker are in the database; the cells need not stay in Redis
  removeOnFail: { age: 7 * 24 * 3600 },
};

export const QUEUES: RegisterQueueOptions[] = [
  { name: SPLIT_QUEUE, defaultJobOptions: SPLIT_JOB_OPTIONS },
  { name: CHUNK_QUEUE, defaultJobOptions: CHUNK_JOB_OPTIONS },
];

/** A warning at most once every 30 s: Redis errors repeat at every reconnection attempt while it is away. */
export class ThrottledLog {
  private readonly logger: Logger;
  private last = 0;

  constructor(context: string) {
    this.logger = new Logger(context);
  }

  log(message: string): void {
    if (Date.now() - this.last < 30_000) return;
    this.last = Date.now();
    this.logger.warn(message);
  }
}

/**
 * Logs a queue's connection errors (ThrottledLog): without a listener BullMQ prints each reconnection attempt. Attach
 * it as soon as the queue exists: it connects at once, before any onModuleInit.
 */
export function logQueueErrors(emitter: { on(event: 'error', fn: (e: Error) => void): unknown }, what: string): void {
  const log = new ThrottledLog('ScreeningQueue');
  emitter.on('error', (e: Error) => log.log(`${what}: ${e.message}`));
}
