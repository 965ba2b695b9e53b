import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  BatchFileError,
  isBlank,
  openTenantFile,
  OpenTenantFileOptions,
  ReadAbortedError,
  screenRows,
  ScreeningSummary,
  SummaryJson,
  TenantScreener,
} from '@app/batch';
import type { Lang } from '@app/engine';
import { DataSource } from 'typeorm';
import { AppConfig, APP_CONFIG } from '../config/app-config';
import { isDatabaseUnreachable } from '../database/database-faults';
import { RulePackService } from '../rule-pack/rule-pack.service';
import { ScreeningRejectedRowEntity } from './entities/screening-rejected-row.entity';
import { ScreeningTenantEntity } from './entities/screening-tenant.entity';
import { ScreeningEntity } from './entities/screening.entity';
import { screeningAsOf } from './screening-as-of';
import { startOver } from './screening-start-over';
import { ScreeningFiles } from './screening-files';
import { ScreeningWriter } from './screening-writer';

/** Rows per transaction: small enough to lose little in a crash, large enough to amortise the commit. */
const BATCH_SIZE = 1000;
/** Progress moves at least every 1% of the rows or every 250 ms, whichever comes first (issue 11). */
const PROGRESS_MS = 250;
const progressBatch = (total: number) => Math.max(1, Math.min(BATCH_SIZE, Math.floor(total / 100)));

/**
 * One screening, start (or resume) to end: count the rows, then screen them after the last committed row, in
 * bounded transactions. The unit a scheduler calls (`ScreeningRunner` in-process; a queue worker could call it
 * too). Reading is capped (rows, XLSX size, shared strings, time: `AppConfig.screening`); a file that breaks a
 * cap or breaks off ends `failed` with the reason. An aborted `signal` (shutdown) stops it within about a thousand
 * rows, counting included, leaving it `running` for the next start to resume.
 */
@Injectable()
export class ScreeningJob {
  private readonly logger = new Logger(ScreeningJob.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly rules: RulePackService,
    private readonly files: ScreeningFiles,
  ) {}

  /**
   * Runs screening `id` and never throws: a bad file is marked failed. Resolves `retry` when the database stopped
   * answering (the screening stays as it was: try again later, from its last committed row).
   */
  async run(id: string, signal: AbortSignal): Promise<'ended' | 'retry'> {
    try {
      await this.screen(id, signal);
      return 'ended';
    } catch (e) {
      if (e instanceof ReadAbortedError) return 'ended'; // shutting down: resumed at the next start
      if (isDatabaseUnreachable(e)) {
        this.logger.warn(`screening ${id} paused: the database does not answer (${(e as Error).message})`);
        return 'retry';
      }
      const message = e instanceof BatchFileError ? e.describe('en') : 'internal error while screening';
      if (!(e instanceof BatchFileError))
        this.logger.error(`screening ${id} failed: ${(e as Error | undefined)?.stack ?? String(e)}`);
      await this.fail(id, message).catch((err) => this.logger.error(`cannot mark ${id} failed: ${err}`));
      return 'ended';
    }
  }

  /** The caps every read of an upload is held to, the upload's own header check included. */
  readOptions(signal?: AbortSignal): OpenTenantFileOptions {
    const { maxRows, maxXlsxBytes, maxSharedStringsBytes, timeLimitSeconds } = this.config.screening;
    return {
      limits: { maxRows, maxXlsxBytes, maxSharedStringsBytes },
      signal,
      deadline: Date.now() + timeLimitSeconds * 1000,
      timeLimitSeconds,
    };
  }

