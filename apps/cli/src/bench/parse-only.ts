import * as fs from 'node:fs';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import * as iconv from 'iconv-lite';
import { csvParseOptions, sniffCsv } from '@app/batch';

/**
 * The baseline of the end-to-end bench, run as its own process like the CLI: read the file and let csv-parse
 * (with the options the screening reader uses) produce every record, doing nothing with them.
 * Prints `{ records, seconds, peakRssMb }`.
 */
async function main(file: string): Promise<void> {
  const started = process.hrtime.bigint();
  const dialect = sniffCsv(file);
  const input = fs.createReadStream(file, { highWaterMark: 1 << 20, start: dialect.bomLength });
  const text: Readable =
    dialect.encoding === 'utf-8' ? input : (input.pipe(iconv.decodeStream(dialect.encoding)) as unknown as Readable);
  const parser = text.pipe(parse(csvParseOptions(dialect)));
  let records = 0;
  for await (const record of parser) if (record) records++;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(JSON.stringify({ records, seconds, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
}

main(process.argv[2]).catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
