import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  BatchFileError,
  checkControl,
  ColumnPlan,
  isBlank,
  openTenantFile,
  RawRecord,
  ReadAbortedError,
  ReadControl,
  ScreeningSummary,
  TenantScreener,
} from '@app/batch';
import type { Lang } from '@app/engine';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppConfig, APP_CONFIG } from '../../config/app-config';
import { RulePackService } from '../../rule-pack/rule-pack.service';
import { ScreeningChunkEntity } from '../entities/screening-chunk.entity';
import { ScreeningEntity } from '../entities/screening.entity';
import { screeningAsOf } from '../screening-as-of';
import { ScreeningFiles } from '../screening-files';
import { countRows, ScreeningJob } from '../screening-job.service';
import { startOver } from '../screening-start-over';
import { ScreeningChunks } from './screening-chunks.service';
import { CHUNK_QUEUE, ChunkJobData, chunkJobId, chunkPriority, logQueueErrors } from './screening-queue';

/**
 * Chunks a split may have in Redis beyond the last one committed: it waits for the workers past that, so a file of a
 * million rows never sits in Redis whole (~24 × 2,000 rows of cells, some tens of MB, per screening being split).
 */
const CHUNKS_AHEAD = 24;
const WAIT_MS = 200;

/** The screening ended (failed) while it was being split: nothing more to enqueue. */
class ScreeningEnded extends Error {}

/**
 * The split job of a screening on the queue: counts the data rows under the same caps as the in-process runner (a
 * bomb is refused here and the screening ends `failed` with the reason), then reads the file again and enqueues its
 * data rows in chunks of `chunk_rows` (fixed on the first run, so a run again after a crash cuts the same chunks and
 * skips those already committed), and records the chunk count. The upload must be readable here: the uploads folder
 * is shared by the API instances and the workers (docs/deployment.md).
 */
