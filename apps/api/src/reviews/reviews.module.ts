import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig, APP_CONFIG } from '../config/app-config';
import { SubmissionEntity } from '../submissions/submission.entity';
import { CaseDecisionsService } from './cases/case-decisions.service';
import { CaseDetailService } from './cases/case-detail.service';
import { CaseIntakeService } from './cases/case-intake.service';
import { CaseQueueService } from './cases/case-queue.service';
import { CaseReceiptService } from './cases/case-receipt.service';
import { CasesController, ScreeningCasesController } from './cases/cases.controller';
import { CaseVersionEntity } from './cases/entities/case-version.entity';
import { ReviewCaseEntity } from './cases/entities/review-case.entity';
import { ScreeningCasesService } from './cases/screening-cases.service';
import { DashboardController } from './dashboard/dashboard.controller';
import { DashboardService } from './dashboard/dashboard.service';
import { DecisionsService } from './decisions.service';
import { ReviewDecisionEntity } from './entities/review-decision.entity';
import { ReviewItemEntity } from './entities/review-item.entity';
import { RuleSnapshotEntity } from './entities/rule-snapshot.entity';
import { LogSender, NOTIFICATION_SENDER, NotificationSender } from './outbox/notification-sender';
import { NotificationEntity } from './outbox/notification.entity';
import { OutboxDispatcher } from './outbox/outbox-dispatcher.service';
import { OutboxService } from './outbox/outbox.service';
import { SmtpSender } from './outbox/smtp-sender';
import { ReviewDetailService } from './review-detail.service';
import { ReviewQueueService } from './review-queue.service';
import { DecisionsExportController, ReviewsController } from './reviews.controller';
import { RuleSnapshotsService } from './rule-snapshots.service';
import { ScreeningRowsReader } from './screening-rows.reader';

/**
 * The review workflow: cases (a company's application, or a tenant a park admin sends) holding review items,
 * one per chosen measure; rule snapshots; the queue; a case's detail; the append-only decisions and payments;
 * the notification outbox; the dashboard.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      ReviewItemEntity,
      ReviewDecisionEntity,
      RuleSnapshotEntity,
      SubmissionEntity,
      ReviewCaseEntity,
      CaseVersionEntity,
      NotificationEntity,
    ]),
  ],
  controllers: [
    CasesController,
    ScreeningCasesController,
    DashboardController,
    ReviewsController,
    DecisionsExportController,
  ],
  providers: [
    RuleSnapshotsService,
    ReviewQueueService,
    ReviewDetailService,
    DecisionsService,
    ScreeningRowsReader,
    OutboxService,
    OutboxDispatcher,
    CaseIntakeService,
    CaseQueueService,
    CaseDetailService,
    CaseDecisionsService,
    CaseReceiptService,
    ScreeningCasesService,
    DashboardService,
    {
      provide: NOTIFICATION_SENDER,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): NotificationSender =>
        config.notifications.smtpUrl
          ? new SmtpSender(config.notifications.smtpUrl, config.notifications.from)
          : new LogSender(),
    },
  ],
  exports: [RuleSnapshotsService, CaseIntakeService, CaseReceiptService, OutboxDispatcher],
})
export class ReviewsModule {}
