import type { Lang } from '@app/engine';
import type { DecisionExportRow } from './decisions.service';
import { ExportColumn, ExportSheet, labelOf, tableCsv, tablesXlsx } from './table-export';

export { neutralizeFormula } from './table-export';

/** Chinese headers and values by default (`lang=en`: English); one row per decision. */
const COLUMNS: ExportColumn<DecisionExportRow>[] = [
  { zh: '决定时间', en: 'Decided at', value: (r) => r.decidedAt, width: 24 },
  { zh: '决定', en: 'Decision', value: (r, l) => labelOf(r.decision, l) },
  { zh: '意见', en: 'Comment', value: (r) => r.comment, width: 60 },
  { zh: '原状态', en: 'Previous state', value: (r, l) => labelOf(r.previousState, l) },
  { zh: '拨付金额（元）', en: 'Amount paid (CNY)', value: (r) => r.amount },
  { zh: '拨付日期', en: 'Paid on', value: (r) => r.paidOn },
  { zh: '审核人', en: 'Decided by', value: (r) => r.decidedBy.name },
  { zh: '案件编号', en: 'Case id', value: (r) => r.item.caseId },
  { zh: '审核项编号', en: 'Review item id', value: (r) => r.reviewId },
  { zh: '序号', en: 'Seq', value: (r) => r.seq },
  { zh: '来源', en: 'Source', value: (r, l) => labelOf(r.item.sourceType, l) },
  { zh: '来源编号', en: 'Source id', value: (r) => r.item.sourceId },
  { zh: '园区名单行号', en: 'Screening row', value: (r) => r.item.sourceKey || null },
  { zh: '措施编号', en: 'Measure id', value: (r) => r.item.measureId, width: 36 },
  { zh: '措施版本', en: 'Measure version', value: (r) => r.item.measureVersion },
  { zh: '规则包版本', en: 'Rule pack version', value: (r) => r.item.rulePackVersion },
  { zh: '匹配结果', en: 'Match status', value: (r, l) => labelOf(r.item.matchStatus, l) },
  { zh: '企业名称', en: 'Company', value: (r) => r.item.companyName, width: 30 },
  { zh: '统一社会信用代码', en: 'Credit code', value: (r) => r.item.creditCode, width: 22 },
  { zh: '城市', en: 'City', value: (r) => r.item.city },
  { zh: '园区', en: 'Park', value: (r) => r.item.parkId },
];

const sheet = (rows: DecisionExportRow[]): ExportSheet<DecisionExportRow> => ({
  name: { zh: '审核决定', en: 'decisions' },
  columns: COLUMNS,
  rows,
});

export function decisionsCsv(rows: DecisionExportRow[], lang: Lang = 'zh'): Buffer {
  return tableCsv(sheet(rows), lang);
}

export function decisionsXlsx(rows: DecisionExportRow[], lang: Lang = 'zh'): Promise<Buffer> {
  return tablesXlsx([sheet(rows)], lang);
}
