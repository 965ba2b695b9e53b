import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  BatchFileError,
  isBlank,
  openTenantFile,
  screenRows,
  ScreeningSummary,
  SummaryJson,
  TenantScreener,
} from '@app/batch';
import type { Lang } from '@app/engine';
import { DataSource, In } from 'typeorm';
import { inTransaction } from '../database/transaction';
import { RulePackService } from '../rule-pack/rule-pack.service';
import { ScreeningRejectedRowEntity } from './entities/screening-rejected-row.entity';
import { ScreeningTenantEntity } from './entities/screening-tenant.entity';
import { ScreeningEntity } from './entities/screening.entity';
import { screeningAsOf } from './screening-as-of';
import { ScreeningFiles } from './screening-files';
import { ScreeningWriter } from './screening-writer';

/** Rows per transaction: small enough to lose little in a crash, large enough to amortise the commit. */
const BATCH_SIZE = 1000;
/** Progress moves at least every 1% of the rows or every 250 ms, whichever comes first (issue 11). */
const PROGRESS_MS = 250;
const progressBatch = (total: number) => Math.max(1, Math.min(BATCH_SIZE, Math.floor(total / 100)));

/**
 * Runs screenings in the background of the service process, one at a time, in upload order (no queue server).
 * At start-up it picks up screenings left `queued` or `running` by a crash or restart: each resumes after its
 * last committed row, or is marked `failed` if its upload is gone. On shutdown it stops between batches,
 * leaving the screening `running` so the next start resumes it.
 */
