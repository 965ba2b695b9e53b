import { InjectQueue, OnQueueEvent, OnWorkerEvent, QueueEventsHost, WorkerHost } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Job, Queue, WaitingError } from 'bullmq';
import { DataSource, In } from 'typeorm';
import { ScreeningEntity } from '../entities/screening.entity';
import { ScreeningJob } from '../screening-job.service';
import { ChunkOutcome, RulePackMismatchError, ScreeningChunks } from './screening-chunks.service';
import { ChunkJobData, chunkJobId, logQueueErrors, SPLIT_QUEUE, SplitJobData, ThrottledLog } from './screening-queue';
import { ScreeningSplitter } from './screening-splitter.service';

/*
 * The worker side of the screening queue (`npm run worker`). The classes carry no @Processor here:
 * ScreeningWorkerModule applies it to a subclass of each with the worker options from the configuration
 * (concurrency, SCREENING_LOCK_MS, SCREENING_STALLED_INTERVAL_MS), which a decorator on the class could not read.
 *
 * A worker killed mid-job (kill -9) stops renewing its lock: after SCREENING_LOCK_MS another worker's stalled check
 * (every SCREENING_STALLED_INTERVAL_MS) puts the job back in the queue and a worker runs it again. On SIGTERM a worker
 * takes no new job; a running chunk commits (a second or so), a running split goes back to the queue as it is.
 */

/** Splits an upload into chunk jobs (ScreeningSplitter). */
@Injectable()
export class ScreeningSplitProcessor extends WorkerHost implements BeforeApplicationShutdown {
  private readonly logger = new Logger('ScreeningSplitWorker');
  private readonly errors = new ThrottledLog('ScreeningSplitWorker');
  private readonly stopping = new AbortController();

  constructor(private readonly splitter: ScreeningSplitter) {
    super();
  }

  async process(job: Job<SplitJobData>, token?: string): Promise<void> {
    const outcome = await this.splitter.split(job.data.screeningId, this.stopping.signal);
    if (outcome === 'stopped') {
      // Shutting down: back to the queue for another worker, without counting an attempt.
      this.logger.log(`split of screening ${job.data.screeningId} handed back to the queue (shutting down)`);
      await job.moveToWait(token);
      throw new WaitingError();
    }
  }

  /** Before the database closes (onApplicationShutdown): stop the split, let the worker end its job. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    await this.worker.close();
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job<SplitJobData> | undefined, error: Error): void {
    this.logger.warn(
      `split of screening ${job?.data.screeningId} failed (attempt ${job?.attemptsMade}): ${error.message}`,
    );
  }

  @OnWorkerEvent('stalled')
  onStalled(jobId: string): void {
    this.logger.warn(`split of screening ${jobId} stalled (its worker died or lost its lock): back to the queue`);
  }

  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.errors.log(`split worker: ${error.message}`);
  }
}

/** Screens and commits one chunk (ScreeningChunks), then finishes the screening if it was the last one. */
@Injectable()
export class ScreeningChunkProcessor extends WorkerHost implements BeforeApplicationShutdown {
  private readonly logger = new Logger('ScreeningChunkWorker');
  private readonly errors = new ThrottledLog('ScreeningChunkWorker');

  constructor(private readonly chunks: ScreeningChunks) {
    super();
  }

  async process(job: Job<ChunkJobData>): Promise<ChunkOutcome> {
    const { screeningId, chunkNo, rows } = job.data;
    const name = chunkJobId(screeningId, chunkNo);
    const started = Date.now();
    this.logger.debug(`chunk ${name} started: rows ${rows[0]?.[0]}-${rows[rows.length - 1]?.[0]}`);
    const outcome = await this.chunks.commit(job.data);
    this.logger.debug(`chunk ${name} ${outcome}: ${rows.length} rows in ${Date.now() - started} ms`);
    await this.chunks.finishIfComplete(screeningId);
    return outcome;
  }

  /** Before the database closes: take no new chunk, let the running ones commit. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.worker.close();
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job<ChunkJobData> | undefined, error: Error): void {
    this.logger.warn(`chunk ${job?.id} failed (attempt ${job?.attemptsMade}): ${error.message}`);
  }

  @OnWorkerEvent('stalled')
  onStalled(jobId: string): void {
    this.logger.warn(`chunk ${jobId} stalled (its worker died or lost its lock): back to the queue`);
  }

  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.errors.log(`chunk worker: ${error.message}`);
  }
}

/**
 * A job that failed for good — its attempts used up, or its worker lost more often than `maxStalledCount` — ends its
 * screening `failed` (every worker hears the event; the first marks it, the others find it failed). The queue's
 * events, not the worker's: a job failed by a stalled check is reported only there.
 */
@Injectable()
export class ScreeningFailures extends QueueEventsHost {
  private readonly logger = new Logger('ScreeningQueue');
  private readonly errors = new ThrottledLog('ScreeningQueue');

  constructor(private readonly job: ScreeningJob) {
    super();
  }

  @OnQueueEvent('failed')
  async onFailed({ jobId, failedReason }: { jobId: string; failedReason: string }): Promise<void> {
    const isChunk = this.queueEvents.name !== SPLIT_QUEUE;
    const screeningId = isChunk ? jobId.slice(0, jobId.lastIndexOf('-')) : jobId;
    const what = isChunk ? `chunk ${jobId.slice(jobId.lastIndexOf('-') + 1)}` : 'the split';
    this.logger.error(`${what} of screening ${screeningId} failed for good: ${failedReason}`);
    const reason =
      failedReason.startsWith(RulePackMismatchError.prefix) || /stalled more than/.test(failedReason)
        ? failedReason
        : 'see the worker log';
    await this.job
      .fail(screeningId, `internal error while screening (${what}: ${reason})`)
      .catch((e: Error) => this.logger.error(`cannot mark ${screeningId} failed: ${e.message}`));
  }

  @OnQueueEvent('error')
  onError(error: Error): void {
    this.errors.log(`queue events: ${error.message}`);
  }
}

/**
 * At a worker's start: every screening left queued or running gets its split job again. A no-op while the job is in
 * Redis (same job id); after a Redis that lost its data, the split runs again and enqueues the chunks not committed.
 */
@Injectable()
export class ScreeningQueueResume implements OnApplicationBootstrap {
  private readonly logger = new Logger('ScreeningQueue');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(SPLIT_QUEUE) private readonly splits: Queue<SplitJobData>,
  ) {
    logQueueErrors(splits, 'split queue');
  }

  async onApplicationBootstrap(): Promise<void> {
    const left = await this.db.getRepository(ScreeningEntity).find({
      select: { id: true },
      where: { status: In(['queued', 'running']) },
      order: { createdAt: 'ASC' },
    });
    for (const { id } of left) await this.splits.add('split', { screeningId: id }, { jobId: id });
    if (left.length > 0) this.logger.log(`${left.length} screening(s) queued or running: split jobs ensured`);
  }
}
