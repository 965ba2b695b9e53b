import { SubmissionEntity } from '../submissions/submission.entity';

/** Every TypeORM entity. Features add theirs here (listed explicitly: no globs, so builds stay predictable). */
export const ENTITIES = [SubmissionEntity];
