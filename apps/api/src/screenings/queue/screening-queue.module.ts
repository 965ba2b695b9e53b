import { BullModule, Processor, QueueEventsListener } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig, APP_CONFIG } from '../../config/app-config';
import { dataSourceOptions } from '../../database/data-source-options';
import { RulePackModule } from '../../rule-pack/rule-pack.module';
import { ScreeningChunkEntity } from '../entities/screening-chunk.entity';
import { ScreeningRejectedRowEntity } from '../entities/screening-rejected-row.entity';
import { ScreeningTenantEntity } from '../entities/screening-tenant.entity';
import { ScreeningEntity } from '../entities/screening.entity';
import { ScreeningFiles } from '../screening-files';
import { ScreeningJob } from '../screening-job.service';
import { ScreeningScheduler } from '../screening-scheduler';
import { QueuedScreeningScheduler } from './queued-screening-scheduler';
import { ScreeningChunks } from './screening-chunks.service';
import {
  ScreeningChunkProcessor,
  ScreeningFailures,
  ScreeningQueueResume,
  ScreeningSplitProcessor,
} from './screening-processors';
import { bullRootOptions, CHUNK_QUEUE, QUEUES, SPLIT_QUEUE } from './screening-queue';
import { ScreeningSplitter } from './screening-splitter.service';

/** An API instance with REDIS_URL: new screenings become split jobs (ScreeningScheduler); it runs no worker. */
@Module({})
export class ScreeningQueueModule {
  static forApi(config: AppConfig): DynamicModule {
    return {
      module: ScreeningQueueModule,
      imports: [
        BullModule.forRoot(bullRootOptions(config, 'api')),
        BullModule.registerQueue(...QUEUES.filter((q) => q.name === SPLIT_QUEUE)),
      ],
      providers: [QueuedScreeningScheduler, { provide: ScreeningScheduler, useExisting: QueuedScreeningScheduler }],
      exports: [ScreeningScheduler],
    };
  }
}

/**
 * `npm run worker` (apps/api/src/worker.ts): a Nest application context with no HTTP, on the service's own
 * configuration and database, that takes split and chunk jobs from the Redis queue. Its worker options come from the
 * configuration, so the @Processor decorators are applied here, to a subclass of each processor per registration.
 */
@Module({})
export class ScreeningWorkerModule {
  static register(config: AppConfig): DynamicModule {
    const { concurrency, queue } = config.screening;
    const options = {
      concurrency,
      lockDuration: queue.lockMs,
      stalledInterval: queue.stalledIntervalMs,
      // A job whose worker died is run again up to this many times; past it the job, and its screening, fail.
      maxStalledCount: 3,
    };
    class SplitWorker extends ScreeningSplitProcessor {}
    class ChunkWorker extends ScreeningChunkProcessor {}
    class SplitFailures extends ScreeningFailures {}
    class ChunkFailures extends ScreeningFailures {}
    Processor(SPLIT_QUEUE, options)(SplitWorker);
    Processor(CHUNK_QUEUE, options)(ChunkWorker);
    QueueEventsListener(SPLIT_QUEUE)(SplitFailures);
    QueueEventsListener(CHUNK_QUEUE)(ChunkFailures);
    return {
      module: ScreeningWorkerModule,
      imports: [
        TypeOrmModule.forRoot(dataSourceOptions(config)),
        TypeOrmModule.forFeature([
          ScreeningEntity,
          ScreeningTenantEntity,
          ScreeningRejectedRowEntity,
          ScreeningChunkEntity,
        ]),
        RulePackModule,
        BullModule.forRoot(bullRootOptions(config, 'worker')),
        BullModule.registerQueue(...QUEUES),
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        ScreeningFiles,
        ScreeningJob,
        ScreeningChunks,
        ScreeningSplitter,
        ScreeningQueueResume,
        SplitWorker,
        ChunkWorker,
        SplitFailures,
        ChunkFailures,
      ],
      exports: [ScreeningChunks, ScreeningSplitter],
    };
  }
}
