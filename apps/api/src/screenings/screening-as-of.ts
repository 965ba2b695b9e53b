import { todayInShanghai } from '@app/engine';
import type { ScreeningEntity } from './entities/screening.entity';

/** The screening's `asOf`; for one stored before it was recorded, the day it was created (Asia/Shanghai). */
export function screeningAsOf(s: Pick<ScreeningEntity, 'asOf' | 'createdAt'>): string {
  return s.asOf ?? todayInShanghai(new Date(s.createdAt));
}