@Injectable()
export class ScreeningRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ScreeningRunner.name);
  private readonly queue: string[] = [];
  private current: Promise<void> | null = null;
  private stopping = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly rules: RulePackService,
    private readonly files: ScreeningFiles,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const left = await this.db.getRepository(ScreeningEntity).find({
      select: { id: true, uploadPath: true, status: true },
      where: { status: In(['queued', 'running']) },
      order: { createdAt: 'ASC' },
    });
    for (const s of left) {
      if (this.files.exists(s.uploadPath)) {
        this.logger.log(`resuming screening ${s.id} (${s.status})`);
        this.enqueue(s.id);
      } else {
        await this.fail(s.id, 'the uploaded file is gone (the service restarted without it); upload it again');
      }
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.queue.length = 0;
    await this.current;
  }

  enqueue(id: string): void {
    this.queue.push(id);
    if (!this.current) this.current = this.drain();
  }

  /** Resolves when nothing is queued or running (for tests and shutdown). */
  async idle(): Promise<void> {
    while (this.current) await this.current;
  }

  private async drain(): Promise<void> {
    try {
      for (let id = this.queue.shift(); id && !this.stopping; id = this.queue.shift()) {
        await this.run(id).catch(async (e: unknown) => {
          const message = e instanceof BatchFileError ? e.describe('en') : 'internal error while screening';
          if (!(e instanceof BatchFileError))
            this.logger.error(`screening ${id} failed: ${(e as Error | undefined)?.stack ?? String(e)}`);
          await this.fail(id, message).catch((err) => this.logger.error(`cannot mark ${id} failed: ${err}`));
        });
      }
    } finally {
      this.current = null;
    }
  }

  private async run(id: string): Promise<void> {
    const repo = this.db.getRepository(ScreeningEntity);
    let screening = await repo.findOneByOrFail({ id });
    if (screening.status === 'done' || screening.status === 'failed') return;
    if (!this.files.exists(screening.uploadPath))
      throw new BatchFileError('unreadable', { zh: '上传的文件已不存在', en: 'the uploaded file is gone' });
    const lang = screening.lang as Lang;
    const screener = new TenantScreener(this.rules.compiled, lang, screeningAsOf(screening));
    if (screening.rulePackVersion !== screener.rulePackVersion && screening.lastRowNumber > 0) {
      screening = await this.restartUnderNewPack(screening, screener);
    }
    if (screening.total === null) {
      screening.total = await countRows(screening.uploadPath!);
      await repo.update({ id }, { total: screening.total, status: 'running', updatedAt: now() });
    } else if (screening.status !== 'running') await repo.update({ id }, { status: 'running', updatedAt: now() });
    if (this.stopping) return;

    const file = await openTenantFile(screening.uploadPath!);
    const measureIds = screener.measures.map((m) => m.id);
    const versions = this.rules.compiled.measures.map((m) => m.version);
    const writer = new ScreeningWriter(this.db, {
      screening,
      measureIds,
      measureVersions: versions,
    });
    const summary = screening.summary
      ? ScreeningSummary.restore(screener.measures, JSON.parse(screening.summary) as SummaryJson)
      : undefined;
    const result = await screenRows(file, writer, {
      screener,
      lang,
      batchSize: progressBatch(screening.total),
      flushAfterMs: PROGRESS_MS,
      resumeAfterRow: screening.lastRowNumber,
      summary,
      shouldStop: () => this.stopping,
    });
    if (!result.completed) return; // shutting down: resumed at the next start
    await this.finish(screening, result.summary.toJSON());
  }

  /** Done only when every counted row is accounted for; otherwise failed, never a silent short count. */
  private async finish(screening: ScreeningEntity, totals: SummaryJson): Promise<void> {
    const repo = this.db.getRepository(ScreeningEntity);
    const [tenants, rejected] = await Promise.all([
      this.db.getRepository(ScreeningTenantEntity).countBy({ screeningId: screening.id }),
      this.db.getRepository(ScreeningRejectedRowEntity).countBy({ screeningId: screening.id }),
    ]);
    const complete = tenants === totals.screened && rejected === totals.rejected && totals.rowsIn === screening.total;
    const time = now();
    await repo.update(
      { id: screening.id },
      complete
        ? {
            status: 'done',
            summary: JSON.stringify(totals),
            processed: totals.rowsIn,
            finishedAt: time,
            updatedAt: time,
            uploadPath: null,
          }
        : {
            status: 'failed',
            finishedAt: time,
            updatedAt: time,
            uploadPath: null,
            error: `row counts disagree: file ${screening.total}, counted ${totals.rowsIn}, stored ${tenants} screened + ${rejected} rejected`,
          },
    );
    this.files.remove(screening.uploadPath);
    this.logger.log(
      `screening ${screening.id} ${complete ? 'done' : 'FAILED'}: ${totals.screened} screened, ${totals.rejected} rejected`,
    );
  }

  private async fail(id: string, error: string): Promise<void> {
    const repo = this.db.getRepository(ScreeningEntity);
    const s = await repo.findOneBy({ id });
    const time = now();
    await repo.update({ id }, { status: 'failed', error, finishedAt: time, updatedAt: time, uploadPath: null });
    this.files.remove(s?.uploadPath);
    this.logger.warn(`screening ${id} failed: ${error}`);
  }

  /** The rule pack changed while the screening was interrupted: its rows must all come from one pack. */
  private async restartUnderNewPack(screening: ScreeningEntity, screener: TenantScreener): Promise<ScreeningEntity> {
    this.logger.warn(`screening ${screening.id}: rule pack changed since it started; starting it over`);
    const reset = {
      rulePackVersion: screener.rulePackVersion,
      measureIds: JSON.stringify(screener.measures.map((m) => m.id)),
      processed: 0,
      screened: 0,
      rejectedRows: 0,
      lastRowNumber: 0,
      summary: null,
      updatedAt: now(),
    };
    await inTransaction(this.db, async (m) => {
      await m.delete(ScreeningTenantEntity, { screeningId: screening.id });
      await m.delete(ScreeningRejectedRowEntity, { screeningId: screening.id });
      await m.update(ScreeningEntity, { id: screening.id }, reset);
    });
    return Object.assign(screening, reset);
  }
}

/** Data rows in a file, blank rows aside: the `total` that progress is measured against. */
async function countRows(file: string): Promise<number> {
  const tenants = await openTenantFile(file);
  let n = 0;
  for await (const row of tenants.rows()) if (!isBlank(row.cells)) n++;
  return n;
}

const now = () => new Date().toISOString();
