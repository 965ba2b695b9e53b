import { SessionEntity } from '../auth/entities/session.entity';
import { CaseVersionEntity } from '../reviews/cases/entities/case-version.entity';
import { ReviewCaseEntity } from '../reviews/cases/entities/review-case.entity';
import { NotificationEntity } from '../reviews/outbox/notification.entity';
import { ReviewDecisionEntity } from '../reviews/entities/review-decision.entity';
import { ReviewItemEntity } from '../reviews/entities/review-item.entity';
import { RuleSnapshotEntity } from '../reviews/entities/rule-snapshot.entity';
import { RulePackEntity } from '../rule-packs/entities/rule-pack.entity';
import { ScenarioRunEntity } from '../sandbox/entities/scenario-run.entity';
import { ScenarioEntity } from '../sandbox/entities/scenario.entity';
import { ScreeningChunkEntity } from '../screenings/entities/screening-chunk.entity';
import { ScreeningRejectedRowEntity } from '../screenings/entities/screening-rejected-row.entity';
import { ScreeningTenantEntity } from '../screenings/entities/screening-tenant.entity';
import { ScreeningEntity } from '../screenings/entities/screening.entity';
import { SubmissionEntity } from '../submissions/submission.entity';
import { UserEntity } from '../users/user.entity';

/**
 * Every TypeORM entity. Features add theirs here (listed explicitly: no globs, so builds stay predictable).
 * `ScreeningProfileBlockEntity` is not listed: `dataSourceOptions` adds its schema for the store (binary column).
 */
export const ENTITIES = [
  SubmissionEntity,
  UserEntity,
  ReviewItemEntity,
  ReviewDecisionEntity,
  RuleSnapshotEntity,
  ScreeningEntity,
  ScreeningTenantEntity,
  ScreeningRejectedRowEntity,
  ScreeningChunkEntity,
  RulePackEntity,
  ScenarioEntity,
  ScenarioRunEntity,
  SessionEntity,
  ReviewCaseEntity,
  CaseVersionEntity,
  NotificationEntity,
];
