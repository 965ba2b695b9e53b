import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  BatchFileError,
  hasTenantFileExtension,
  isBlank,
  openTenantFile,
  SummaryJson,
  TenantFile,
  TenantScreener,
} from '@app/batch';
import { hasControlCharacter, type Lang, todayInShanghai } from '@app/engine';
import { Repository } from 'typeorm';
import { RulePackService } from '../rule-pack/rule-pack.service';
import { ScreeningEntity, ScreeningStatus } from './entities/screening.entity';
import { screeningAsOf } from './screening-as-of';
import { ScreeningNotFoundError, ScreeningQueueUnavailableError, ScreeningUploadError } from './screening.errors';
import { ScreeningFiles } from './screening-files';
import { ScreeningJob } from './screening-job.service';
import { ScreeningScheduler } from './screening-scheduler';

/** Which screenings a caller may see: all (undefined parkId) or one park's. The auth policy decides it. */
export interface ScreeningScope {
  parkId?: string;
}

export interface ScreeningView {
  id: string;
  status: ScreeningStatus;
  /** Rows done so far: screened + rejected. */
  processed: number;
  /** Data rows in the file; null while they are being counted. */
  total: number | null;
  screened: number;
  rejectedRows: number;
  parkId: string | null;
  fileName: string;
  rulePackVersion: string;
  /** The date validity is judged at (YYYY-MM-DD). */
  asOf: string;
  createdAt: string;
  finishedAt: string | null;
  error: string | null;
  /** Per measure: how many tenants are eligible, need information, are ineligible (of which near misses). */
  summary: SummaryJson | null;
}

/** `POST /api/screenings` (202): the new screening's id; poll `GET /api/screenings/:id`. */
export interface ScreeningCreated {
  id: string;
}

export interface UploadedTenantFile {
  path: string;
  originalname: string;
}

/**
 * Starts screenings and reads them back. The file is checked before anything is stored — format, encoding,
 * headers — so a file that cannot be screened at all is a 400 at upload, not a failed screening later.
 */
@Injectable()
export class ScreeningsService {
  constructor(
    @InjectRepository(ScreeningEntity) private readonly repo: Repository<ScreeningEntity>,
    private readonly files: ScreeningFiles,
    private readonly scheduler: ScreeningScheduler,
    private readonly job: ScreeningJob,
    private readonly rules: RulePackService,
  ) {}

  async create(
    upload: UploadedTenantFile | undefined,
    owner: { parkId: string | null },
    lang: Lang,
    asOf: string = todayInShanghai(),
  ): Promise<ScreeningCreated> {
    if (!upload) {
      const reason = lang === 'zh' ? '缺少文件（表单字段 file）' : 'no file (form field "file")';
      throw new ScreeningUploadError({ file: [reason] }, reason);
    }
    try {
      if (!hasTenantFileExtension(upload.originalname)) {
        const reason = lang === 'zh' ? '只接受 .csv 或 .xlsx 文件' : 'only .csv or .xlsx files are accepted';
        throw new ScreeningUploadError({ file: [reason] }, reason);
      }
      if (hasControlCharacter(upload.originalname)) {
        // the name is stored; PostgreSQL refuses NUL in text
        const reason =
          lang === 'zh'
            ? '文件名含有控制字符（如 NUL），请改名'
            : 'the file name contains a control character (such as NUL); rename it';
        throw new ScreeningUploadError({ file: [reason] }, reason);
      }
      const tenantFile = await this.inspect(upload.path, lang);
      const screener = new TenantScreener(this.rules.compiled, lang, asOf);
      const id = randomUUID();
      const time = new Date().toISOString();
      const uploadPath = this.files.keep(upload.path, id, tenantFile.format);
      await this.repo.insert({
        id,
        status: 'queued',
        parkId: owner.parkId,
        fileName: upload.originalname.slice(0, 255),
        fileFormat: tenantFile.format,
        uploadPath,
        lang,
        rulePackVersion: screener.rulePackVersion,
        asOf,
        measureIds: JSON.stringify(screener.measures.map((m) => m.id)),
        sourceHeaders: JSON.stringify(tenantFile.columns.headers),
        total: null,
        processed: 0,
        screened: 0,
        rejectedRows: 0,
        lastRowNumber: 0,
        summary: null,
        error: null,
        createdAt: time,
        updatedAt: time,
        finishedAt: null,
      });
      try {
        await this.scheduler.enqueue(id, owner.parkId);
      } catch (e) {
        // The Redis queue did not take it: refuse the upload rather than keep a screening nobody will run.
        await this.repo.delete({ id });
        this.files.remove(uploadPath);
        throw new ScreeningQueueUnavailableError((e as Error).message);
      }
      return { id };
    } finally {
      this.discardUpload(upload);
    }
  }