@Injectable()
export class ScreeningSplitter {
  private readonly logger = new Logger('ScreeningSplit');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly rules: RulePackService,
    private readonly files: ScreeningFiles,
    private readonly job: ScreeningJob,
    private readonly chunks: ScreeningChunks,
    @InjectQueue(CHUNK_QUEUE) private readonly queue: Queue<ChunkJobData>,
  ) {
    logQueueErrors(queue, 'chunk queue');
  }

  /**
   * Splits screening `id`: 'ended' when it is split (or done, or failed: a file that breaks a cap or cannot be read
   * ends it `failed`), 'stopped' when `signal` stopped it (shutting down: run it again elsewhere). Anything else
   * throws (the database or Redis not answering): BullMQ retries the job.
   */
  async split(id: string, signal: AbortSignal): Promise<'ended' | 'stopped'> {
    try {
      await this.run(id, signal);
      return signal.aborted ? 'stopped' : 'ended';
    } catch (e) {
      if (e instanceof ScreeningEnded) return 'ended';
      if (e instanceof ReadAbortedError || signal.aborted) return 'stopped';
      if (!(e instanceof BatchFileError)) throw e;
      await this.job.fail(id, e.describe('en'));
      return 'ended';
    }
  }

  private async run(id: string, signal: AbortSignal): Promise<void> {
    const repo = this.db.getRepository(ScreeningEntity);
    let s = await repo.findOneBy({ id });
    if (!s || s.status === 'done' || s.status === 'failed') return;
    if (!this.files.exists(s.uploadPath))
      throw new BatchFileError('unreadable', { zh: '上传的文件已不存在', en: 'the uploaded file is gone' });
    const lang = s.lang as Lang;
    const screener = new TenantScreener(this.rules.compiled, lang, screeningAsOf(s));
    if (s.rulePackVersion !== screener.rulePackVersion || (s.chunkRows === null && s.processed > 0)) {
      // Rows committed under another pack (this worker's is newer or older), or begun by an in-process runner.
      this.logger.warn(`screening ${id}: rule pack changed, or begun in-process; starting it over`);
      Object.assign(s, await startOver(this.db, s, screener));
    }
    if (s.chunkRows === null) {
      await repo
        .createQueryBuilder()
        .update(ScreeningEntity)
        .set({ chunkRows: this.config.screening.queue.chunkRows })
        .where('id = :id AND chunk_rows IS NULL', { id })
        .execute();
    }
    await repo
      .createQueryBuilder()
      .update(ScreeningEntity)
      .set({ status: 'running', updatedAt: now() })
      .where('id = :id AND status IN (:...open)', { id, open: ['queued', 'running'] })
      .execute();
    s = await repo.findOneByOrFail({ id });
    if (s.status !== 'running') return; // failed meanwhile
    const chunkRows = s.chunkRows!;
    const started = Date.now();

    const options = this.job.readOptions(signal); // one deadline for counting and splitting
    if (s.total === null) {
      s.total = await countRows(s.uploadPath!, options); // the caps: a bomb stops here
      await repo.update({ id }, { total: s.total, updatedAt: now() });
    }
    if (signal.aborted) return;

    const committed = new Set(
      (
        await this.db
          .getRepository(ScreeningChunkEntity)
          .find({ select: { chunkNo: true }, where: { screeningId: id } })
      ).map((c) => c.chunkNo),
    );
    const file = await openTenantFile(s.uploadPath!, options);
    const part = new ScreeningSummary(screener.measures); // what the split itself counts: blank rows, notes
    part.notes = file.notes.map((n) => ({ code: n.code, message: n.message[lang] }));
    let rows: RawRecord[] = [];
    let chunkNo = 0;
    let dataRows = 0;
    let lastRow = 0;
    const send = async () => {
      if (!committed.has(chunkNo)) await this.enqueue(s, chunkNo, rows, file.columns, { ...options, signal });
      chunkNo++;
      rows = [];
    };
    for await (const record of file.rows()) {
      lastRow = record.rowNumber;
      if (isBlank(record.cells)) {
        part.addBlank();
        continue;
      }
      rows.push(record);
      dataRows++;
      if (rows.length === chunkRows) await send();
    }
    if (rows.length > 0) await send();
    if (dataRows !== s.total) {
      await this.job.fail(id, `the file changed while it was screened: ${dataRows} data rows, ${s.total} counted`);
      return;
    }
    await repo
      .createQueryBuilder()
      .update(ScreeningEntity)
      .set({ chunkCount: chunkNo, lastRowNumber: lastRow, summary: JSON.stringify(part.toJSON()), updatedAt: now() })
      .where('id = :id AND status = :running', { id, running: 'running' })
      .execute();
    this.logger.log(
      `screening ${id} split: ${dataRows} data rows in ${chunkNo} chunks of ${chunkRows} ` +
        `(${chunkNo - committed.size} enqueued) in ${Date.now() - started} ms`,
    );
    await this.chunks.finishIfComplete(id); // every chunk may be committed already
  }

  /** Adds one chunk job, first waiting while this screening has CHUNKS_AHEAD chunks in Redis not yet committed. */
  private async enqueue(
    s: ScreeningEntity,
    chunkNo: number,
    rows: RawRecord[],
    columns: ColumnPlan,
    control: ReadControl,
  ): Promise<void> {
    const repo = this.db.getRepository(ScreeningEntity);
    for (;;) {
      const { chunksDone, status } = await repo.findOneOrFail({
        select: { chunksDone: true, status: true },
        where: { id: s.id },
      });
      if (status !== 'running') throw new ScreeningEnded();
      if (chunkNo - chunksDone < CHUNKS_AHEAD) break;
      checkControl(control, rows[0].rowNumber); // shutting down, or past the time limit
      await new Promise((r) => setTimeout(r, WAIT_MS));
    }
    const data: ChunkJobData = {
      screeningId: s.id,
      chunkNo,
      rulePackVersion: s.rulePackVersion,
      columns,
      rows: rows.map((r) => [r.rowNumber, r.cells]),
    };
    await this.queue.add('chunk', data, { jobId: chunkJobId(s.id, chunkNo), priority: chunkPriority(chunkNo) });
  }
}

const now = () => new Date().toISOString();
