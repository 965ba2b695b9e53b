import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { screenRecords, ScreeningSummary, SummaryJson, TenantScreener } from '@app/batch';
import type { Lang } from '@app/engine';
import { DataSource } from 'typeorm';
import { inTransaction } from '../../database/transaction';
import { RulePackService } from '../../rule-pack/rule-pack.service';
import { ScreeningChunkEntity } from '../entities/screening-chunk.entity';
import { ScreeningRejectedRowEntity } from '../entities/screening-rejected-row.entity';
import { ScreeningTenantEntity } from '../entities/screening-tenant.entity';
import { ScreeningEntity } from '../entities/screening.entity';
import { screeningAsOf } from '../screening-as-of';
import { ScreeningFiles } from '../screening-files';
import { insertOutcomeRows, outcomeRows } from '../screening-writer';
import type { ChunkJobData } from './screening-queue';

/**
 * What became of a chunk job: its rows committed now; committed before (a retry after its worker died or lost its
 * lock); its screening already ended (failed, say); or cut under a pack the screening has since left (started over).
 */
export type ChunkOutcome = 'committed' | 'already-committed' | 'screening-ended' | 'stale';

/** This worker serves another rule pack than the screening's: another worker may take the chunk (BullMQ retries). */
export class RulePackMismatchError extends Error {
  static readonly prefix = 'this worker serves rule pack';
  constructor(worker: string, screening: string) {
    super(`${RulePackMismatchError.prefix} ${worker}, the screening needs ${screening}: replace every worker together`);
    this.name = 'RulePackMismatchError';
  }
}

class Stale extends Error {}

/**
 * The queue's commit of one chunk, exactly once: in ONE transaction its marker (`screening_chunks`, primary key
 * screening + chunk number), its tenant and rejected rows, and the screening's counters. A retried chunk finds the
 * marker and commits nothing; two workers committing the same chunk at once meet on the marker's key, and the second
 * rolls back. The screening is done when its split has recorded the chunk count and every chunk is committed: whoever
 * commits last (a chunk, or the split) adds the chunks' summaries up and marks it done with a conditional update.
 */
