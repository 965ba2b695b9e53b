import { CreateSubmissions1763780000000 } from './1763780000000-CreateSubmissions';
import { CreateAccessAndReviews1763900000000 } from './1763900000000-CreateAccessAndReviews';
import { CreateScreenings1763950000000 } from './1763950000000-CreateScreenings';
import { ScreeningAsOfAndValue1764100000000 } from './1764100000000-ScreeningAsOfAndValue';
import { CreateReviewCases1764200000000 } from './1764200000000-CreateReviewCases';
import { CreateRulePacksAndScenarios1764300000000 } from './1764300000000-CreateRulePacksAndScenarios';
import { CreateSessions1764250000000 } from './1764250000000-CreateSessions';
import { ScreeningChunks1764400000000 } from './1764400000000-ScreeningChunks';
import { CompactScreeningStorage1764600000000 } from './1764600000000-CompactScreeningStorage';

/** Every migration, in order. Add new ones at the end. */
export const MIGRATIONS = [
  CreateSubmissions1763780000000,
  CreateAccessAndReviews1763900000000,
  CreateScreenings1763950000000,
  ScreeningAsOfAndValue1764100000000,
  CreateReviewCases1764200000000,
  CreateSessions1764250000000,
  CreateRulePacksAndScenarios1764300000000,
  ScreeningChunks1764400000000,
  CompactScreeningStorage1764600000000,
];
