import { ReviewDecisionEntity } from '../reviews/entities/review-decision.entity';
import { ReviewItemEntity } from '../reviews/entities/review-item.entity';
import { RuleSnapshotEntity } from '../reviews/entities/rule-snapshot.entity';
import { SubmissionEntity } from '../submissions/submission.entity';
import { UserEntity } from '../users/user.entity';

/** Every TypeORM entity. Features add theirs here (listed explicitly: no globs, so builds stay predictable). */
export const ENTITIES = [SubmissionEntity, UserEntity, ReviewItemEntity, ReviewDecisionEntity, RuleSnapshotEntity];
