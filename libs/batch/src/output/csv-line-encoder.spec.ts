import { PassThrough } from 'node:stream';
import type { TenantOutcome } from '../screening/screening-outcome';
import { CsvLineEncoder } from './csv-line-encoder';
import { CsvTableWriter } from './csv-table-writer';
import { toResultRow } from './file-sink';
import { resultCells } from './result-columns';

const tenant = (over: Partial<TenantOutcome> = {}): TenantOutcome => ({
  rowNumber: 7,
  facts: { creditCode: '91440300MA5F000108', name: '=cmd|"/c calc"!A1, 有限公司', parkId: undefined },
  statuses: Uint8Array.from([0, 1, 2, 3, 1, 0, 0]),
  counts: { eligible: 2, needsInfo: 1, nearMiss: 1, ineligible: 3, benchmarksMet: 1, estimatedValue: 130000 },
  warnings: [],
  ...over,
});

async function viaTableWriter(t: TenantOutcome, lang: 'zh' | 'en'): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const writer = new CsvTableWriter(out, [], false);
  writer.row(resultCells(toResultRow(t), lang));
  await writer.end();
  return Buffer.concat(chunks).toString('utf8').replace(/^\r\n/, '');
}

describe(CsvLineEncoder.name, () => {
  it.each(['zh', 'en'] as const)('writes the same bytes as the table writer (%s)', async (lang) => {
    for (const t of [
      tenant(),
      tenant({ warnings: [{ field: 'creditCode', code: 'checksum-mismatch', message: '校验位不符, 请核对' }] }),
    ]) {
      const sut = new CsvLineEncoder(lang, 16);
      sut.tenant(t);
      expect(sut.take().toString('utf8')).toBe(await viaTableWriter(t, lang));
    }
  });

  it('grows its buffer and starts empty after take()', () => {
    const sut = new CsvLineEncoder('zh', 8);
    for (let i = 0; i < 100; i++) sut.tenant(tenant({ rowNumber: i }));
    expect(sut.take().toString('utf8').split('\r\n').filter(Boolean)).toHaveLength(100);
    expect(sut.length).toBe(0);
  });
});
