import type { ScreeningBatch, ScreeningSink, ScreeningSummary, TenantOutcome } from '@app/batch';
import { DataSource, EntityManager } from 'typeorm';
import { inTransaction } from '../database/transaction';
import { ScreeningProfileBlockEntity } from './entities/screening-profile-block.entity';
import { ScreeningRejectedRowEntity } from './entities/screening-rejected-row.entity';
import { ScreeningTenantEntity } from './entities/screening-tenant.entity';
import { ScreeningEntity } from './entities/screening.entity';
import { packStatuses } from './storage/packed-statuses';
import { encodeProfileBlock, profileKeys } from './storage/profile-blocks';

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
    const { id } = this.ctx.screening;
    const rows = await outcomeRows(this.ctx.screening, batch); // compressed before the transaction takes the lock
    const totals = summary.toJSON();
    const now = new Date().toISOString();
    await inTransaction(this.db, async (m) => {
      await insertOutcomeRows(m, rows);
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

/** What one batch stores: its tenant rows, the one profile block of their profiles (none if no tenant), its rejected rows. */
export interface OutcomeRows {
  tenants: ScreeningTenantEntity[];
  block: ScreeningProfileBlockEntity | null;
  rejected: ScreeningRejectedRowEntity[];
}

/**
 * Stores one batch's outcomes inside the caller's transaction `m`: a tenant row per screened tenant, one profile
 * block holding all their profiles, and the rejected rows. The screening's counters are the caller's. The tenants
 * must be in ascending row order, as every batch of `screenRows` is.
 */
export async function insertOutcomes(
  m: EntityManager,
  screening: Pick<ScreeningEntity, 'id' | 'screeningKey'>,
  batch: ScreeningBatch,
): Promise<void> {
  await insertOutcomeRows(m, await outcomeRows(screening, batch));
}

/** The rows `insertOutcomes` writes, built (and the profiles compressed) outside any transaction. */
export async function outcomeRows(
  screening: Pick<ScreeningEntity, 'id' | 'screeningKey'>,
  batch: ScreeningBatch,
): Promise<OutcomeRows> {
  const { tenants } = batch;
  const key = screening.screeningKey;
  return {
    tenants: tenants.map((t) => toTenantRow(key, t)),
    block:
      tenants.length === 0
        ? null
        : {
            screeningKey: key,
            firstRow: tenants[0].rowNumber,
            lastRow: tenants[tenants.length - 1].rowNumber,
            data: await encodeProfileBlock(tenants.map((t) => ({ rowNumber: t.rowNumber, profile: t.facts }))),
          },
    rejected: batch.rejected.map((r) => ({
      screeningId: screening.id,
      rowNumber: r.rowNumber,
      errors: JSON.stringify(r.errors),
      cells: JSON.stringify(r.cells),
    })),
  };
}

/** Writes what `outcomeRows` built, inside the caller's transaction. */
export async function insertOutcomeRows(m: EntityManager, rows: OutcomeRows): Promise<void> {
  await insertChunks(m, ScreeningTenantEntity, rows.tenants);
  if (rows.block) await insertChunks(m, ScreeningProfileBlockEntity, [rows.block]);
  await insertChunks(m, ScreeningRejectedRowEntity, rows.rejected);
}

function toTenantRow(screeningKey: number, t: TenantOutcome): ScreeningTenantEntity {
  return {
    screeningKey,
    rowNumber: t.rowNumber,
    ...profileKeys(t.facts),
    statuses: packStatuses(t.statuses),
    eligible: t.counts.eligible,
    needsInfo: t.counts.needsInfo,
    ineligible: t.counts.ineligible,
    nearMiss: t.counts.nearMiss,
    benchmarksMet: t.counts.benchmarksMet,
    estimatedValue: t.counts.estimatedValue,
    warnings: t.warnings.length > 0 ? t.warnings.map((w) => w.message).join('; ') : null,
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