  private async screen(id: string, signal: AbortSignal): Promise<void> {
    const repo = this.db.getRepository(ScreeningEntity);
    let screening = await repo.findOneByOrFail({ id });
    if (screening.status === 'done' || screening.status === 'failed') return;
    if (!this.files.exists(screening.uploadPath))
      throw new BatchFileError('unreadable', { zh: '上传的文件已不存在', en: 'the uploaded file is gone' });
    const lang = screening.lang as Lang;
    const screener = new TenantScreener(this.rules.compiled, lang, screeningAsOf(screening));
    if (
      (screening.rulePackVersion !== screener.rulePackVersion && screening.lastRowNumber > 0) ||
      screening.chunkRows !== null // begun on the Redis queue, whose chunks are not batches after lastRowNumber
    ) {
      screening = await this.restartUnderNewPack(screening, screener);
    }
    const options = this.readOptions(signal); // one deadline for counting and screening
    if (screening.status !== 'running') await repo.update({ id }, { status: 'running', updatedAt: now() });
    if (screening.total === null) {
      screening.total = await countRows(screening.uploadPath!, options);
      await repo.update({ id }, { total: screening.total, updatedAt: now() });
    }
    if (signal.aborted) return;

    const file = await openTenantFile(screening.uploadPath!, options);
    const writer = new ScreeningWriter(this.db, {
      screening,
      measureIds: screener.measures.map((m) => m.id),
      measureVersions: this.rules.compiled.measures.map((m) => m.version),
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
      shouldStop: () => signal.aborted,
    });
    if (!result.completed) return; // shutting down: resumed at the next start
    await this.finish(screening, result.summary.toJSON());
  }

  /** Done only when every counted row is accounted for; otherwise failed, never a silent short count. */
  private async finish(screening: ScreeningEntity, totals: SummaryJson): Promise<void> {
    const repo = this.db.getRepository(ScreeningEntity);
    const [tenants, rejected] = await Promise.all([
      this.db.getRepository(ScreeningTenantEntity).countBy({ screeningKey: screening.screeningKey }),
      this.db.getRepository(ScreeningRejectedRowEntity).countBy({ screeningId: screening.id }),
    ]);
    const complete = tenants === totals.screened && rejected === totals.rejected && totals.rowsIn === screening.total;
    const time = now();
    const ended = { finishedAt: time, updatedAt: time, uploadPath: null };
    await repo.update(
      { id: screening.id },
      complete
        ? { status: 'done', summary: JSON.stringify(totals), processed: totals.rowsIn, ...ended }
        : {
            status: 'failed',
            ...ended,
            error: `row counts disagree: file ${screening.total}, counted ${totals.rowsIn}, stored ${tenants} screened + ${rejected} rejected`,
          },
    );
    this.files.remove(screening.uploadPath);
    this.logger.log(
      `screening ${screening.id} ${complete ? 'done' : 'FAILED'}: ${totals.screened} screened, ${totals.rejected} rejected`,
    );
  }

  async fail(id: string, error: string): Promise<void> {
    const repo = this.db.getRepository(ScreeningEntity);
    const s = await repo.findOneBy({ id });
    const time = now();
    await repo.update({ id }, { status: 'failed', error, finishedAt: time, updatedAt: time, uploadPath: null });
    this.files.remove(s?.uploadPath);
    this.logger.warn(`screening ${id} failed: ${error}`);
  }

  /** The pack changed while it was interrupted (its rows must all come from one pack), or it began on the queue. */
  private async restartUnderNewPack(screening: ScreeningEntity, screener: TenantScreener): Promise<ScreeningEntity> {
    this.logger.warn(`screening ${screening.id}: rule pack changed, or begun on the queue; starting it over`);
    return Object.assign(screening, await startOver(this.db, screening, screener));
  }
}

/** Data rows in a file, blank rows aside: the `total` that progress is measured against. Capped and abortable. */
export async function countRows(file: string, options: OpenTenantFileOptions): Promise<number> {
  const tenants = await openTenantFile(file, { ...options, prescan: true });
  let n = 0;
  for await (const row of tenants.rows()) if (!isBlank(row.cells)) n++;
  return n;
}

const now = () => new Date().toISOString();