@Injectable()
export class ScreeningChunks {
  private readonly logger = new Logger('ScreeningChunks');
  private readonly screeners = new Map<string, TenantScreener>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly rules: RulePackService,
    private readonly files: ScreeningFiles,
  ) {}

  async commit(data: ChunkJobData): Promise<ChunkOutcome> {
    const { screeningId: id, chunkNo } = data;
    const screening = await this.db.getRepository(ScreeningEntity).findOneBy({ id });
    if (!screening || screening.status === 'done' || screening.status === 'failed') return 'screening-ended';
    if (screening.rulePackVersion !== data.rulePackVersion) return 'stale';
    if (this.rules.version !== screening.rulePackVersion)
      throw new RulePackMismatchError(this.rules.version, screening.rulePackVersion);

    const screener = this.screenerFor(screening);
    const records = data.rows.map(([rowNumber, cells]) => ({ rowNumber, cells }));
    const { batch, summary } = screenRecords(records, data.columns, screener, screening.lang as Lang);
    const part = summary.toJSON();
    const rows = await outcomeRows(screening, batch); // profiles compressed before the transaction
    const marker: ScreeningChunkEntity = {
      screeningId: id,
      chunkNo,
      rowCount: part.rowsIn,
      firstRow: records[0]?.rowNumber ?? 0,
      lastRow: records[records.length - 1]?.rowNumber ?? 0,
      summary: JSON.stringify(part),
      committedAt: new Date().toISOString(),
    };
    try {
      return await inTransaction(this.db, async (m) => {
        if (await m.existsBy(ScreeningChunkEntity, { screeningId: id, chunkNo })) return 'already-committed';
        // The marker first: a second commit of this chunk running at the same time waits on its key, then fails.
        await m.insert(ScreeningChunkEntity, marker);
        await insertOutcomeRows(m, rows);
        // Counters last (the screening row is locked only briefly), and only under the pack the rows were screened by.
        const updated = await m
          .createQueryBuilder()
          .update(ScreeningEntity)
          .set({
            processed: () => `processed + ${part.rowsIn}`,
            screened: () => `screened + ${part.screened}`,
            rejectedRows: () => `rejected_rows + ${part.rejected}`,
            chunksDone: () => 'chunks_done + 1',
            updatedAt: marker.committedAt,
          })
          .where('id = :id AND status = :running AND rule_pack_version = :pack', {
            id,
            running: 'running',
            pack: data.rulePackVersion,
          })
          .execute();
        if (updated.affected !== 1) throw new Stale();
        return 'committed';
      });
    } catch (e) {
      if (e instanceof Stale) return 'stale';
      if (
        isUniqueViolation(e) &&
        (await this.db.getRepository(ScreeningChunkEntity).existsBy({ screeningId: id, chunkNo }))
      )
        return 'already-committed';
      throw e;
    }
  }

  /**
   * Marks screening `id` done when its split has recorded the chunk count and every chunk is committed: the summary is
   * the chunks' summaries added up (with the split's blank rows and notes), checked against the rows stored. A
   * conditional update (`status = 'running'`), so of two callers at once one finishes it. True if this call did.
   */
  async finishIfComplete(id: string): Promise<boolean> {
    const repo = this.db.getRepository(ScreeningEntity);
    const s = await repo.findOneBy({ id });
    if (!s || s.status !== 'running' || s.chunkCount === null || s.chunksDone < s.chunkCount) return false;
    const markers = await this.db
      .getRepository(ScreeningChunkEntity)
      .find({ where: { screeningId: id }, order: { chunkNo: 'ASC' } });
    const parts = [s.summary, ...markers.map((c) => c.summary)].flatMap((json) =>
      json ? [JSON.parse(json) as SummaryJson] : [],
    );
    const totals = ScreeningSummary.merge(this.screenerFor(s).measures, parts).toJSON();
    const [tenants, rejected] = await Promise.all([
      this.db.getRepository(ScreeningTenantEntity).countBy({ screeningKey: s.screeningKey }),
      this.db.getRepository(ScreeningRejectedRowEntity).countBy({ screeningId: id }),
    ]);
    const complete =
      markers.length === s.chunkCount &&
      totals.rowsIn === s.total &&
      s.processed === s.total &&
      tenants === totals.screened &&
      rejected === totals.rejected;
    const time = new Date().toISOString();
    const ended = { finishedAt: time, updatedAt: time, uploadPath: null };
    const result = await repo
      .createQueryBuilder()
      .update(ScreeningEntity)
      .set(
        complete
          ? { status: 'done', summary: JSON.stringify(totals), processed: totals.rowsIn, ...ended }
          : {
              status: 'failed',
              ...ended,
              error:
                `row counts disagree: file ${s.total}, ${markers.length} of ${s.chunkCount} chunks, counted ` +
                `${totals.rowsIn}, stored ${tenants} screened + ${rejected} rejected`,
            },
      )
      .where('id = :id AND status = :running', { id, running: 'running' })
      .execute();
    if (result.affected !== 1) return false;
    this.files.remove(s.uploadPath);
    const log = `screening ${id} ${complete ? 'done' : 'FAILED'} on the queue: ${totals.screened} screened, ${totals.rejected} rejected, ${markers.length} chunks`;
    if (complete) this.logger.log(log);
    else this.logger.error(log);
    return true;
  }

  /** One screener per language and date (a park's screenings share them); the pack is this process's. */
  private screenerFor(s: ScreeningEntity): TenantScreener {
    const key = `${s.lang}|${screeningAsOf(s)}`;
    let screener = this.screeners.get(key);
    if (!screener) {
      if (this.screeners.size >= 32) this.screeners.clear();
      screener = new TenantScreener(this.rules.compiled, s.lang as Lang, screeningAsOf(s));
      this.screeners.set(key, screener);
    }
    return screener;
  }
}

/** PostgreSQL's unique_violation, or SQLite's UNIQUE constraint failure (directly or inside TypeORM's error). */
export function isUniqueViolation(e: unknown): boolean {
  for (
    let err = e as { code?: unknown; message?: unknown; driverError?: unknown } | undefined, depth = 0;
    err && depth < 3;
    depth++
  ) {
    if (err.code === '23505') return true;
    if (typeof err.message === 'string' && /UNIQUE constraint failed/.test(err.message)) return true;
    err = err.driverError as typeof err;
  }
  return false;
}
