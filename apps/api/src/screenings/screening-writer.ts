import type { ScreeningBatch, ScreeningSink, ScreeningSummary, TenantOutcome } from '@app/batch';
import { profileJson } from '@app/batch';
import type { MatchStatus } from '@app/engine';
import { DataSource, EntityManager } from 'typeorm';
import { inTransaction } from '../database/transaction';
import { ReviewIntakeService } from '../reviews/review-intake.service';
import { ScreeningRejectedRowEntity } from './entities/screening-rejected-row.entity';
import { ScreeningTenantEntity } from './entities/screening-tenant.entity';
import { ScreeningEntity } from './entities/screening.entity';

/** Rows per INSERT: 13 columns × 200 = 2,600 bound parameters, within SQLite's and PostgreSQL's limits. */
const INSERT_CHUNK = 200;
const STATUS: MatchStatus[] = ['ineligible', 'eligible', 'needs_info', 'ineligible'];

export interface ScreeningWriterContext {
  screening: ScreeningEntity;
  measureIds: string[];
  measureVersions: string[];
  reviews: ReviewIntakeService | null;
}

/**
 * Writes each batch of outcomes in one transaction together with the screening's counters (processed,
 * lastRowNumber, summary) and the review items of its matches. A crash loses at most the batch in flight, and
 * the counters never claim a row that is not stored: resume continues after lastRowNumber.
 */
export class ScreeningWriter implements ScreeningSink {
  constructor(
    private readonly db: DataSource,
    private readonly ctx: ScreeningWriterContext,
  ) {}

  async write(batch: ScreeningBatch, summary: ScreeningSummary): Promise<void> {
    const id = this.ctx.screening.id;
    const tenants = batch.tenants.map((t) => toTenantRow(id, t));
    const rejected = batch.rejected.map((r): ScreeningRejectedRowEntity => ({
      screeningId: id,
      rowNumber: r.rowNumber,
      errors: JSON.stringify(r.errors),
      cells: JSON.stringify(r.cells),
    }));
    const totals = summary.toJSON();
    const now = new Date().toISOString();
    await inTransaction(this.db, async (m) => {
      await insertChunks(m, ScreeningTenantEntity, tenants);
      await insertChunks(m, ScreeningRejectedRowEntity, rejected);
      if (this.ctx.reviews && batch.tenants.length > 0) await this.recordReviews(m, batch.tenants, now);
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

  /** Eligible and needs-info matches go to the caseworkers' review queue, in the same transaction. */
  private async recordReviews(m: EntityManager, tenants: TenantOutcome[], now: string): Promise<void> {
    const { screening, measureIds, measureVersions } = this.ctx;
    const rows = tenants.map((t) => {
      const results = [];
      for (let i = 0; i < t.statuses.length; i++) {
        const code = t.statuses[i];
        if (code === 1 || code === 2)
          results.push({ measureId: measureIds[i], measureVersion: measureVersions[i], status: STATUS[code] });
      }
      return {
        source: {
          sourceId: screening.id,
          sourceKey: String(t.rowNumber),
          rulePackVersion: screening.rulePackVersion,
          city: (t.facts.city as string | undefined) ?? null,
          parkId: screening.parkId ?? (t.facts.parkId as string | undefined) ?? null,
          companyName: (t.facts.name as string | undefined) ?? null,
          creditCode: (t.facts.creditCode as string | undefined) ?? null,
          createdAt: now,
        },
        results,
      };
    });
    await this.ctx.reviews!.recordScreeningRows(m, rows);
  }
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
