import type { Lang } from '@app/engine';
import { ExportColumn, ExportSheet, labelOf, tableCsv, tablesXlsx } from '../table-export';
import type { Dashboard, MeasureCounts, MeasureRow, PlaceRow } from './dashboard.service';

const COUNTS: ExportColumn<MeasureCounts>[] = [
  { zh: '申报数', en: 'Applied', value: (r) => r.applied },
  { zh: '待审核', en: 'Pending', value: (r) => r.pending },
  { zh: '需补充材料', en: 'Needs info', value: (r) => r.needsInfo },
  { zh: '审核通过', en: 'Confirmed', value: (r) => r.confirmed },
  { zh: '不予通过', en: 'Rejected', value: (r) => r.rejected },
  { zh: '已拨付', en: 'Paid', value: (r) => r.paid },
  { zh: '拨付金额（元）', en: 'Amount paid (CNY)', value: (r) => r.amountPaid },
  { zh: '兑现率', en: 'Realization rate', value: (r) => r.realizationRate },
];

export const DASHBOARD_TABLES = ['measure', 'city', 'park', 'status'] as const;
export type DashboardTable = (typeof DASHBOARD_TABLES)[number];

function sheets(d: Dashboard): Record<DashboardTable, ExportSheet<unknown>> {
  const measure: ExportSheet<MeasureRow> = {
    name: { zh: '按措施', en: 'by measure' },
    columns: [
      { zh: '措施编号', en: 'Measure id', value: (r) => r.measureId, width: 36 },
      { zh: '措施名称', en: 'Measure', value: (r) => r.title, width: 50 },
      ...(COUNTS as ExportColumn<MeasureRow>[]),
    ],
    rows: d.byMeasure,
  };
  const place = (zh: string, en: string, rows: PlaceRow[]): ExportSheet<PlaceRow> => ({
    name: { zh: `按${zh}`, en: `by ${en.toLowerCase()}` },
    columns: [
      { zh, en, value: (r) => r.key ?? '' },
      { zh: '案件数', en: 'Cases', value: (r) => r.cases },
      ...(COUNTS as ExportColumn<PlaceRow>[]),
    ],
    rows,
  });
  const status: ExportSheet<[string, number]> = {
    name: { zh: '按状态', en: 'by status' },
    columns: [
      { zh: '案件状态', en: 'Case status', value: (r, l) => labelOf(r[0], l) },
      { zh: '案件数', en: 'Cases', value: (r) => r[1] },
    ],
    rows: Object.entries(d.byStatus),
  };
  return {
    measure: measure,
    city: place('城市', 'City', d.byCity),
    park: place('园区', 'Park', d.byPark),
    status: status,
  };
}

export function dashboardCsv(d: Dashboard, table: DashboardTable, lang: Lang): Buffer {
  return tableCsv(sheets(d)[table], lang);
}

export function dashboardXlsx(d: Dashboard, lang: Lang): Promise<Buffer> {
  const all = sheets(d);
  return tablesXlsx(
    DASHBOARD_TABLES.map((t) => all[t]),
    lang,
  );
}
