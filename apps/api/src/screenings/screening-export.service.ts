import type { Writable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  Cell,
  CsvTableWriter,
  MeasureColumn,
  rejectedCells,
  rejectedHeader,
  RejectedOutputRow,
  ResultRow,
  resultCells,
  resultHeader,
  statusLabel,
  SummaryJson,
  XlsxReportWriter,
} from '@app/batch';
import type { FieldErrors } from '@app/engine';
import { type Lang, measureValidity } from '@app/engine';
import { DataSource, MoreThan } from 'typeorm';
import { RulePackService } from '../rule-pack/rule-pack.service';
import { ScreeningRejectedRowEntity } from './entities/screening-rejected-row.entity';
import { ScreeningTenantEntity } from './entities/screening-tenant.entity';
import { ScreeningEntity } from './entities/screening.entity';
import { screeningAsOf } from './screening-as-of';
import { fromJsonColumn } from '../database/json-column';
import { unpackStatuses } from './storage/packed-statuses';

export type ExportFormat = 'csv' | 'xlsx' | 'json';
const PAGE = 2000;

export const SORT_COLUMNS = [
  'rowNumber',
  'eligible',
  'needsInfo',
  'nearMiss',
  'ineligible',
  'estimatedValue',
  'name',
  'creditCode',
] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];

export interface TenantPageQuery {
  offset: number;
  limit: number;
  sort: SortColumn;
  order: 'asc' | 'desc';
  /** Part of the name (any case) or the start of the credit code; the page then holds only the tenants it finds. */
  q?: string;
}

/** A tenant in JSON: its key fields, CONTRACT §2 summary counts, and one status per measure in `measures` order. */
export interface TenantJson {
  rowNumber: number;
  creditCode: string | null;
  name: string | null;
  parkId: string | null;
  city: string | null;
  eligible: number;
  needsInfo: number;
  nearMiss: number;
  ineligible: number;
  benchmarksMet: number;
  /** Total of the estimates of the eligible in-force measures, 元 a year. */
  estimatedValue: number;
  warnings: string | null;
  statuses: ('ineligible' | 'eligible' | 'needs_info' | 'near_miss')[];
}

/** A tenant in a measure's list: key fields and counts, without the per-measure statuses. */
export type TenantSummaryJson = Omit<TenantJson, 'statuses'>;

/** `GET /api/screenings/:id/results?format=json`: every tenant, streamed. */
export interface ScreeningResultsJson {
  id: string;
  measures: MeasureColumn[];
  tenants: TenantJson[];
}

/** `GET /api/screenings/:id/results?format=json&limit=n`: one sorted page of tenants, for the web table. */
export interface TenantPage extends ScreeningResultsJson, TenantPageQuery {
  /** Tenants screened, or with `q` the tenants found (the rows the page is cut from). */
  total: number;
}

/** `GET /api/screenings/:id/rejected?format=json`: each rejected row with its reasons and its cells as uploaded. */
export interface RejectedRowsJson {
  rejected: { rowNumber: number; errors: FieldErrors; cells: Cell[] }[];
}

/**
 * Streams a screening's stored outcomes out as CSV, XLSX or JSON with the same writers the CLI uses, page by
 * page (keyset on row number), so a screening of a million tenants never sits in memory.
 */
