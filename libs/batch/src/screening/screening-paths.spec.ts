import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { compilePack, defaultRulesDir, loadRulePack } from '@app/engine';
import { openTenantFile } from '../input/tenant-file';
import { createFileSink, CsvFileSink } from '../output/file-sink';
import { screenCsvInChunks } from '../parallel/parallel-csv-screening';
import { writeSyntheticTenantCsv } from '../synthetic/synthetic-tenants';
import { screenRows } from './screen-rows';
import { TenantScreener } from './tenant-screener';
import { propertyRuns } from '../../../../test/support/property-runs';

/**
 * The CLI screens a CSV in chunks (on worker threads, or on the main thread) and everything else with the
 * streaming loop the API uses. Both must produce the same bytes from the same file.
 */
const ROWS = Math.max(300, propertyRuns(3000));

describe('streaming and chunked screening', () => {
  const screener = new TenantScreener(compilePack(loadRulePack()), 'zh', '2025-06-30');
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gdpm-paths-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function run(input: string, mode: 'stream' | 'chunks', out: string) {
    const file = await openTenantFile(input);
    const sink = createFileSink(out, {
      measures: screener.measures,
      sourceHeaders: file.columns.headers,
      lang: 'zh',
    }) as CsvFileSink;
    const summary =
      mode === 'stream'
        ? (await screenRows(file, sink, { screener, lang: 'zh', batchSize: 333 })).summary.toJSON()
        : await screenCsvInChunks(file, {
            threads: 1,
            lang: 'zh',
            screener,
            rulesDir: defaultRulesDir(),
            results: sink.results,
            rejected: sink.rejected,
            chunkBytes: 64 << 10,
          });
    await sink.finish(summary);
    return { summary, results: fs.readFileSync(out), rejected: fs.readFileSync(sink.rejectedTarget) };
  }

  it.each(['utf-8', 'gb18030'] as const)(
    'give identical results, rejected rows and counts (%s, bad and blank rows, small chunks)',
    async (encoding) => {
      const input = path.join(dir, `t-${encoding}.csv`);
      const info = writeSyntheticTenantCsv(input, { rows: ROWS, badEvery: 37, seed: 9, encoding });
      fs.appendFileSync(input, '\r\n,,,\r\n'); // blank rows at the end count as blank, not as tenants
      const stream = await run(input, 'stream', path.join(dir, `s-${encoding}.csv`));
      const chunks = await run(input, 'chunks', path.join(dir, `c-${encoding}.csv`));
      expect(chunks.summary).toEqual(stream.summary);
      expect(stream.summary).toMatchObject({ rowsIn: ROWS, rejected: info.badRows.length, blankRows: 2 });
      expect(chunks.results.equals(stream.results)).toBe(true);
      expect(chunks.rejected.equals(stream.rejected)).toBe(true);
    },
  );
});
