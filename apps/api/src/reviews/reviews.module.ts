import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SubmissionEntity } from '../submissions/submission.entity';
import { DecisionsService } from './decisions.service';
import { ReviewDecisionEntity } from './entities/review-decision.entity';
import { ReviewItemEntity } from './entities/review-item.entity';
import { RuleSnapshotEntity } from './entities/rule-snapshot.entity';
import { ReviewDetailService } from './review-detail.service';
import { ReviewIntakeService } from './review-intake.service';
import { ReviewQueueService } from './review-queue.service';
import { DecisionsExportController, ReviewsController } from './reviews.controller';
import { RuleSnapshotsService } from './rule-snapshots.service';
import { ScreeningRowsReader } from './screening-rows.reader';

/**
 * The caseworker's side: review items (written by ReviewIntakeService when matches are stored), rule
 * snapshots, the queue, a match's detail and the append-only decisions.
 */
@Module({
  imports: [TypeOrmModule.forFeature([ReviewItemEntity, ReviewDecisionEntity, RuleSnapshotEntity, SubmissionEntity])],
  controllers: [ReviewsController, DecisionsExportController],
  providers: [
    ReviewIntakeService,
    RuleSnapshotsService,
    ReviewQueueService,
    ReviewDetailService,
    DecisionsService,
    ScreeningRowsReader,
  ],
  exports: [ReviewIntakeService, RuleSnapshotsService],
})
export class ReviewsModule {}
