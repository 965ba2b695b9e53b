import * as fs from 'node:fs';
import * as path from 'node:path';
import { Module } from '@nestjs/common';
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
import { ScreeningsController } from './screenings.controller';
import { ScreeningsService } from './screenings.service';

/**
 * Batch screening: upload (multer to disk, never memory, under UPLOAD_LIMIT), a background runner that
 * survives restarts, and exports. The pure work (reading, validating, screening, writing files) is @app/batch.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([ScreeningEntity, ScreeningTenantEntity, ScreeningRejectedRowEntity]),
    ReviewsModule,
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        const files = new ScreeningFiles(config);
        fs.mkdirSync(files.incoming, { recursive: true });
        return {
          storage: diskStorage({
            destination: files.incoming,
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
  ],
  controllers: [ScreeningsController, ScreeningDrilldownController],
  providers: [
    ScreeningsService,
    ScreeningRunner,
    ScreeningJob,
    ScreeningFiles,
    ScreeningExportService,
    ScreeningDrilldownService,
  ],
  exports: [ScreeningsService],
})
export class ScreeningsModule {}
