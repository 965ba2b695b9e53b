import { Module } from '@nestjs/common';
import { ScreeningFiles } from '../screenings/screening-files';
import { ScreeningPurgeController } from './screening-purge.controller';
import { ScreeningPurgeService } from './screening-purge.service';

/** Retention of finished screenings: the purge endpoint and the service the CLI's `screenings purge` uses. */
@Module({
  controllers: [ScreeningPurgeController],
  providers: [ScreeningPurgeService, ScreeningFiles],
  exports: [ScreeningPurgeService],
})
export class ScreeningRetentionModule {}