@Injectable()
export class ScreeningExportService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly rules: RulePackService,
  ) {}

  /**
   * The screening's measures in the asked language, with nature and whether each is in force at the screening's
   * asOf (just the id, if the measure left the pack since).
   */
  measures(s: ScreeningEntity, lang: Lang): MeasureColumn[] {
    const asOf = screeningAsOf(s);
    const byId = new Map(this.rules.compiled.measures.map((m) => [m.measure.id, m]));
    return (JSON.parse(s.measureIds) as string[]).map((id) => {
      const m = byId.get(id);
      if (!m) return { id, title: id };
      const { inForce } = measureValidity(m.measure, m.document, asOf, lang);
      return { id, title: m.measure.title[lang], nature: m.measure.nature, inForce };
    });
  }

  async results(s: ScreeningEntity, format: ExportFormat, lang: Lang, out: Writable): Promise<void> {
    const measures = this.measures(s, lang);
    const count = measures.length;
    if (format === 'json') return this.resultsJson(s, measures, out);
    if (format === 'xlsx') {
      const report = new XlsxReportWriter({
        out,
        measures,
        sourceHeaders: JSON.parse(s.sourceHeaders) as string[],
        lang,
        title: s.fileName,
        rulePackVersion: s.rulePackVersion,
      });
      for await (const page of this.tenantPages(s)) await report.writeResults(page.map((t) => toResultRow(t, count)));
      await report.endResults();
      for await (const page of this.rejectedPages(s.id)) await report.writeRejected(page.map(toRejectedRow));
      await report.finish(JSON.parse(s.summary ?? 'null') as SummaryJson | null);
      return;
    }
    const table = new CsvTableWriter(out, resultHeader(measures, lang));
    for await (const page of this.tenantPages(s)) {
      for (const row of page) table.row(resultCells(toResultRow(row, count), lang));
      await table.drain();
      if (out.destroyed) return;
    }
    await table.end();
  }

  async rejected(s: ScreeningEntity, format: ExportFormat, lang: Lang, out: Writable): Promise<void> {
    const headers = JSON.parse(s.sourceHeaders) as string[];
    if (format === 'json') {
      await writeJsonArray(out, '{"rejected":[', ']}', this.rejectedPages(s.id), (r) =>
        JSON.stringify({
          rowNumber: r.rowNumber,
          errors: fromJsonColumn(r.errors),
          cells: fromJsonColumn(r.cells),
        }),
      );
      return;
    }
    if (format === 'xlsx') {
      const report = new XlsxReportWriter({ out, measures: [], sourceHeaders: headers, lang, title: s.fileName });
      await report.endResults();
      for await (const page of this.rejectedPages(s.id)) await report.writeRejected(page.map(toRejectedRow));
      await report.finish(JSON.parse(s.summary ?? 'null') as SummaryJson | null);
      return;
    }
    const table = new CsvTableWriter(out, rejectedHeader(headers, lang));
    for await (const page of this.rejectedPages(s.id)) {
      for (const row of page) table.row(rejectedCells(toRejectedRow(row), lang));
      await table.drain();
      if (out.destroyed) return;
    }
    await table.end();
  }

  /** One page of tenants for the web table, sorted on the server (a screening can hold 100,000s of them). */
  async page(s: ScreeningEntity, q: TenantPageQuery, lang: Lang): Promise<TenantPage> {
    const column = {
      rowNumber: 'row_number',
      eligible: 'eligible',
      needsInfo: 'needs_info',
      nearMiss: 'near_miss',
      ineligible: 'ineligible',
      estimatedValue: 'estimated_value',
      name: 'name',
      creditCode: 'credit_code',
    }[q.sort];
    const order = q.order === 'desc' ? 'DESC' : 'ASC';
    const query = this.db
      .getRepository(ScreeningTenantEntity)
      .createQueryBuilder('t')
      .where('t.screening_key = :key', { key: s.screeningKey })
      .orderBy(`t.${column}`, order)
      .addOrderBy('t.row_number', 'ASC')
      .offset(q.offset)
      .limit(q.limit);
    const search = q.q?.trim();
    if (search) {
      // LIKE with our own escape character, the same on SQLite and PostgreSQL; names in any case.
      const like = search.replace(/[\\%_]/g, (c) => `\\${c}`);
      query.andWhere("(LOWER(t.name) LIKE :name ESCAPE '\\' OR t.credit_code LIKE :code ESCAPE '\\')", {
        name: `%${like.toLowerCase()}%`,
        code: `${like.toUpperCase()}%`,
      });
    }
    const [rows, total] = search ? await query.getManyAndCount() : [await query.getMany(), s.screened];
    const measures = this.measures(s, lang);
    return {
      id: s.id,
      total,
      offset: q.offset,
      limit: q.limit,
      sort: q.sort,
      order: q.order,
      ...(search ? { q: search } : {}),
      measures,
      tenants: rows.map((t) => tenantJson(t, measures.length)),
    };
  }

  private async resultsJson(s: ScreeningEntity, measures: MeasureColumn[], out: Writable): Promise<void> {
    const head = `{"id":${JSON.stringify(s.id)},"measures":${JSON.stringify(measures)},"tenants":[`;
    const count = measures.length;
    await writeJsonArray(out, head, ']}', this.tenantPages(s), (r) => JSON.stringify(tenantJson(r, count)));
  }

  private async *tenantPages(s: ScreeningEntity): AsyncGenerator<ScreeningTenantEntity[]> {
    const repo = this.db.getRepository(ScreeningTenantEntity);
    for (let after = 0; ;) {
      const page = await repo.find({
        where: { screeningKey: s.screeningKey, rowNumber: MoreThan(after) },
        order: { rowNumber: 'ASC' },
        take: PAGE,
      });
      if (page.length === 0) return;
      yield page;
      after = page[page.length - 1].rowNumber;
    }
  }

  private async *rejectedPages(screeningId: string): AsyncGenerator<ScreeningRejectedRowEntity[]> {
    const repo = this.db.getRepository(ScreeningRejectedRowEntity);
    for (let after = 0; ;) {
      const page = await repo.find({
        where: { screeningId, rowNumber: MoreThan(after) },
        order: { rowNumber: 'ASC' },
        take: PAGE,
      });
      if (page.length === 0) return;
      yield page;
      after = page[page.length - 1].rowNumber;
    }
  }
}

