import type { ScreeningBatch, ScreeningSink, ScreeningSummary, TenantOutcome } from '@app/batch';
import { profileJson } from '@app/batch';
import { DataSource, EntityManager } from 'typeorm';
import { inTransaction } from '../database/transaction';
import { ScreeningRejectedRowEntity } from './entities/screening-rejected-row.entity';
import { ScreeningTenantEntity } from './entities/screening-tenant.entity';
import { ScreeningEntity } from './entities/screening.entity';

/** Rows per INSERT: 13 columns × 200 = 2,600 bound parameters, within SQLite's and PostgreSQL's limits. */
const INSERT_CHUNK = 200;

export interface ScreeningWriterContext {
  screening: ScreeningEntity;
  measureIds: string[];
  measureVersions: string[];
}

/**
 * Writes each batch of outcomes in one transaction together with the screening's counters (processed,
 * lastRowNumber, summary). Nothing goes to the review queue: a park admin sends chosen tenants as cases. A crash loses at most the batch in flight, and
 * the counters never claim a row that is not stored: resume continues after lastRowNumber.
 */
export class ScreeningWriter implements ScreeningSink {
  constructor(
    private readonly db: DataSource,
    private readonly ctx: ScreeningWriterContext,
  ) {}

  async write(batch: ScreeningBatch, summary: ScreeningSummary): Promise<void> {
    const id = this.ctx.screening.id;
    const totals = summary.toJSON();
    const now = new Date().toISOString();
    await inTransaction(this.db, async (m) => {
      await insertOutcomes(m, this.ctx, batch);
      await m.update(
        ScreeningEntity,
        { id },
        {
          processed: totals.rowsIn,
          screened: totals.screened,
          rejectedRows: totals.rejected,
          lastRowNumber: batch.lastRowNumber,
          summary: JSON.stringify(totals),
          updatedAt: now,
        },
      );
    });
  }
}

/**
 * Inserts a batch's tenant rows and rejected rows inside the caller's transaction `m` (the in-process writer's, or a
 * queue chunk's together with its marker): a row already stored makes the transaction fail (primary key).
 */
export async function insertOutcomes(
  m: EntityManager,
  ctx: ScreeningWriterContext,
  batch: ScreeningBatch,
): Promise<void> {
  const id = ctx.screening.id;
  const tenants = batch.tenants.map((t) => toTenantRow(id, t));
  const rejected = batch.rejected.map((r): ScreeningRejectedRowEntity => ({
    screeningId: id,
    rowNumber: r.rowNumber,
    errors: JSON.stringify(r.errors),
    cells: JSON.stringify(r.cells),
  }));
  await insertChunks(m, ScreeningTenantEntity, tenants);
  await insertChunks(m, ScreeningRejectedRowEntity, rejected);
}

function toTenantRow(screeningId: string, t: TenantOutcome): ScreeningTenantEntity {
  const f = t.facts;
  return {
    screeningId,
    rowNumber: t.rowNumber,
    creditCode: (f.creditCode as string | undefined) ?? null,
    name: (f.name as string | undefined) ?? null,
    parkId: (f.parkId as string | undefined) ?? null,
    city: (f.city as string | undefined) ?? null,
    statuses: String.fromCharCode(...Array.from(t.statuses, (c) => 48 + c)),
    eligible: t.counts.eligible,
    needsInfo: t.counts.needsInfo,
    ineligible: t.counts.ineligible,
    nearMiss: t.counts.nearMiss,
    benchmarksMet: t.counts.benchmarksMet,
    estimatedValue: t.counts.estimatedValue,
    warnings: t.warnings.length > 0 ? t.warnings.map((w) => w.message).join('; ') : null,
    profile: profileJson(f),
  };
}

async function insertChunks<T extends object>(m: EntityManager, entity: new () => T, rows: T[]): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await m
      .createQueryBuilder()
      .insert()
      .into(entity)
      .values(rows.slice(i, i + INSERT_CHUNK))
      .updateEntity(false)
      .execute();
  }
}
