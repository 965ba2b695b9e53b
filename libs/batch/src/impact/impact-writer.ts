import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Writable } from 'node:stream';
import type * as ExcelJS from 'exceljs';
import { CITY_LABELS, CLUSTER_LABELS, Lang, LocalizedText } from '@app/engine';
import { CsvTableWriter } from '../output/csv-table-writer';
import { neutralizeFormula } from '../output/formula-guard';
import type { OutputCell } from '../output/result-columns';
import { ImpactReport, TenantChange } from './impact-report';

const HEADERS: Record<Lang, string[]> = {
  zh: [
    '行号',
    '统一社会信用代码',
    '企业名称',
    '所在城市',
    '所在园区',
    '所属产业集群',
    '新符合的措施',
    '不再符合的措施',
    '新增接近符合的措施',
    '其他状态变化',
    '估算金额·基准（元/年）',
    '估算金额·情景（元/年）',
    '估算金额变化（元/年）',
  ],
  en: [
    'Row',
    'Credit code',
    'Name',
    'City',
    'Park',
    'Clusters',
    'Measures gained',
    'Measures lost',
    'New near misses',
    'Other status changes',
    'Estimated value, base (yuan/yr)',
    'Estimated value, scenario (yuan/yr)',
    'Change in estimated value (yuan/yr)',
  ],
};

const STATUS_WORDS: Record<string, LocalizedText> = {
  eligible: { zh: '符合', en: 'eligible' },
  ineligible: { zh: '不符合', en: 'ineligible' },
  needs_info: { zh: '需补充信息', en: 'needs info' },
  near_miss: { zh: '接近符合', en: 'near miss' },
  absent: { zh: '（已关闭）', en: '(switched off)' },
};

/** One tenant's changes as spreadsheet cells, measures by title. */
export function changeCells(t: TenantChange, titles: ReadonlyMap<string, string>, lang: Lang): OutputCell[] {
  const sep = lang === 'zh' ? '；' : '; ';
  const names = (ids: string[]) => ids.map((id) => titles.get(id) ?? id).join(sep);
  const decided = new Set([...t.gained, ...t.lost, ...t.newNearMisses]);
  const others = t.statusChanges
    .filter((c) => !decided.has(c.measureId))
    .map(
      (c) =>
        `${titles.get(c.measureId) ?? c.measureId}: ${STATUS_WORDS[c.before][lang]} → ${STATUS_WORDS[c.after][lang]}`,
    )
    .join(sep);
  const label = (labels: Record<string, LocalizedText>, v: string | null) =>
    v === null ? null : (labels[v]?.[lang] ?? v);
  return [
    t.row,
    t.creditCode,
    t.name,
    label(CITY_LABELS, t.city),
    t.parkId,
    t.clusters.map((c) => label(CLUSTER_LABELS, c)).join(sep),
    names(t.gained),
    names(t.lost),
    names(t.newNearMisses),
    others,
    round(t.valueBefore),
    round(t.valueAfter),
    round(t.valueChange),
  ];
}

const round = (x: number) => Math.round(x * 100) / 100;

/** The per-tenant changes as CSV (UTF-8 with BOM), one row per changed tenant. */
export async function writeChangesCsv(
  report: ImpactReport,
  titles: ReadonlyMap<string, string>,
  lang: Lang,
  out: Writable,
): Promise<void> {
  const table = new CsvTableWriter(out, HEADERS[lang]);
  for (const t of report.tenants) {
    table.row(changeCells(t, titles, lang));
    await table.drain();
  }
  await table.end();
}

/** The same as XLSX: the changes, then a summary sheet (totals and each measure). Streamed, not built in memory. */
export async function writeChangesXlsx(
  report: ImpactReport,
  titles: ReadonlyMap<string, string>,
  lang: Lang,
  out: string | Writable,
): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, not at start-up
  const { stream } = require('exceljs') as typeof ExcelJS;
  const workbook = new stream.xlsx.WorkbookWriter({
    ...(typeof out === 'string' ? { filename: out } : { stream: out }),
    useStyles: false,
    useSharedStrings: false,
  });
  const zh = lang === 'zh';
  const changes = workbook.addWorksheet(zh ? '变化明细' : 'Changes');
  changes.addRow(HEADERS[lang]).commit();
  for (const t of report.tenants) changes.addRow(guard(changeCells(t, titles, lang))).commit();
  changes.commit();
  const summary = workbook.addWorksheet(zh ? '汇总' : 'Summary');
  for (const row of summaryRows(report, lang)) summary.addRow(guard(row)).commit();
  summary.commit();
  await workbook.commit();
}

function summaryRows(r: ImpactReport, lang: Lang): OutputCell[][] {
  const zh = lang === 'zh';
  return [
    [zh ? '判断日期' : 'As of', r.asOf],
    [zh ? '基准规则包' : 'Base pack', r.base],
    [zh ? '情景规则包' : 'Scenario pack', r.scenario],
    [zh ? '企业数' : 'Tenants', r.population.tenants],
    [zh ? '未通过校验的行' : 'Rejected rows', r.population.rejected],
    [zh ? '获益企业（新符合至少一项）' : 'Tenants gaining (at least one measure)', r.gained],
    [zh ? '受损企业（不再符合至少一项）' : 'Tenants losing (at least one measure)', r.lost],
    [zh ? '新增接近符合的企业' : 'Tenants with a new near miss', r.newNearMisses],
    [zh ? '估算金额变化（元/年）' : 'Change in estimated value (yuan/yr)', round(r.valueChange)],
    [],
    zh
      ? ['措施', '措施编号', '新符合', '不再符合', '新增接近符合', '估算金额变化（元/年）']
      : ['Measure', 'Id', 'Gained', 'Lost', 'New near misses', 'Value change (yuan/yr)'],
    ...r.byMeasure.map((m) => [m.title, m.measureId, m.gained, m.lost, m.newNearMisses, round(m.valueChange)]),
  ];
}

const guard = (cells: OutputCell[]) => cells.map((c) => (typeof c === 'string' ? neutralizeFormula(c) : c));

/** Writes the changes to `file`: .xlsx as a workbook, anything else as CSV. */
export async function writeChangesFile(
  report: ImpactReport,
  titles: ReadonlyMap<string, string>,
  lang: Lang,
  file: string,
): Promise<void> {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  if (path.extname(file).toLowerCase() === '.xlsx') return writeChangesXlsx(report, titles, lang, file);
  return writeChangesCsv(report, titles, lang, fs.createWriteStream(file));
}