function toResultRow(t: ScreeningTenantEntity, measureCount: number): ResultRow {
  return {
    rowNumber: t.rowNumber,
    creditCode: t.creditCode,
    name: t.name,
    parkId: t.parkId,
    eligible: t.eligible,
    needsInfo: t.needsInfo,
    nearMiss: t.nearMiss,
    ineligible: t.ineligible,
    benchmarksMet: t.benchmarksMet,
    estimatedValue: t.estimatedValue,
    statuses: unpackStatuses(t.statuses, measureCount),
    warnings: t.warnings ?? '',
  };
}

function toRejectedRow(r: ScreeningRejectedRowEntity): RejectedOutputRow {
  return { rowNumber: r.rowNumber, errors: fromJsonColumn(r.errors), cells: fromJsonColumn(r.cells) };
}

/**
 * A tenant in JSON: statuses as machine words (eligible, needs_info, ineligible, near_miss) in `measures` order;
 * `measureCount` is the screening's number of measures.
 */
export function tenantJson(t: ScreeningTenantEntity, measureCount: number): TenantJson {
  return {
    ...tenantSummaryJson(t),
    statuses: unpackStatuses(t.statuses, measureCount).map(
      (c) => statusLabel(c, 'en') as TenantJson['statuses'][number],
    ),
  };
}

/** A tenant's key fields and counts, without its statuses. */
export function tenantSummaryJson(t: ScreeningTenantEntity): TenantSummaryJson {
  return {
    rowNumber: t.rowNumber,
    creditCode: t.creditCode,
    name: t.name,
    parkId: t.parkId,
    city: t.city,
    eligible: t.eligible,
    needsInfo: t.needsInfo,
    nearMiss: t.nearMiss,
    ineligible: t.ineligible,
    benchmarksMet: t.benchmarksMet,
    estimatedValue: t.estimatedValue,
    warnings: t.warnings,
  };
}

async function writeJsonArray<T>(
  out: Writable,
  head: string,
  tail: string,
  pages: AsyncIterable<T[]>,
  item: (t: T) => string,
): Promise<void> {
  let first = true;
  if (!out.write(head)) await drained(out);
  for await (const page of pages) {
    const text = page.map((r) => (first ? ((first = false), item(r)) : `,${item(r)}`)).join('');
    if (!out.write(text)) await drained(out);
    if (out.destroyed) return;
  }
  await new Promise<void>((resolve) => out.end(tail, () => resolve()));
}

function drained(out: Writable): Promise<void> {
  return new Promise((resolve) => {
    out.once('drain', resolve);
    out.once('close', resolve);
  });
}
