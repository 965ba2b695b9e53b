import * as path from 'node:path';
import { DynamicModule, Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { TypeOrmModule } from '@nestjs/typeorm';
import { diskStorage } from 'multer';
import { randomUUID } from 'node:crypto';
import { AppConfig, APP_CONFIG } from '../config/app-config';
import { ReviewsModule } from '../reviews/reviews.module';
import { ScreeningRejectedRowEntity } from './entities/screening-rejected-row.entity';
import { ScreeningTenantEntity } from './entities/screening-tenant.entity';
import { ScreeningEntity } from './entities/screening.entity';
import { ScreeningDrilldownController } from './screening-drilldown.controller';
import { ScreeningDrilldownService } from './screening-drilldown.service';
import { ScreeningExportService } from './screening-export.service';
import { ScreeningFiles } from './screening-files';
import { ScreeningJob } from './screening-job.service';
import { ScreeningRunner } from './screening-runner.service';
import { ScreeningScheduler } from './screening-scheduler';
import { ScreeningQueueModule } from './queue/screening-queue.module';
import { ScreeningsController } from './screenings.controller';
import { ScreeningsService } from './screenings.service';

/**
 * Batch screening: upload (multer to disk, never memory, under UPLOAD_LIMIT), the screening itself and exports. The
 * pure work (reading, validating, screening, writing files) is @app/batch. Without REDIS_URL a background runner in
 * this process screens the uploads (and resumes them after a restart); with it, they go to the Redis queue and the
 * workers (`npm run worker`, ScreeningWorkerModule) screen them.
 */
@Module({})
export class ScreeningsModule {
  static register(config: AppConfig): DynamicModule {
    const queued = config.redis !== null;
    return {
      module: ScreeningsModule,
      imports: [
        TypeOrmModule.forFeature([ScreeningEntity, ScreeningTenantEntity, ScreeningRejectedRowEntity]),
        ReviewsModule,
        MulterModule.registerAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => {
            const files = new ScreeningFiles(config);
            return {
              storage: diskStorage({
                // A function, not a path: the folder is made again if another process removed it.
                destination: (_req, _file, done) => {
                  try {
                    done(null, files.ensureIncoming());
                  } catch (e) {
                    done(e as Error, '');
                  }
                },
                // Never the client's name on disk: a random one, with the client's extension only if it is one we read.
                filename: (_req, file, done) =>
                  done(
                    null,
                    `${randomUUID()}${/^\.(csv|xlsx|txt)$/i.test(path.extname(file.originalname)) ? path.extname(file.originalname).toLowerCase() : ''}`,
                  ),
              }),
              limits: { fileSize: config.uploadLimitBytes, files: 1, fields: 5 },
              // Browsers send the file name as raw UTF-8 (园区企业名单.csv); busboy's default would read it as latin1.
              defParamCharset: 'utf8',
            };
          },
        }),
        ...(queued ? [ScreeningQueueModule.forApi(config)] : []),
      ],
      controllers: [ScreeningsController, ScreeningDrilldownController],
      providers: [
        ScreeningsService,
        ScreeningJob,
        ScreeningFiles,
        ScreeningExportService,
        ScreeningDrilldownService,
        ...(queued ? [] : [ScreeningRunner, { provide: ScreeningScheduler, useExisting: ScreeningRunner }]),
      ],
      exports: [ScreeningsService],
    };
  }
}