  /** Removes multer's temporary file unless it was accepted (then it has been moved to the uploads folder). */
  discardUpload(upload: UploadedTenantFile | undefined): void {
    if (upload?.path && fs.existsSync(upload.path)) this.files.remove(upload.path);
  }

  async get(id: string, scope: ScreeningScope = {}): Promise<ScreeningEntity> {
    const s = await this.repo.findOneBy({ id });
    if (!s || (scope.parkId !== undefined && s.parkId !== scope.parkId)) throw new ScreeningNotFoundError();
    return s;
  }

  /** The screening with its measure titles in `lang` (the summary was stored in the upload's language). */
  async view(id: string, scope: ScreeningScope = {}, lang?: Lang): Promise<ScreeningView> {
    const view = toView(await this.get(id, scope));
    if (lang && view.summary) {
      const titles = new Map(this.rules.compiled.measures.map((m) => [m.measure.id, m.measure.title[lang]]));
      for (const m of view.summary.measures) m.title = titles.get(m.measureId) ?? m.title;
    }
    return view;
  }

  async list(scope: ScreeningScope = {}, limit = 50): Promise<ScreeningView[]> {
    const rows = await this.repo.find({
      where: scope.parkId !== undefined ? { parkId: scope.parkId } : {},
      order: { createdAt: 'DESC' },
      take: Math.min(limit, 200),
    });
    return rows.map(toView);
  }

  private async inspect(file: string, lang: Lang) {
    try {
      // The header and at most the first rows: the rest is read (under the same caps) by the runner or a worker.
      const tenants = await openTenantFile(file, this.job.readOptions());
      const hasData = await hasDataRow(tenants);
      tenants.close();
      if (!hasData) {
        const reason =
          lang === 'zh'
            ? '文件只有表头，没有企业数据行：请在表头下方逐行填写企业信息后再上传'
            : 'the file has a header row but no tenant rows: add one row per tenant below the headers and upload it again';
        throw new ScreeningUploadError({ file: [reason] }, reason);
      }
      return tenants;
    } catch (e) {
      if (e instanceof BatchFileError) {
        const errors: Record<string, string[]> = { file: [e.describe(lang)] };
        if (e.code === 'unknown-headers' || e.code === 'duplicate-headers') errors.headers = e.details;
        throw new ScreeningUploadError(errors, e.describe(lang));
      }
      throw e;
    }
  }
}

/** Rows the upload request looks at for a first data row; past them the runner decides, under the file caps. */
const SNIFF_ROWS = 1_000;

/**
 * Whether a data row (not blank) follows the header: a header-only file is refused, not screened to 0 rows. Only the
 * first SNIFF_ROWS rows are read here, so a file of a million blank rows never holds the upload request.
 */
async function hasDataRow(tenants: TenantFile): Promise<boolean> {
  let seen = 0;
  for await (const row of tenants.rows()) {
    if (!isBlank(row.cells)) return true;
    if (++seen >= SNIFF_ROWS) return true;
  }
  return false;
}

function toView(s: ScreeningEntity): ScreeningView {
  return {
    id: s.id,
    status: s.status,
    processed: s.processed,
    total: s.total,
    screened: s.screened,
    rejectedRows: s.rejectedRows,
    parkId: s.parkId,
    fileName: s.fileName,
    rulePackVersion: s.rulePackVersion,
    asOf: screeningAsOf(s),
    createdAt: s.createdAt,
    finishedAt: s.finishedAt,
    error: s.error,
    summary: s.summary ? (JSON.parse(s.summary) as SummaryJson) : null,
  };
}
