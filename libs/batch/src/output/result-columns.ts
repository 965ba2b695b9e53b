import { FieldErrors, Lang } from '@app/engine';
import type { Cell } from '../input/raw-record';
import { MeasureColumn } from '../screening/tenant-screener';

/** One tenant as exported: key fields, counts, and a status per measure. */
export interface ResultRow {
  rowNumber: number;
  creditCode: string | null;
  name: string | null;
  parkId: string | null;
  eligible: number;
  needsInfo: number;
  nearMiss: number;
  ineligible: number;
  benchmarksMet: number;
  /** Total of the estimates of the eligible measures, 元 a year. */
  estimatedValue: number;
  /** One StatusCode per measure. */
  statuses: ArrayLike<number>;
  /** Warnings in words (e.g. a credit code whose check character does not match), or ''. */
  warnings: string;
}

/** A rejected row as exported: its number, the reasons, and the cells as they were in the file. */
export interface RejectedOutputRow {
  rowNumber: number;
  errors: FieldErrors;
  cells: readonly Cell[];
}

export type OutputCell = string | number | null;

const STATUS_LABELS: Record<Lang, readonly string[]> = {
  // indexed by StatusCode: 0 ineligible, 1 eligible, 2 needs_info, 3 near miss
  zh: ['不符合', '符合', '需补充信息', '接近符合'],
  en: ['ineligible', 'eligible', 'needs_info', 'near_miss'],
};

export function statusLabel(code: number, lang: Lang): string {
  return STATUS_LABELS[lang][code];
}

/** The counts are CONTRACT §2's summary per tenant: in-force entitlements and applications only. */
const KEY_HEADERS: Record<Lang, string[]> = {
  zh: [
    '行号',
    '统一社会信用代码',
    '企业名称',
    '所在园区',
    '符合项数',
    '需补充信息项数',
    '接近符合项数',
    '不符合项数',
    '对标达标项数',
    '估算可享金额（元/年）',
    '提示',
  ],
  en: [
    'row',
    'creditCode',
    'name',
    'parkId',
    'eligible',
    'needsInfo',
    'nearMiss',
    'ineligible',
    'benchmarksMet',
    'estimatedValue',
    'warnings',
  ],
};

const MARKERS: Record<Lang, { notInForce: string; benchmark: string; guidance: string }> = {
  zh: { notInForce: '（已到期，仅供参考）', benchmark: '（对标）', guidance: '（政策导向）' },
  en: { notInForce: ' (not in force)', benchmark: ' (benchmark)', guidance: ' (guidance)' },
};

/** A measure's column header: its title, marked when out of force or not claimable, so no one reads it as money. */
export function measureHeader(m: MeasureColumn, lang: Lang): string {
  const mark = MARKERS[lang];
  if (m.inForce === false) return m.title + mark.notInForce;
  if (m.nature === 'benchmark' || m.nature === 'guidance') return m.title + mark[m.nature];
  return m.title;
}

export function resultHeader(measures: readonly MeasureColumn[], lang: Lang): string[] {
  return [...KEY_HEADERS[lang], ...measures.map((m) => measureHeader(m, lang))];
}

export function resultCells(row: ResultRow, lang: Lang): OutputCell[] {
  const labels = STATUS_LABELS[lang];
  const cells: OutputCell[] = [
    row.rowNumber,
    row.creditCode,
    row.name,
    row.parkId,
    row.eligible,
    row.needsInfo,
    row.nearMiss,
    row.ineligible,
    row.benchmarksMet,
    row.estimatedValue,
    row.warnings,
  ];
  for (let i = 0; i < row.statuses.length; i++) cells.push(labels[row.statuses[i]]);
  return cells;
}

const REJECTED_HEADERS: Record<Lang, string[]> = { zh: ['原行号', '错误原因'], en: ['sourceRow', 'errors'] };

/** Row number and reasons first, then the file's own columns: fix the cells and upload the file again. */
export function rejectedHeader(sourceHeaders: readonly string[], lang: Lang): string[] {
  return [...REJECTED_HEADERS[lang], ...sourceHeaders];
}

export function rejectedCells(row: RejectedOutputRow, lang: Lang): OutputCell[] {
  return [row.rowNumber, describeErrors(row.errors, lang), ...row.cells.map(toOutputCell)];
}

/** `{ revenue: ['营业收入不能小于 0'] }` → one line; the messages already name their field. */
export function describeErrors(errors: FieldErrors, lang: Lang): string {
  return Object.values(errors)
    .flat()
    .join(lang === 'zh' ? '；' : '; ');
}

function toOutputCell(cell: Cell): OutputCell {
  return typeof cell === 'boolean' ? String(cell) : cell;
}
