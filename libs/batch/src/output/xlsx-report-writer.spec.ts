import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import type { SummaryJson } from '../screening/screening-summary';
import { XlsxReportWriter } from './xlsx-report-writer';

async function summarySheet(lang: 'zh' | 'en', summary: SummaryJson | null): Promise<string[][]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xlsx-report-'));
  const file = path.join(dir, 'report.xlsx');
  try {
    const report = new XlsxReportWriter({
      out: file,
      measures: [{ id: 'gd-m1', title: 'Measure one' }],
      sourceHeaders: ['统一社会信用代码'],
      lang,
      title: 'tenants.xlsx',
      rulePackVersion: '2026.11.1',
    });
    await report.endResults();
    await report.finish(summary);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const sheet = book.worksheets[book.worksheets.length - 1];
    const rows: string[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v))));
    return rows;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('XlsxReportWriter summary sheet', () => {
  it('says that no summary was recorded, instead of failing, when the screening has none', async () => {
    const rows = await summarySheet('en', null);
    expect(rows).toEqual([
      ['File', 'tenants.xlsx'],
      ['No summary was recorded for this screening; see "Results" for each tenant.'],
      ['Rule pack version', '2026.11.1'],
    ]);
  });

  it('says it in Chinese on a Chinese report', async () => {
    const rows = await summarySheet('zh', null);
    expect(rows[1][0]).toBe('本次筛查没有记录汇总数据；各企业结果见“筛查结果”。');
  });

  it('lists the counts and each measure when the screening has a summary', async () => {
    const rows = await summarySheet('en', {
      rowsIn: 3,
      screened: 2,
      rejected: 1,
      blankRows: 0,
      warnings: 0,
      measures: [{ measureId: 'gd-m1', title: 'Measure one', eligible: 1, needsInfo: 1, ineligible: 0, nearMiss: 0 }],
    });
    expect(rows).toContainEqual(['Rows read', '3']);
    expect(rows).toContainEqual(['gd-m1', 'Measure one', '1', '1', '0', '0']);
  });
});
