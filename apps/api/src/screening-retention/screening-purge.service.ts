import * as fs from 'node:fs';
import * as path from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { formatExtension, type FileFormat } from '@app/batch';
import { Brackets, DataSource, DeleteResult, EntityManager } from 'typeorm';
import { AppConfig, APP_CONFIG } from '../config/app-config';
import { inTransaction } from '../database/transaction';
import { ScreeningChunkEntity } from '../screenings/entities/screening-chunk.entity';
import { ScreeningProfileBlockEntity } from '../screenings/entities/screening-profile-block.entity';
import { ScreeningRejectedRowEntity } from '../screenings/entities/screening-rejected-row.entity';
import { ScreeningTenantEntity } from '../screenings/entities/screening-tenant.entity';
import { ScreeningEntity } from '../screenings/entities/screening.entity';
import { ScreeningFiles } from '../screenings/screening-files';

/** Tenant rows deleted per transaction: SQLite holds its one write lock for a short while only. */
const ROWS_PER_DELETE = 10_000;

/** `POST /api/screenings/purge` and `screenings purge`: what was removed. */
export interface PurgeResult {
  /** Finished (done or failed) screenings older than this many days were purged. */
  olderThanDays: number;
  /** ISO 8601 UTC: screenings finished before this instant. */
  cutoff: string;
  screenings: number;
  tenantRows: number;
  rejectedRows: number;
  /** Upload files removed from disk (normally none: an upload is removed once its screening ends). */
  files: number;
}

/**
 * Retention (SCREENING_RETENTION_DAYS, default 90): finished screenings older than N days go, with their tenant rows,
 * profile blocks, rejected rows and any upload left on disk. Queued and running screenings are never touched. Review cases a park
 * admin sent from a screening are not screening data and stay. The runner is not involved: rows are deleted in
 * bounded transactions by row number, the screening row last, so an interrupted purge is simply run again.
 */
@Injectable()
export class ScreeningPurgeService {
  private readonly logger = new Logger(ScreeningPurgeService.name);

  constructor(
    private readonly db: DataSource,
    private readonly files: ScreeningFiles,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get defaultDays(): number {
    return this.config.screeningRetentionDays;
  }

  async purge(olderThanDays = this.defaultDays, now = new Date()): Promise<PurgeResult> {
    const cutoff = new Date(now.getTime() - olderThanDays * 86_400_000).toISOString();
    const result: PurgeResult = { olderThanDays, cutoff, screenings: 0, tenantRows: 0, rejectedRows: 0, files: 0 };
    for (const s of await this.finishedBefore(cutoff)) {
      result.tenantRows += await this.deleteRows(s, (m, from, to) => this.deleteTenants(m, s, from, to));
      result.rejectedRows += await this.deleteRows(s, (m, from, to) =>
        m
          .createQueryBuilder()
          .delete()
          .from(ScreeningRejectedRowEntity)
          .where('screening_id = :id AND row_number > :from AND row_number <= :to', { id: s.id, from, to })
          .execute(),
      );
      result.files += this.removeFiles(s);
      await inTransaction(this.db, async (m) => {
        await m.delete(ScreeningChunkEntity, { screeningId: s.id }); // the queue's chunk markers, if any
        await m.delete(ScreeningEntity, { id: s.id });
      });
      result.screenings++;
    }
    if (result.screenings > 0)
      this.logger.log(
        `purged ${result.screenings} screening(s) finished before ${cutoff}: ${result.tenantRows} tenant rows, ` +
          `${result.rejectedRows} rejected rows, ${result.files} file(s)`,
      );
    return result;
  }

  private finishedBefore(cutoff: string): Promise<ScreeningEntity[]> {
    return this.db
      .getRepository(ScreeningEntity)
      .createQueryBuilder('s')
      .select(['s.id', 's.screeningKey', 's.lastRowNumber', 's.uploadPath', 's.fileFormat'])
      .where('s.status IN (:...finished)', { finished: ['done', 'failed'] })
      .andWhere(
        new Brackets((q) =>
          q
            .where('s.finishedAt < :cutoff', { cutoff })
            .orWhere('s.finishedAt IS NULL AND s.updatedAt < :cutoff', { cutoff }),
        ),
      )
      .orderBy('s.createdAt', 'ASC')
      .getMany();
  }

  /**
   * Deletes a screening's rows of one kind, ROWS_PER_DELETE row numbers per transaction (`remove` deletes those
   * after `from` up to `to`); returns how many.
   */
  private async deleteRows(
    s: ScreeningEntity,
    remove: (m: EntityManager, from: number, to: number) => Promise<DeleteResult>,
  ): Promise<number> {
    let deleted = 0;
    // Past lastRowNumber too: a row written by a batch whose counters never committed cannot exist, but be sure.
    for (let from = 0; ; from += ROWS_PER_DELETE) {
      const { affected } = await inTransaction(this.db, (m) => remove(m, from, from + ROWS_PER_DELETE));
      deleted += affected ?? 0;
      if (from + ROWS_PER_DELETE >= s.lastRowNumber && !affected) break;
    }
    return deleted;
  }

  /** Tenant rows of a range of row numbers, and the profile blocks starting in it, in one transaction. */
  private async deleteTenants(m: EntityManager, s: ScreeningEntity, from: number, to: number): Promise<DeleteResult> {
    const range = { key: s.screeningKey, from, to };
    await m
      .createQueryBuilder()
      .delete()
      .from(ScreeningProfileBlockEntity)
      .where('screening_key = :key AND first_row > :from AND first_row <= :to', range)
      .execute();
    return m
      .createQueryBuilder()
      .delete()
      .from(ScreeningTenantEntity)
      .where('screening_key = :key AND row_number > :from AND row_number <= :to', range)
      .execute();
  }

  /** The stored upload if it is still there, and a leftover `<id>.csv|.xlsx` in the uploads folder. */
  private removeFiles(s: ScreeningEntity): number {
    const candidates = new Set<string>();
    if (s.uploadPath) candidates.add(path.resolve(s.uploadPath));
    for (const format of ['csv', 'xlsx'] as FileFormat[])
      candidates.add(path.join(this.files.dir, `${s.id}${formatExtension(format)}`));
    let removed = 0;
    for (const file of candidates) {
      if (!this.files.exists(file)) continue;
      fs.rmSync(file, { force: true });
      removed++;
    }
    return removed;
  }
}
