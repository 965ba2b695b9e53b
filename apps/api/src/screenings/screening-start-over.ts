import type { TenantScreener } from '@app/batch';
import { DataSource } from 'typeorm';
import { inTransaction } from '../database/transaction';
import { ScreeningChunkEntity } from './entities/screening-chunk.entity';
import { ScreeningProfileBlockEntity } from './entities/screening-profile-block.entity';
import { ScreeningRejectedRowEntity } from './entities/screening-rejected-row.entity';
import { ScreeningTenantEntity } from './entities/screening-tenant.entity';
import { ScreeningEntity } from './entities/screening.entity';

/**
 * Deletes what a screening has stored so far and resets its counters, so that it is screened again from its first row
 * under `screener`'s pack: when the rule pack changed while it was interrupted (its rows must all come from one pack),
 * or when it moves between the in-process runner and the Redis queue (their progress is kept differently). The
 * screening row is updated first, so a queue chunk committing meanwhile either commits before (and its rows are
 * deleted here) or finds the pack changed and rolls back (`ScreeningChunks.commit`). Returns the columns it reset.
 */
export async function startOver(
  db: DataSource,
  screening: Pick<ScreeningEntity, 'id' | 'screeningKey'>,
  screener: TenantScreener,
): Promise<Partial<ScreeningEntity>> {
  const { id, screeningKey } = screening;
  const reset = {
    rulePackVersion: screener.rulePackVersion,
    measureIds: JSON.stringify(screener.measures.map((m) => m.id)),
    processed: 0,
    screened: 0,
    rejectedRows: 0,
    lastRowNumber: 0,
    summary: null,
    chunkRows: null,
    chunkCount: null,
    chunksDone: 0,
    updatedAt: new Date().toISOString(),
  };
  await inTransaction(db, async (m) => {
    await m.update(ScreeningEntity, { id }, reset);
    await m.delete(ScreeningTenantEntity, { screeningKey });
    await m.delete(ScreeningProfileBlockEntity, { screeningKey });
    await m.delete(ScreeningRejectedRowEntity, { screeningId: id });
    await m.delete(ScreeningChunkEntity, { screeningId: id });
  });
  return reset;
}
